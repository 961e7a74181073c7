package org.nqpf.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.nqpf.contracts.Dimension.LABORERS;
import static org.nqpf.contracts.Subsystem.AI;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nqpf.testsupport.ApiClient.Response;
import tools.jackson.databind.JsonNode;

class AssessmentApiIT extends IntegrationTest {

    @Test
    void should_AnswerProblemJson404_When_EntityHasNoAssessment() {
        Response r = api.get("/api/v1/assessments/nobody-" + unique());
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.body().path("detail").asString()).startsWith("no assessment of entity nobody-");
    }

    @Test
    void should_AnswerProblemJson400_When_PeriodIsNoYear() {
        Response r = api.get("/api/v1/assessments/anyone?period=last");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.body().path("detail").asString()).contains("period").contains("YYYY");
    }

    @Test
    void should_ServeTheNewestPeriodAndFirstCohort_When_NotAsked_And_OthersOnRequest() {
        String run = unique();
        String first = "first-" + run;
        String second = "second-" + run;
        String h1 = "H1-" + run;
        String h2 = "H2-" + run;
        // H1 belongs to two cohorts; in the second it is alone
        send(observation(h1, List.of(first, second), "L1", LABORERS, AI, 1, "2021", 4.0, 1));
        send(observation(h2, List.of(first), "L1", LABORERS, AI, 1, "2021", 2.0, 1));
        send(observation(h1, List.of(first, second), "L1", LABORERS, AI, 1, "2022", 1.0, 1));
        send(observation(h2, List.of(first), "L1", LABORERS, AI, 1, "2022", 3.0, 1));
        awaitAssessment("/api/v1/assessments/" + h1 + "?period=2022&cohort=" + first,
                n -> n.path("cohortSize").asInt() == 2);
        awaitAssessment("/api/v1/assessments/" + h1 + "?period=2021&cohort=" + first,
                n -> n.path("cohortSize").asInt() == 2);

        JsonNode newest = api.get("/api/v1/assessments/" + h1).body();
        assertThat(newest.path("period").asString()).isEqualTo("2022");
        assertThat(newest.path("cohort").asString()).isEqualTo(first);
        assertThat(newest.path("rank").asInt()).isEqualTo(2);
        assertThat(newest.path("method").path("normalisation").asString()).isEqualTo("minmax[0,100]");

        JsonNode alone = awaitAssessment("/api/v1/assessments/" + h1 + "?cohort=" + second, n -> true);
        assertThat(alone.path("cohortSize").asInt()).isEqualTo(1);
        assertThat(alone.path("overallScore").asDouble()).isCloseTo(50, within(1e-6));

        JsonNode ranking2021 = api.get("/api/v1/assessments?cohort=" + first + "&period=2021").body();
        assertThat(ranking2021.path("ranking").findValuesAsString("entityId")).containsExactly(h1, h2);
        assertThat(ranking2021.path("cohortSize").asInt()).isEqualTo(2);

        JsonNode history = api.get("/api/v1/assessments/" + h1 + "/history").body();
        assertThat(history.path("cohort").asString()).isEqualTo(first);
        assertThat(history.path("periods").findValuesAsString("period")).containsExactly("2021", "2022");
        assertThat(history.path("periods").get(0).path("overallScore").asDouble()).isCloseTo(100, within(1e-6));
        assertThat(history.path("periods").get(1).path("overallScore").asDouble()).isCloseTo(0, within(1e-6));
        assertThat(history.path("periods").get(1).path("dimensions").get(0).path("rank").asInt()).isEqualTo(2);

        Response unknownCohort = api.get("/api/v1/assessments?cohort=none-" + run);
        assertThat(unknownCohort.status()).isEqualTo(404);
        assertThat(unknownCohort.contentType()).startsWith("application/problem+json");
    }
}

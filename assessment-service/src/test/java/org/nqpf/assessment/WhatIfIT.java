package org.nqpf.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.nqpf.contracts.Dimension.LABORERS;
import static org.nqpf.contracts.Subsystem.AI;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nqpf.testsupport.ApiClient.Response;
import tools.jackson.databind.JsonNode;

class WhatIfIT extends IntegrationTest {

    @Test
    void should_ProjectScoresFromHypotheticalValues_And_StoreNothing() {
        String run = unique();
        String cohort = "whatif-" + run;
        String a = "A-" + run;
        String b = "B-" + run;
        String c = "C-" + run;
        send(observation(a, List.of(cohort), "L1", LABORERS, AI, 1, "2030", 1.0, 1));
        send(observation(b, List.of(cohort), "L1", LABORERS, AI, 1, "2030", 2.0, 1));
        send(observation(c, List.of(cohort), "L1", LABORERS, AI, 1, "2030", 3.0, 1));
        JsonNode stored = awaitAssessment("/api/v1/assessments/" + b + "?period=2030",
                n -> n.path("cohortSize").asInt() == 3);
        assertThat(stored.path("overallScore").asDouble()).isCloseTo(50, within(1e-6));
        List<JsonNode> events = published(cohort, "2030", 3, Duration.ofSeconds(5));
        int eventsBefore = events.size();
        assertThat(events).allSatisfy(e -> assertThat(e.path("entityKind").asString()).isEqualTo("REGION"));

        // B at 4 would lead the cohort: min-max over 1..4 puts it at 100, A stays at 0 and C moves to 66.67.
        Response projection = api.post("/api/v1/assessments/" + b + "/what-if?period=2030", "{\"values\": {\"L1\": 4}}");
        assertThat(projection.status()).isEqualTo(200);
        assertThat(projection.body().path("projected").path("overallScore").asDouble()).isCloseTo(100, within(1e-6));
        assertThat(projection.body().path("projected").path("rank").asInt()).isEqualTo(1);
        assertThat(projection.body().path("change").path("overallScore").asDouble()).isCloseTo(50, within(1e-6));
        assertThat(projection.body().path("change").path("rank").asDouble()).isEqualTo(-1.0);
        assertThat(projection.body().path("current").path("overallScore").asDouble()).isCloseTo(50, within(1e-6));

        JsonNode after = api.get("/api/v1/assessments/" + b + "?period=2030").body();
        assertThat(after.path("assessmentId").asString()).isEqualTo(stored.path("assessmentId").asString());
        assertThat(after.path("overallScore").asDouble()).isCloseTo(50, within(1e-6));
        assertThat(published(cohort, "2030", eventsBefore + 1, Duration.ofSeconds(3))).hasSize(eventsBefore);

        Response unknown = api.post("/api/v1/assessments/" + b + "/what-if?period=2030", "{\"values\": {\"NOPE\": 1}}");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.body().path("detail").asString()).contains("values.NOPE");
        assertThat(api.post("/api/v1/assessments/nobody-" + run + "/what-if", "{\"values\": {\"L1\": 1}}").status())
                .isEqualTo(404);
    }
}

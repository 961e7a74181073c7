package org.nqpf.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.nqpf.contracts.Dimension.LABORERS;
import static org.nqpf.contracts.Dimension.MEANS_OF_LABOR;
import static org.nqpf.contracts.Subsystem.AI;
import static org.nqpf.contracts.Subsystem.NQPF;

import org.junit.jupiter.api.Test;
import org.nqpf.testsupport.ApiClient.Response;
import tools.jackson.databind.JsonNode;

class ProfileAndUncertaintyIT extends IntegrationTest {

    @Test
    void should_RecomputeWithTheNewProfileVersion_When_TheFrameworksProfileChanges() {
        String run = unique();
        String framework = "PROFILE-" + run;
        String cohort = "profile-" + run;
        // One skewed indicator: min-max puts B near A, rank scaling puts it halfway.
        send(observation(framework, "A-" + run, cohort, "L1", LABORERS, AI, "2031", 1.0));
        send(observation(framework, "B-" + run, cohort, "L1", LABORERS, AI, "2031", 2.0));
        send(observation(framework, "C-" + run, cohort, "L1", LABORERS, AI, "2031", 100.0));
        JsonNode before = awaitAssessment("/api/v1/assessments/B-" + run + "?period=2031",
                n -> n.path("cohortSize").asInt() == 3);
        assertThat(before.path("overallScore").asDouble()).isCloseTo(100.0 / 99, within(1e-6));
        assertThat(api.get("/api/v1/profiles/" + framework).body().path("version").asInt()).isZero();
        assertThat(before.path("method").path("profileVersion").asInt()).as("the default profile").isZero();
        assertThat(before.path("frameworkVersion").asInt()).isEqualTo(1);

        Response updated = api.put("/api/v1/profiles/" + framework, """
                {"normalise": {"method": "rank", "range": [0, 100]}, "weights": {"method": "equal"}, "aggregate": {"method": "amean"}}""");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.body().path("version").asInt()).isEqualTo(1);

        JsonNode after = awaitAssessment("/api/v1/assessments/B-" + run + "?period=2031",
                n -> Math.abs(n.path("overallScore").asDouble() - 50) < 1e-6);
        assertThat(after.path("method").path("normalisation").asString()).startsWith("rank");
        assertThat(after.path("method").path("profileVersion").asInt()).isEqualTo(1);
        assertThat(after.path("inputDigest").asString()).isNotEqualTo(before.path("inputDigest").asString());
        assertThat(api.get("/api/v1/profiles/" + framework + "/versions").body()).hasSize(1);

        Response unbounded = api.put("/api/v1/profiles/" + framework, "{\"normalise\": {\"method\": \"zscore\"}}");
        assertThat(unbounded.status()).isEqualTo(422);
        assertThat(unbounded.body().path("detail").asString()).contains("normalise.method");
        // A body that is no JSON is unreadable, a 400 as on every endpoint; it still says where it broke
        Response broken = api.put("/api/v1/profiles/" + framework, "{\"normalise\": ");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.body().path("detail").asString()).contains("line 1");
        assertThat(api.get("/api/v1/profiles/" + framework).body().path("version").asInt()).isEqualTo(1);
    }

    @Test
    void should_GiveEachUnitAMedianRankAndA5To95Interval() {
        String run = unique();
        String cohort = "mc-" + run;
        // A clearly leads and D clearly trails; B and C trade places depending on weights and methods.
        double[][] values = {{9, 9}, {6, 3}, {3, 6}, {1, 1}};
        String[] units = {"A-" + run, "B-" + run, "C-" + run, "D-" + run};
        for (int u = 0; u < units.length; u++) {
            send(observation(FRAMEWORK, units[u], cohort, "L1", LABORERS, AI, "2031", values[u][0]));
            send(observation(FRAMEWORK, units[u], cohort, "M1", MEANS_OF_LABOR, NQPF, "2031", values[u][1]));
        }
        // Events travel on different partitions: once every unit has both dimensions, all eight values are in.
        for (String unit : units) {
            awaitAssessment("/api/v1/assessments/" + unit + "?period=2031", n -> n.path("cohortSize").asInt() == 4
                    && n.path("dimensions").size() == 2);
        }

        JsonNode result = api.get("/api/v1/assessments/" + units[1] + "/uncertainty?period=2031&runs=400&seed=7").body();
        assertThat(result.path("runs").asInt()).isEqualTo(400);
        JsonNode first = result.path("units").get(0);
        assertThat(first.path("entityId").asString()).isEqualTo(units[1]);
        assertThat(first.path("rank5").asDouble()).isEqualTo(2.0);
        assertThat(first.path("rank95").asDouble()).isEqualTo(3.0);
        for (JsonNode u : result.path("units")) {
            if (u.path("entityId").asString().equals(units[0])) {
                assertThat(u.path("rank5").asDouble()).isEqualTo(1.0);
                assertThat(u.path("rank95").asDouble()).isEqualTo(1.0);
            }
            if (u.path("entityId").asString().equals(units[3])) {
                assertThat(u.path("medianRank").asDouble()).isEqualTo(4.0);
            }
        }
        JsonNode again = api.get("/api/v1/assessments/" + units[1] + "/uncertainty?period=2031&runs=400&seed=7").body();
        assertThat(again).isEqualTo(result);
        assertThat(api.get("/api/v1/assessments/" + units[1] + "/uncertainty?runs=5").status()).isEqualTo(400);
    }

}

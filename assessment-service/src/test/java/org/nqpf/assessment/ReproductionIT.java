package org.nqpf.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nqpf.contracts.Dimension.LABORERS;
import static org.nqpf.contracts.Dimension.MEANS_OF_LABOR;
import static org.nqpf.contracts.Subsystem.AI;
import static org.nqpf.contracts.Subsystem.NQPF;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Any published assessment can be recomputed on demand and checked against what was stored. */
class ReproductionIT extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void should_ReproduceAStoredResult_WithTheProfileVersionItNames_And_NoticeAResultItsMethodDidNotMake() {
        String run = unique();
        String framework = "REPRO-" + run;
        String cohort = "repro-" + run;
        double[][] values = {{1, 7}, {4, 2}, {9, 5}};
        for (int u = 0; u < values.length; u++) {
            send(observation(framework, "U" + u + "-" + run, cohort, "L1", LABORERS, AI, "2033", values[u][0]));
            send(observation(framework, "U" + u + "-" + run, cohort, "M1", MEANS_OF_LABOR, NQPF, "2033", values[u][1]));
        }
        String unit = "U1-" + run;
        // Events travel on different partitions: once every unit has both indicators, the last recompute saw them all.
        for (int u = 0; u < values.length; u++) {
            awaitAssessment("/api/v1/assessments/U" + u + "-" + run + "?period=2033",
                    n -> n.path("cohortSize").asInt() == 3 && n.path("explanation").size() == 2);
        }

        JsonNode first = api.get("/api/v1/assessments/" + unit + "/reproduction?period=2033").body();
        assertThat(first.path("profileVersion").asInt()).isZero();
        assertThat(first.path("inputsUnchanged").asBoolean()).isTrue();
        assertThat(first.path("reproduced").asBoolean()).as(first.toString()).isTrue();
        assertThat(first.path("resultDigest").asString()).isEqualTo(first.path("storedResultDigest").asString());

        // A new profile version: the stored result is recomputed with it, and reproduced with it.
        assertThat(api.put("/api/v1/profiles/" + framework, """
                {"normalise": {"range": [1, 100]}, "weights": {"method": "entropy"}, "aggregate": {"method": "gmean"}}""").status()).isEqualTo(200);
        awaitAssessment("/api/v1/assessments/" + unit + "?period=2033",
                n -> n.path("method").path("profileVersion").asInt() == 1);
        JsonNode second = api.get("/api/v1/assessments/" + unit + "/reproduction?period=2033").body();
        assertThat(second.path("profileVersion").asInt()).isEqualTo(1);
        assertThat(second.path("reproduced").asBoolean()).as(second.toString()).isTrue();
        assertThat(second.path("resultDigest").asString()).isNotEqualTo(first.path("resultDigest").asString());

        // A stored result the method does not give (tampered with, or written by a faulty release) is caught.
        jdbc.sql("UPDATE assessment SET result_digest = repeat('0', 64) WHERE framework_code = ? AND entity_id = ?")
                .params(framework, unit).update();
        JsonNode tampered = api.get("/api/v1/assessments/" + unit + "/reproduction?period=2033").body();
        assertThat(tampered.path("inputsUnchanged").asBoolean()).isTrue();
        assertThat(tampered.path("reproduced").asBoolean()).isFalse();
        assertThat(tampered.path("detail").asString()).contains("a different result");
        assertThat(api.get("/api/v1/assessments/nobody-" + run + "/reproduction").status()).isEqualTo(404);
    }

}

package org.nqpf.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nqpf.contracts.Dimension;
import org.nqpf.contracts.Subsystem;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

class RecomputeCoalescingIT extends IntegrationTest {

    private static final int ENTITIES = 30;
    private static final int INDICATORS = 10;

    @Autowired
    JdbcClient jdbc;

    @Test
    void should_RecomputeFarFewerTimesThanObservations_When_ABurstArrives() {
        String run = unique();
        String cohort = "burst-" + run;
        Dimension[] dimensions = Dimension.values();
        double before = recomputes();

        for (int i = 0; i < ENTITIES; i++) {
            for (int j = 0; j < INDICATORS; j++) {
                send(observation("E" + i + "-" + run, List.of(cohort), "I" + j, dimensions[j % 4],
                        j % 2 == 0 ? Subsystem.AI : Subsystem.NQPF, 1, "2019", (double) (i * 7 + j) % 13 + i, 1));
            }
        }
        int observations = ENTITIES * INDICATORS;
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() -> {
            JsonNode ranking = api.get("/api/v1/assessments?cohort=" + cohort + "&period=2019").body();
            long values = jdbc.sql("SELECT count(*) FROM observation_value WHERE period = '2019' AND entity_id LIKE ?")
                    .param("%-" + run).query(Long.class).single();
            long dirty = jdbc.sql("SELECT count(*) FROM dirty_cohort_period WHERE cohort = ?").param(cohort)
                    .query(Long.class).single();
            return values == observations && dirty == 0 && ranking.path("cohortSize").asInt() == ENTITIES;
        });
        double recomputes = recomputes() - before;

        assertThat(recomputes).isGreaterThanOrEqualTo(1).isLessThan(observations / 10.0);
        // and the result is complete: every entity has every indicator
        JsonNode one = api.get("/api/v1/assessments/E0-" + run + "?period=2019").body();
        assertThat(one.path("explanation").size()).isEqualTo(INDICATORS);
        assertThat(one.path("cohortSize").asInt()).isEqualTo(ENTITIES);
    }
}

package org.nqpf.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.nqpf.contracts.Dimension.LABORERS;
import static org.nqpf.contracts.Dimension.MEANS_OF_LABOR;
import static org.nqpf.contracts.Subsystem.AI;
import static org.nqpf.contracts.Subsystem.NQPF;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Trends that mean something. Region X improves every indicator from 2050 to 2051, but its peers improve more. Per
 * period, min-max places X among that year's peers, so its score falls although it got better; normalised over the
 * panel, its later score is higher, and the history says which kind of score it shows.
 * <p>
 * Values (L1 AI, M1 NQPF): 2050 X 2/2, Y 1/1, Z 3/3; 2051 X 3/3, Y 5/5, Z 6/6. Per period X is 50 in 2050
 * ((2-1)/(3-1)) and 0 in 2051. Over the panel (bounds 1 and 6) X is 20 in 2050 and 40 in 2051.
 */
class PanelNormalisationIT extends IntegrationTest {

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    private static final double[][][] VALUES = { // [period][unit][indicator]
            {{2, 2}, {1, 1}, {3, 3}},
            {{3, 3}, {5, 5}, {6, 6}}};
    private static final List<String> PERIODS = List.of("2050", "2051");

    @Test
    void should_ShowARisingScore_When_AnEntityImprovedEverythingAndScoresAreNormalisedOverThePanel() {
        String run = unique();
        String perPeriod = "PER-" + run;
        String panel = "PANEL-" + run;
        String[] units = cohortUnderBothProfiles(run);

        // Per period: X fell from 50 to 0 although every value rose.
        assertThat(score(units[0], "2050", perPeriod)).isCloseTo(50, within(1e-6));
        assertThat(score(units[0], "2051", perPeriod)).isCloseTo(0, within(1e-6));
        // Over the panel: X rose from 20 to 40.
        assertThat(score(units[0], "2050", panel)).isCloseTo(20, within(1e-6));
        assertThat(score(units[0], "2051", panel)).isCloseTo(40, within(1e-6));

        JsonNode history = api.get("/api/v1/assessments/" + units[0] + "/history?framework=" + panel).body();
        assertThat(history.path("normalisedOver").asString()).isEqualTo("PANEL");
        assertThat(history.path("comparableOverTime").asBoolean()).isTrue();
        assertThat(history.path("periods").get(1).path("overallScore").asDouble())
                .isGreaterThan(history.path("periods").get(0).path("overallScore").asDouble());
        JsonNode relative = api.get("/api/v1/assessments/" + units[0] + "/history?framework=" + perPeriod).body();
        assertThat(relative.path("normalisedOver").asString()).isEqualTo("PERIOD");
        assertThat(relative.path("comparableOverTime").asBoolean()).isFalse();
        assertThat(api.get("/api/v1/assessments?cohort=c-" + run + "&framework=" + panel + "&period=2050").body()
                .path("normalisedOver").asString()).isEqualTo("PANEL");
        assertThat(api.get("/api/v1/assessments/" + units[0] + "?period=2050&framework=" + panel).body()
                .path("method").path("over").asString()).isEqualTo("PANEL");
    }

    /** A 2051 revision that moves the panel's upper bound re-scores 2050 too; per period, 2050 stays as it was. */
    @Test
    void should_RecomputeEveryPeriod_When_OnePeriodsDataMoveThePanelBounds() {
        String run = unique();
        String perPeriod = "PER-" + run;
        String panel = "PANEL-" + run;
        String[] units = cohortUnderBothProfiles(run);
        assertThat(score(units[0], "2050", panel)).isCloseTo(20, within(1e-6));

        // Z's 2051 values revised from 6 to 11: the panel's bounds are now 1 and 11, X's 2050 is (2-1)/10 = 10.
        for (String framework : List.of(perPeriod, panel)) {
            for (String indicator : List.of("L1", "M1")) {
                send(observation(units[2], List.of("c-" + run), indicator, indicator.equals("L1") ? LABORERS
                        : MEANS_OF_LABOR, indicator.equals("L1") ? AI : NQPF, 1, "2051", 11.0, 2, framework));
            }
        }
        awaitAssessment("/api/v1/assessments/" + units[0] + "?period=2050&framework=" + panel,
                a -> Math.abs(a.path("overallScore").asDouble() - 10) < 1e-6);
        await().atMost(WAIT).until(() -> meters.get("nqpf.assessment.recompute.pending").gauge().value() == 0);
        assertThat(score(units[0], "2051", panel)).as("(3-1)/10").isCloseTo(20, within(1e-6));
        assertThat(score(units[0], "2050", perPeriod)).as("per period, 2050 did not change").isCloseTo(50, within(1e-6));
    }

    /**
     * Two instances once recomputed one cohort's panel at the same time, each from the marks it could claim, and the
     * one that read older inputs could write last. Here this test's connection holds the cohort as another instance's
     * recompute does: Z's revision waits, marked, until it lets go, and is then recomputed.
     */
    @Test
    void should_LeaveTheCohortsNewMarkWaiting_While_AnotherInstanceRecomputesItsPanel() throws Exception {
        String run = unique();
        String panel = "PANEL-" + run;
        String cohort = "c-" + run;
        String[] units = cohortUnderBothProfiles(run);
        assertThat(score(units[0], "2050", panel)).isCloseTo(20, within(1e-6));

        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement hold = other.prepareStatement(
                    "SELECT pg_advisory_xact_lock(hashtext('nqpf.recompute.' || ? || '/' || ?))")) {
                hold.setString(1, panel);
                hold.setString(2, cohort);
                hold.execute();
            }
            for (String indicator : List.of("L1", "M1")) {
                send(observation(units[2], List.of(cohort), indicator, indicator.equals("L1") ? LABORERS
                        : MEANS_OF_LABOR, indicator.equals("L1") ? AI : NQPF, 1, "2051", 11.0, 2, panel));
            }
            await().atMost(WAIT).until(() -> marks(panel, cohort) > 0);
            // Ten recompute rounds (every 200 ms in tests) while the cohort is held: the mark stays, 2050 unchanged.
            Thread.sleep(2000);
            assertThat(marks(panel, cohort)).as("left for the next round").isPositive();
            assertThat(score(units[0], "2050", panel)).isCloseTo(20, within(1e-6));
            other.commit();
        }
        awaitAssessment("/api/v1/assessments/" + units[0] + "?period=2050&framework=" + panel,
                a -> Math.abs(a.path("overallScore").asDouble() - 10) < 1e-6);
    }

    private long marks(String framework, String cohort) {
        return jdbc.sql("SELECT count(*) FROM dirty_cohort_period WHERE framework_code = ? AND cohort = ?")
                .params(framework, cohort).query(Long.class).single();
    }

    /** X, Y and Z with VALUES under two frameworks: PER-run (per period, the default) and PANEL-run (over the panel). */
    private String[] cohortUnderBothProfiles(String run) {
        assertThat(api.put("/api/v1/profiles/PANEL-" + run, "{\"normalise\": {\"method\": \"minmax\", \"over\": \"panel\"}}")
                .status()).isEqualTo(200);
        String[] units = {"X-" + run, "Y-" + run, "Z-" + run};
        for (String framework : List.of("PER-" + run, "PANEL-" + run)) {
            send(framework, "c-" + run, units, VALUES);
        }
        awaitComplete(units);
        return units;
    }

    private void send(String framework, String cohort, String[] units, double[][][] values) {
        for (int t = 0; t < PERIODS.size(); t++) {
            for (int u = 0; u < units.length; u++) {
                send(observation(units[u], List.of(cohort), "L1", LABORERS, AI, 1, PERIODS.get(t), values[t][u][0], 1,
                        framework));
                send(observation(units[u], List.of(cohort), "M1", MEANS_OF_LABOR, NQPF, 1, PERIODS.get(t),
                        values[t][u][1], 1, framework));
            }
        }
    }

    private static org.nqpf.contracts.ObservationRecorded observation(String entity, List<String> cohorts,
            String indicator, org.nqpf.contracts.Dimension dimension, org.nqpf.contracts.Subsystem subsystem,
            int direction, String period, double value, int revision, String framework) {
        return new org.nqpf.contracts.ObservationRecorded(entity + "/" + indicator + "/" + period, entity, "REGION",
                cohorts, framework, 1, indicator, dimension, subsystem, null, direction, "unit", period, value, false,
                revision, "test", "KAFKA", java.time.Instant.now());
    }

    private void awaitComplete(String[] units) {
        for (String unit : units) {
            for (String period : PERIODS) {
                awaitAssessment("/api/v1/assessments/" + unit + "?period=" + period + "&framework=PANEL-"
                        + unit.substring(2), a -> a.path("cohortSize").asInt() == 3 && a.path("explanation").size() == 2);
                awaitAssessment("/api/v1/assessments/" + unit + "?period=" + period + "&framework=PER-"
                        + unit.substring(2), a -> a.path("cohortSize").asInt() == 3 && a.path("explanation").size() == 2);
            }
        }
        await().atMost(WAIT).until(() -> meters.get("nqpf.assessment.recompute.pending").gauge().value() == 0);
    }

    private double score(String unit, String period, String framework) {
        return api.get("/api/v1/assessments/" + unit + "?period=" + period + "&framework=" + framework).body()
                .path("overallScore").asDouble();
    }
}

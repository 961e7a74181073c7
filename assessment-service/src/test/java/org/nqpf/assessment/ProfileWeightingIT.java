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
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.nqpf.assessment.profile.MethodProfiles;
import org.nqpf.testsupport.ApiClient.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** Subjective (AHP) and combined weights in a framework's method profile, and a profile a cohort cannot run. */
class ProfileWeightingIT extends IntegrationTest {

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    MethodProfiles profiles;

    /** LABORERS 3 times as important as MEANS_OF_LABOR, and consistent judgements about OBJECTS_OF_LABOR. */
    private static final String AHP_OVER_DIMENSIONS = """
            {"weights": {"method": "ahp", "matrices": {"OVERALL": {
                "order": ["LABORERS", "MEANS_OF_LABOR", "OBJECTS_OF_LABOR"],
                "matrix": [[1, 3, 6], [0.3333333333, 1, 2], [0.1666666667, 0.5, 1]]}}}}""";

    @Test
    void should_WeightTheDimensionsByTheJudgements_When_TheProfileIsAhp() {
        String run = unique();
        String framework = "AHP-" + run;
        String cohort = "ahp-" + run;
        String[] units = sendTwoDimensionCohort(framework, cohort, run);
        // Min-max scores: L1 0, 50, 100 and M1 100, 0, 28.6; equal weights put A (50) above B (25).
        // Events travel on different partitions: wait for the state every observation has reached.
        JsonNode before = awaitAssessment("/api/v1/assessments/" + units[1] + "?period=2032",
                n -> n.path("cohortSize").asInt() == 3 && n.path("dimensions").size() == 2
                        && n.path("rank").asInt() == 3);
        assertThat(before.path("overallScore").asDouble()).isCloseTo(25, within(1e-6));

        Response saved = api.put("/api/v1/profiles/" + framework, AHP_OVER_DIMENSIONS);
        assertThat(saved.status()).as(saved.body().toString()).isEqualTo(200);
        assertThat(saved.body().path("method").asString()).contains("ahp[OVERALL]");

        // The cohort has no OBJECTS_OF_LABOR: the 2x2 judgement left, a = 3, gives weights a/(1+a) and 1/(1+a).
        double laborers = 3.0 / 4;
        double means = 1.0 / 4;
        for (String unit : units) {
            JsonNode a = awaitAssessment("/api/v1/assessments/" + unit + "?period=2032",
                    n -> n.path("method").path("weighting").asString().startsWith("ahp"));
            double l = dimensionScore(a, "LABORERS");
            double m = dimensionScore(a, "MEANS_OF_LABOR");
            assertThat(a.path("overallScore").asDouble()).as(unit).isCloseTo(laborers * l + means * m, within(1e-5));
        }
        JsonNode b = api.get("/api/v1/assessments/" + units[1] + "?period=2032").body();
        assertThat(b.path("rank").asInt()).as("B passes A where laborers weigh three times as much").isEqualTo(2);
        JsonNode uncertainty = api.get("/api/v1/assessments/" + units[1] + "/uncertainty?period=2032&runs=100").body();
        assertThat(uncertainty.path("design").asString()).as("perturbs the profile's weights")
                .contains("ahp[OVERALL]");
    }

    /**
     * CI once saw a profile saved while the worker recomputed its cohort-period with the old one: the save found the
     * mark there and left it, the recompute cleared it, and the new profile was never applied. Here this test's own
     * connection plays that recompute, holding the mark while the profile is saved, then clearing it.
     */
    @Test
    void should_RecomputeWithTheNewProfile_When_ItIsSavedWhileARecomputeWithTheOldOneHoldsTheMark() throws Exception {
        String run = unique();
        String framework = "AHP-RACE-" + run;
        String cohort = "race-" + run;
        String[] units = sendTwoDimensionCohort(framework, cohort, run);
        awaitAssessment("/api/v1/assessments/" + units[1] + "?period=2032",
                n -> n.path("cohortSize").asInt() == 3 && n.path("dimensions").size() == 2);

        try (Connection recompute = dataSource.getConnection()) {
            holdMark(recompute, framework, cohort, "2032");
            int pid = single(recompute, "SELECT pg_backend_pid()");
            CompletableFuture<Response> saving = CompletableFuture
                    .supplyAsync(() -> api.put("/api/v1/profiles/" + framework, AHP_OVER_DIMENSIONS));
            // The save either waits for the held mark or (as it did) passes it by and returns.
            await().atMost(WAIT).until(() -> saving.isDone() || blockedBy(pid) > 0);
            try (PreparedStatement clear = recompute.prepareStatement(
                    "DELETE FROM dirty_cohort_period WHERE framework_code = ? AND cohort = ? AND period = ?")) {
                clear.setString(1, framework);
                clear.setString(2, cohort);
                clear.setString(3, "2032");
                assertThat(clear.executeUpdate()).isEqualTo(1);
            }
            recompute.commit();
            Response saved = saving.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(saved.status()).as(saved.body().toString()).isEqualTo(200);
        }
        for (String unit : units) {
            awaitAssessment("/api/v1/assessments/" + unit + "?period=2032",
                    n -> n.path("method").path("weighting").asString().startsWith("ahp"));
        }
    }

    /**
     * A recompute under way holds the profile it read, so a new version waits for it to commit and its results are
     * then marked for the new one. Without the wait, the first results of a cohort-period made with the old profile
     * were left as they were: the save marks what has an assessment, and theirs was not yet committed.
     */
    @Test
    void should_WaitForARecomputeUnderWayWithTheOldProfile_When_ANewOneIsSaved() throws Exception {
        String framework = "AHP-HOLD-" + unique();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        int[] pid = new int[1];
        CompletableFuture<Void> recompute = CompletableFuture.runAsync(() -> tx.executeWithoutResult(status -> {
            profiles.hold(framework);
            pid[0] = jdbc.sql("SELECT pg_backend_pid()").query(Integer.class).single();
            held.countDown();
            try {
                done.await();
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        try {
            assertThat(held.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Response> saving = CompletableFuture
                    .supplyAsync(() -> api.put("/api/v1/profiles/" + framework, AHP_OVER_DIMENSIONS));
            await().atMost(WAIT).until(() -> saving.isDone() || blockedBy(pid[0]) > 0);
            assertThat(saving).as("the save waits for the recompute").isNotDone();
            done.countDown();
            recompute.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            Response saved = saving.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(saved.status()).as(saved.body().toString()).isEqualTo(200);
            assertThat(saved.body().path("version").asInt()).isEqualTo(1);
        }
        finally {
            done.countDown();
        }
    }

    /**
     * Leaves the connection in a transaction that holds the cohort-period's committed mark, as the worker's claim
     * does; the running worker may take a mark first, so it is written again until this connection holds one.
     */
    private static void holdMark(Connection connection, String framework, String cohort, String period)
            throws Exception {
        await().atMost(WAIT).until(() -> {
            connection.setAutoCommit(true);
            try (PreparedStatement mark = connection.prepareStatement("""
                    INSERT INTO dirty_cohort_period (framework_code, cohort, period) VALUES (?, ?, ?)
                    ON CONFLICT DO NOTHING""")) {
                mark.setString(1, framework);
                mark.setString(2, cohort);
                mark.setString(3, period);
                mark.executeUpdate();
            }
            connection.setAutoCommit(false);
            try (PreparedStatement claim = connection.prepareStatement("""
                    SELECT 1 FROM dirty_cohort_period WHERE framework_code = ? AND cohort = ? AND period = ?
                    FOR UPDATE SKIP LOCKED""")) {
                claim.setString(1, framework);
                claim.setString(2, cohort);
                claim.setString(3, period);
                try (ResultSet held = claim.executeQuery()) {
                    if (held.next()) {
                        return true;
                    }
                }
            }
            connection.rollback();
            return false;
        });
    }

    /** How many sessions wait for a lock the session {@code pid} holds. */
    private int blockedBy(int pid) {
        return jdbc.sql("SELECT count(*)::int FROM pg_stat_activity WHERE ? = ANY (pg_blocking_pids(pid))")
                .param(pid).query(Integer.class).single();
    }

    private static int single(Connection connection, String sql) throws Exception {
        try (PreparedStatement s = connection.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            r.next();
            return r.getInt(1);
        }
    }

    /** A, B and C in 2032 with L1 (LABORERS, AI) 1, 5, 9 and M1 (MEANS_OF_LABOR, NQPF) 9, 2, 4; their ids. */
    private String[] sendTwoDimensionCohort(String framework, String cohort, String run) {
        String[] units = {"A-" + run, "B-" + run, "C-" + run};
        double[][] values = {{1, 9}, {5, 2}, {9, 4}};
        for (int u = 0; u < units.length; u++) {
            send(observation(framework, units[u], cohort, "L1", LABORERS, AI, "2032", values[u][0]));
            send(observation(framework, units[u], cohort, "M1", MEANS_OF_LABOR, NQPF, "2032", values[u][1]));
        }
        return units;
    }

    /** The cohort of the engine's TOPSIS example (NqpfEngineTest), worked by hand there. */
    @Test
    void should_ScoreByClosenessToTheCohortsIdeal_When_TheProfileAggregatesWithTopsis() {
        String run = unique();
        String framework = "TOPSIS-" + run;
        String cohort = "topsis-" + run;
        String[] units = {"A-" + run, "B-" + run, "C-" + run};
        double[][] values = {{10, 5, 0}, {20, 1, 10}, {30, 3, 5}}; // min-max: L1 0/50/100, L2 100/0/50, M1 0/100/50
        for (int u = 0; u < units.length; u++) {
            send(observation(framework, units[u], cohort, "L1", LABORERS, AI, "2032", values[u][0]));
            send(observation(framework, units[u], cohort, "L2", LABORERS, NQPF, "2032", values[u][1]));
            send(observation(framework, units[u], cohort, "M1", MEANS_OF_LABOR, AI, "2032", values[u][2]));
        }
        // Events travel on different partitions: wait for the state every observation has reached (B and C tie):
        // every unit with its three values, then B as the whole cohort makes it.
        for (String unit : units) {
            awaitAssessment("/api/v1/assessments/" + unit + "?period=2032", n -> n.path("cohortSize").asInt() == 3
                    && n.path("explanation").valueStream().filter(x -> x.path("value").isNumber()).count() == 3);
        }
        JsonNode mean = awaitAssessment("/api/v1/assessments/" + units[1] + "?period=2032",
                n -> Math.abs(n.path("overallScore").asDouble() - 62.5) < 1e-6);
        await().atMost(WAIT).until(() -> meters.get("nqpf.assessment.recompute.pending").gauge().value() == 0);
        mean = api.get("/api/v1/assessments/" + units[1] + "?period=2032").body();
        assertThat(mean.path("rank").asInt()).as("the mean ties B with C").isEqualTo(1);

        Response saved = api.put("/api/v1/profiles/" + framework, "{\"aggregate\": {\"method\": \"topsis\"}}");
        assertThat(saved.status()).as(saved.body().toString()).isEqualTo(200);
        JsonNode b = awaitAssessment("/api/v1/assessments/" + units[1] + "?period=2032",
                n -> n.path("method").path("aggregation").asString().equals("topsis"));
        assertThat(b.path("overallScore").asDouble())
                .isCloseTo(100 * Math.sqrt(2656.25) / (Math.sqrt(781.25) + Math.sqrt(2656.25)), within(1e-5));
        assertThat(b.path("rank").asInt()).isEqualTo(1);
        JsonNode c = awaitAssessment("/api/v1/assessments/" + units[2] + "?period=2032",
                n -> n.path("method").path("aggregation").asString().equals("topsis"));
        assertThat(c.path("rank").asInt()).isEqualTo(2);
        assertThat(dimensionScore(c, "MEANS_OF_LABOR")).as("one indicator: closeness is its value").isCloseTo(50,
                within(1e-5));
    }

    @Test
    void should_RefuseJudgementsSaatyWouldSendBack_And_AcceptCombinedWeights() {
        String framework = "AHP-CHECK-" + unique();
        Response inconsistent = api.put("/api/v1/profiles/" + framework, """
                {"weights": {"method": "ahp", "matrices": {"OVERALL": {
                    "order": ["LABORERS", "MEANS_OF_LABOR", "OBJECTS_OF_LABOR"],
                    "matrix": [[1, 9, 0.1111111111], [0.1111111111, 1, 9], [9, 0.1111111111, 1]]}}}}""");
        assertThat(inconsistent.status()).isEqualTo(422);
        assertThat(inconsistent.body().path("detail").asString())
                .contains("weights.matrices.OVERALL.matrix").contains("consistency ratio");

        // A geometric mean over min-max [0, 100] would be zeroed by any unit's worst value: refused as the command does.
        Response zeroingMean = api.put("/api/v1/profiles/" + framework, "{\"aggregate\": {\"method\": \"gmean\"}}");
        assertThat(zeroingMean.status()).isEqualTo(422);
        assertThat(zeroingMean.body().path("detail").asString())
                .contains("aggregate.method gmean needs normalised values above zero");
        Response zscores = api.put("/api/v1/profiles/" + framework, "{\"normalise\": {\"method\": \"zscore\"}}");
        assertThat(zscores.status()).isEqualTo(422);
        assertThat(zscores.body().path("detail").asString())
                .contains("normalise.method zscore gives scores without a fixed range");

        Response objectiveAsSubjective = api.put("/api/v1/profiles/" + framework, """
                {"weights": {"method": "combined", "subjective": {"method": "entropy"}}}""");
        assertThat(objectiveAsSubjective.status()).isEqualTo(422);
        assertThat(objectiveAsSubjective.body().path("detail").asString()).contains("weights.subjective.method");
        assertThat(api.get("/api/v1/profiles/" + framework).body().path("version").asInt()).as("nothing saved").isZero();

        Response combined = api.put("/api/v1/profiles/" + framework, """
                {"weights": {"method": "combined", "subjective": %s, "objective": {"method": "entropy"},
                             "combine": "linear", "alpha": 0.5}}"""
                .formatted(json.readTree(AHP_OVER_DIMENSIONS).path("weights").toString()));
        assertThat(combined.status()).as(combined.body().toString()).isEqualTo(200);
        assertThat(combined.body().path("method").asString()).contains("combined[ahp[OVERALL]", "entropy", "linear:0.5");
    }

    @Test
    void should_ReportTheCohortItCannotAssessAndRetryIt_When_TheProfileLeavesAnIndicatorUnjudged() {
        String run = unique();
        String framework = "AHP-GAP-" + run;
        String cohort = "gap-" + run;
        for (String unit : List.of("A-" + run, "B-" + run)) {
            send(observation(framework, unit, cohort, "L1", LABORERS, AI, "2032", unit.startsWith("A") ? 1 : 2));
            send(observation(framework, unit, cohort, "L2", LABORERS, NQPF, "2032", unit.startsWith("A") ? 4 : 3));
        }
        awaitAssessment("/api/v1/assessments/A-" + run + "?period=2032", n -> n.path("cohortSize").asInt() == 2);

        // Judgements about L1 and L3 only: the cohort's L2 has no weight, so its cohort-period cannot be assessed.
        Response gap = api.put("/api/v1/profiles/" + framework, """
                {"weights": {"method": "ahp", "matrices": {"LABORERS": {
                    "order": ["L1", "L3"], "matrix": [[1, 2], [0.5, 1]]}}}}""");
        assertThat(gap.status()).isEqualTo(200);
        JsonNode failure = awaitFailure(framework);
        assertThat(failure.path("cohort").asString()).isEqualTo(cohort);
        assertThat(failure.path("period").asString()).isEqualTo("2032");
        assertThat(failure.path("reason").asString()).contains("not named: [L2]");
        assertThat(failure.path("attempts").asInt()).isPositive();
        assertThat(meters.get("nqpf.assessment.recompute.failing").gauge().value()).isGreaterThanOrEqualTo(1);
        // Rounds run every 200 ms; with the delay doubling from 1 s, four seconds hold at most a few attempts.
        int first = failure.path("attempts").asInt();
        sleep(4000);
        assertThat(failures(framework).get(0).path("attempts").asInt()).as("retried after a growing delay")
                .isBetween(first, first + 3);

        Response fixed = api.put("/api/v1/profiles/" + framework, """
                {"weights": {"method": "ahp", "matrices": {"LABORERS": {
                    "order": ["L1", "L2"], "matrix": [[1, 2], [0.5, 1]]}}}}""");
        assertThat(fixed.status()).isEqualTo(200);
        JsonNode a = awaitAssessment("/api/v1/assessments/A-" + run + "?period=2032",
                n -> n.path("method").path("weighting").asString().startsWith("ahp"));
        assertThat(a.path("cohortSize").asInt()).isEqualTo(2);
        await().atMost(WAIT).until(() -> failures(framework).isEmpty());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private JsonNode awaitFailure(String framework) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(WAIT).until(() -> {
            List<JsonNode> f = failures(framework);
            found[0] = f.isEmpty() ? null : f.get(0);
            return found[0] != null;
        });
        return found[0];
    }

    private List<JsonNode> failures(String framework) {
        JsonNode backlog = api.get("/api/v1/assessments/recompute-backlog").body();
        return backlog.path("failing").valueStream()
                .filter(f -> f.path("frameworkCode").asString().equals(framework)).toList();
    }

    private static double dimensionScore(JsonNode assessment, String dimension) {
        for (JsonNode d : assessment.path("dimensions")) {
            if (d.path("dimension").asString().equals(dimension)) {
                return d.path("score").asDouble();
            }
        }
        throw new AssertionError("no " + dimension + " in " + assessment);
    }

}

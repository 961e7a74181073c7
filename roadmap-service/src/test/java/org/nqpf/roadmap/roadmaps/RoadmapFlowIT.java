package org.nqpf.roadmap.roadmaps;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.nqpf.contracts.AssessmentComputed;
import org.nqpf.contracts.EventTypes;
import org.nqpf.contracts.RoadmapGenerated;
import org.nqpf.contracts.Topics;
import org.nqpf.messaging.Events;
import org.nqpf.messaging.MessagingAutoConfiguration;
import org.nqpf.messaging.TraceHeaders;
import org.nqpf.roadmap.Assessments;
import org.nqpf.roadmap.EngineCohort;
import org.nqpf.testsupport.ApiClient;
import org.nqpf.testsupport.ApiClient.Response;
import org.nqpf.testsupport.EventSchemas;
import org.nqpf.testsupport.KafkaProbe;
import org.nqpf.testsupport.Poll;
import org.nqpf.testsupport.ServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The closed loop on a real broker and database: cohorts of assessments made by the real engine (30 NQPF-AI
 * indicators over the four dimensions and both sides, raw value, normalised value, weight and obstacle), planned per
 * cohort-period once they have settled, versioned only when a plan changes.
 */
@ServiceTest
class RoadmapFlowIT {

    private static final Duration ARRIVAL = Duration.ofSeconds(90);
    /** How long to keep reading a topic to be sure nothing more arrives. */
    private static final Duration QUIET = Duration.ofSeconds(5);
    private static final List<String> PERIODS = List.of("2023", "2024");

    private final KafkaProbe probe = KafkaProbe.shared();

    @Autowired
    ApiClient api;

    @Autowired
    Events events;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    RoadmapService roadmaps;

    /** A cohort of its own per test: entity ids prefixed, so nothing another test sends is read as this one's. */
    private record Cohort(String name, String prefix, List<List<AssessmentComputed>> periods) {

        List<AssessmentComputed> of(String period) {
            return periods.get(PERIODS.indexOf(period));
        }

        String entity(int i) {
            return prefix + String.format("E%03d", i);
        }
    }

    private static Cohort cohort(int size, long seed) {
        return cohort(size, EngineCohort.values(size, PERIODS, seed));
    }

    private static Cohort cohort(int size, double[][][] values) {
        String id = UUID.randomUUID().toString().substring(0, 8);
        return cohort("IT-" + id, id + "-", size, values, Instant.parse("2026-01-01T00:00:00Z"));
    }

    private static Cohort cohort(String name, String prefix, int size, double[][][] values, Instant computedAt) {
        List<List<AssessmentComputed>> assessed = EngineCohort.assess(name, EngineCohort.units(size), PERIODS, values,
                Map.of());
        List<List<AssessmentComputed>> out = new ArrayList<>();
        for (List<AssessmentComputed> period : assessed) {
            out.add(period.stream().map(a -> renamed(a, prefix, computedAt)).toList());
        }
        return new Cohort(name, prefix, out);
    }

    private static AssessmentComputed renamed(AssessmentComputed a, String prefix, Instant computedAt) {
        List<AssessmentComputed.DimensionScore> dims = a.dimensions().stream()
                .map(d -> new AssessmentComputed.DimensionScore(d.dimension(), d.score(), d.rank(),
                        prefix + d.leaderEntityId(), d.leaderScore()))
                .toList();
        return new AssessmentComputed(UUID.randomUUID().toString(), prefix + a.entityId(), a.cohort(), a.period(),
                a.frameworkCode(), a.frameworkVersion(), a.method(), a.inputDigest(), a.overallScore(), a.rank(),
                a.cohortSize(), dims, a.subsystems(), a.coupling(), a.indicators(), computedAt, a.entityKind());
    }

    private Map<String, String> send(List<AssessmentComputed> assessments) {
        Map<String, String> eventIds = new HashMap<>();
        for (AssessmentComputed a : assessments) {
            String id = UUID.randomUUID().toString();
            Assessments.send(events, id, a);
            eventIds.put(a.entityId(), id);
        }
        return eventIds;
    }

    private JsonNode awaitVersion(String entity, String cohort, int version) {
        return api.awaitUntil("/api/v1/roadmaps/" + entity + "?cohort=" + cohort,
                r -> r.body().get("version").asInt() >= version, ARRIVAL).body();
    }

    /** Waits until the cohort-period has been planned: its mark is gone once the worker planned it. */
    private void awaitPlanned(String cohort, String period) {
        Poll.until(cohort + "/" + period + " planned", ARRIVAL, Duration.ofMillis(200),
                () -> jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM assessment WHERE cohort = :c AND period = :p)
                           AND NOT EXISTS (SELECT 1 FROM planning_due WHERE cohort = :c AND period = :p)""")
                        .param("c", cohort).param("p", period).query(Boolean.class).single(),
                planned -> planned);
    }

    /** The cohort's RoadmapGenerated events, read until {@code atMost} arrived or {@code timeout} passed. */
    private List<RoadmapGenerated> published(Cohort cohort, int atMost, Duration timeout) {
        return probe.read(Topics.ROADMAPS, r -> r.key() != null && r.key().startsWith(cohort.prefix()),
                        atMost, timeout).stream()
                .peek(r -> EventSchemas.assertValid(EventTypes.ROADMAP_GENERATED, r.value()))
                .map(r -> json.readValue(r.value(), RoadmapGenerated.class)).toList();
    }

    private int versions(String entity, String cohort) {
        return api.getOk("/api/v1/roadmaps/" + entity + "/history?cohort=" + cohort).get("versions").size();
    }

    @Test
    void should_PlanARoadmapForEveryMember_When_ACohortsAssessmentsArrive() {
        Cohort c = cohort(12, 11);
        send(c.of("2024"));

        for (AssessmentComputed a : c.of("2024")) {
            JsonNode roadmap = awaitVersion(a.entityId(), c.name(), 1);
            assertThat(roadmap.get("cohort").asString()).isEqualTo(c.name());
            assertThat(roadmap.get("frameworkCode").asString()).isEqualTo("NQPF-AI");
            assertThat(roadmap.get("period").asString()).isEqualTo("2024");
            assertThat(roadmap.get("assessmentId").asString()).isEqualTo(a.assessmentId());
            assertThat(roadmap.get("libraryVersion").asInt()).isPositive();
            JsonNode plan = roadmap.get("plan");
            assertThat(plan.get("entityId").asString()).isEqualTo(a.entityId());
            assertThat(plan.get("actions").size()).isPositive();
            assertThat(plan.get("targets").size()).isPositive();
            // Peers come from this cohort only.
            plan.get("targets").forEach(t -> t.get("peers").forEach(
                    p -> assertThat(p.get("entityId").asString()).startsWith(c.prefix())));
            assertThat(plan.get("actions").get(0).get("priority").asInt()).isEqualTo(1);
        }
        List<RoadmapGenerated> announced = published(c, 12, ARRIVAL);
        assertThat(announced).hasSize(12).allSatisfy(e -> {
            assertThat(e.cohort()).isEqualTo(c.name());
            assertThat(e.frameworkCode()).isEqualTo("NQPF-AI");
            assertThat(e.libraryVersion()).isPositive();
            assertThat(e.version()).isEqualTo(1);
        });
        assertThat(announced.stream().map(RoadmapGenerated::entityId).collect(Collectors.toSet())).hasSize(12);
    }

    @Test
    void should_ServeTheStoredPlanAsAReport_InHtmlMarkdownAndJson_InBothLanguages() {
        Cohort c = cohort(10, 17);
        send(c.of("2024"));
        String entity = c.entity(3);
        awaitVersion(entity, c.name(), 1);

        ApiClient.Response html = api.request("GET", "/api/v1/roadmaps/" + entity + "/report?lang=en&cohort="
                + c.name()).header("Accept", "text/html").send();
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.contentType()).startsWith("text/html");
        assertThat(html.text()).contains(entity).contains("<svg").contains("radar").contains("timeline");
        ApiClient.Response md = api.request("GET", "/api/v1/roadmaps/" + entity + "/report?format=md&lang=zh&cohort="
                + c.name()).send();
        assertThat(md.status()).isEqualTo(200);
        assertThat(md.contentType()).startsWith("text/markdown");
        assertThat(md.text()).contains(entity);
        JsonNode json = api.getOk("/api/v1/roadmaps/" + entity + "/report?format=json&cohort=" + c.name());
        assertThat(json.toString()).contains(entity);
    }

    @Test
    void should_NameManyDifferentPeers_AcrossTheCohortsTargets() {
        Cohort c = cohort(31, 5);
        send(c.of("2024"));
        java.util.Set<String> peers = new java.util.HashSet<>();
        for (AssessmentComputed a : c.of("2024")) {
            awaitVersion(a.entityId(), c.name(), 1).get("plan").get("targets")
                    .forEach(t -> t.get("peers").forEach(p -> peers.add(p.get("entityId").asString())));
        }
        // Not one leader for everybody: 31 provinces' targets rest on many of their peers.
        assertThat(peers).hasSizeGreaterThan(15);
    }

    @Test
    void should_MakeNoNewVersion_When_EventsAreRedelivered_OrTheRecomputeChangesNothing() {
        Cohort c = cohort(10, 12);
        Map<String, String> eventIds = send(c.of("2024"));
        c.of("2024").forEach(a -> awaitVersion(a.entityId(), c.name(), 1));
        awaitPlanned(c.name(), "2024");
        // The versions once the whole cohort is planned: the worker may have planned it once before the last of
        // its events arrived, and that first plan had fewer peers.
        Map<String, Integer> before = new HashMap<>();
        c.of("2024").forEach(a -> before.put(a.entityId(), versions(a.entityId(), c.name())));
        int announcedBefore = before.values().stream().mapToInt(Integer::intValue).sum();

        // Redelivery: the same event ids again.
        for (AssessmentComputed a : c.of("2024")) {
            Assessments.send(events, eventIds.get(a.entityId()), a);
        }
        // A recompute that changes nothing: new events, new assessment ids, same results.
        Cohort recomputed = new Cohort(c.name(), c.prefix(), c.periods().stream().map(p -> p.stream()
                .map(a -> renamed(a, "", a.computedAt().plusSeconds(60))).toList()).toList());
        send(recomputed.of("2024"));
        Poll.until("the recompute stored", ARRIVAL, Duration.ofMillis(200), () -> jdbc.sql(
                "SELECT count(*) FROM assessment WHERE cohort = :c AND computed_at > '2026-01-01T00:00:00Z'")
                .param("c", c.name()).query(Long.class).single(), n -> n == 10);
        awaitPlanned(c.name(), "2024");

        for (AssessmentComputed a : c.of("2024")) {
            assertThat(versions(a.entityId(), c.name())).as(a.entityId()).isEqualTo(before.get(a.entityId()));
        }
        assertThat(published(c, announcedBefore + 1, QUIET)).hasSize(announcedBefore);
    }

    @Test
    void should_MakeVersion2WithADiffNamingWhatChanged_When_AnEntitysValuesChange() {
        double[][][] values = EngineCohort.values(14, PERIODS, 13);
        Cohort c = cohort(14, values);
        send(c.of("2024"));
        String entity = c.entity(3);
        JsonNode v1 = awaitVersion(entity, c.name(), 1);

        // E003 improves every indicator by 80 %: its weak indicators, obstacles and so its plan change.
        double[][][] changed = improved(values, 2);
        Cohort after = cohort(c.name(), c.prefix(), 14, changed, Instant.parse("2026-02-01T00:00:00Z"));
        send(after.of("2024"));

        JsonNode v2 = awaitVersion(entity, c.name(), 2);
        assertThat(v2.get("assessmentId").asString()).isNotEqualTo(v1.get("assessmentId").asString());
        assertThat(api.getOk("/api/v1/roadmaps/" + entity + "/versions/1?cohort=" + c.name()).get("current")
                .asBoolean()).isFalse();

        JsonNode diff = api.getOk("/api/v1/roadmaps/" + entity + "/diff?cohort=" + c.name());
        assertThat(diff.get("from").asInt()).isEqualTo(1);
        assertThat(diff.get("to").asInt()).isEqualTo(2);
        List<JsonNode> changes = new ArrayList<>();
        for (String kind : List.of("added", "dropped", "reranked", "rephased", "targets")) {
            diff.get(kind).forEach(changes::add);
        }
        assertThat(changes).isNotEmpty().allSatisfy(ch -> assertThat(ch.get("why").asString()).isNotBlank());
        // What the diff names is what differs between the two stored plans.
        Set<String> before = codes(v1);
        Set<String> now = codes(v2);
        Set<String> added = new java.util.HashSet<>();
        diff.get("added").forEach(a -> added.add(a.get("code").asString()));
        Set<String> dropped = new java.util.HashSet<>();
        diff.get("dropped").forEach(a -> dropped.add(a.get("code").asString()));
        assertThat(added).isEqualTo(minus(now, before));
        assertThat(dropped).isEqualTo(minus(before, now));
        diff.get("dropped").forEach(d -> assertThat(d.get("why").asString()).containsAnyOf("not chosen",
                "no longer a candidate"));
        assertThat(api.getOk("/api/v1/roadmaps/" + entity + "/diff?from=1&to=1&cohort=" + c.name())
                .get("added").size()).isZero();
    }

    private static long strategies(JsonNode roadmap, String strategy) {
        long n = 0;
        for (JsonNode t : roadmap.get("plan").get("targets")) {
            n += t.get("strategy").asString().equals(strategy) ? 1 : 0;
        }
        return n;
    }

    private static Set<String> codes(JsonNode roadmap) {
        Set<String> codes = new java.util.HashSet<>();
        roadmap.get("plan").get("actions").forEach(a -> codes.add(a.get("code").asString()));
        return codes;
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> out = new java.util.HashSet<>(a);
        out.removeAll(b);
        return out;
    }

    /**
     * Two workers read the same due list; one plans the key, an assessment then marks it anew, and the other, whose
     * list is older than both, takes the key. Judging by the generation it had read, it planned the new mark with
     * inputs read before it and deleted it; it must read the mark as it is once it holds the key. Here the older
     * worker is this test's call of plan, kept from finishing by a lock on the roadmaps while the new assessment
     * arrives.
     */
    @Test
    void should_PlanTheNewAssessment_When_AWorkerTakesTheKeyFromADueListReadBeforeAnotherPlannedIt()
            throws Exception {
        double[][][] values = EngineCohort.values(14, PERIODS, 81);
        Cohort c = cohort(14, values);
        send(c.of("2024"));
        String entity = c.entity(3);
        JsonNode v1 = awaitVersion(entity, c.name(), 1);
        awaitPlanned(c.name(), "2024");
        PlanningMarks.Due older = new PlanningMarks.Due(new PlanningMarks.Key(c.name(), "NQPF-AI", "2024"),
                TraceHeaders.NONE);

        CompletableFuture<Map<String, RoadmapService.Outcome>> planning;
        try (Connection locker = dataSource.getConnection()) {
            locker.setAutoCommit(false);
            try (Statement lock = locker.createStatement()) {
                lock.execute("LOCK TABLE roadmap IN ACCESS EXCLUSIVE MODE");
            }
            int pid = pid(locker);
            planning = CompletableFuture.supplyAsync(() -> roadmaps.plan(older));
            Poll.until("the older worker's plan settled or waiting", ARRIVAL, Duration.ofMillis(100),
                    () -> planning.isDone() || blockedBy(pid), done -> done);
            double[][][] changed = improved(values, 2); // E003's
            Cohort after = cohort(c.name(), c.prefix(), 14, changed, Instant.parse("2026-02-01T00:00:00Z"));
            // Its one assessment: the key's new mark has generation 1, the one the older list read.
            send(after.of("2024").stream().filter(a -> a.entityId().equals(entity)).toList());
            Poll.until("the new assessment marked", ARRIVAL, Duration.ofMillis(100), () -> jdbc.sql(
                    "SELECT count(*) FROM planning_due WHERE cohort = :c AND period = '2024'")
                    .param("c", c.name()).query(Long.class).single(), n -> n == 1);
            locker.commit();
        }
        planning.get(ARRIVAL.toSeconds(), TimeUnit.SECONDS);
        JsonNode v2 = awaitVersion(entity, c.name(), 2);
        assertThat(v2.get("assessmentId").asString()).isNotEqualTo(v1.get("assessmentId").asString());
    }

    /** One unit's 2024 values (unit 2 is entity E003) improved by 80 %: raised, or halved where less is better. */
    private static double[][][] improved(double[][][] values, int unit) {
        double[][][] changed = new double[values.length][][];
        for (int t = 0; t < values.length; t++) {
            changed[t] = values[t].clone();
        }
        int period = PERIODS.indexOf("2024");
        changed[period][unit] = values[period][unit].clone();
        for (int j = 0; j < changed[period][unit].length; j++) {
            changed[period][unit][j] = values[period][unit][j]
                    * (EngineCohort.NQPF_AI.get(j).direction() > 0 ? 1.8 : 0.5);
        }
        return changed;
    }

    private static int pid(Connection connection) throws Exception {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SELECT pg_backend_pid()")) {
            r.next();
            return r.getInt(1);
        }
    }

    private boolean blockedBy(int pid) {
        return jdbc.sql("SELECT count(*) FROM pg_stat_activity WHERE :pid = ANY (pg_blocking_pids(pid))")
                .param("pid", pid).query(Long.class).single() > 0;
    }

    @Test
    void should_KeepTwoRoadmaps_When_AnEntityIsInTwoCohorts() {
        String id = UUID.randomUUID().toString().substring(0, 8);
        Cohort first = cohort("IT-A-" + id, id + "-", 9, EngineCohort.values(9, PERIODS, 21),
                Instant.parse("2026-01-01T00:00:00Z"));
        Cohort second = cohort("IT-B-" + id, id + "-", 11, EngineCohort.values(11, PERIODS, 22),
                Instant.parse("2026-01-01T00:00:00Z"));
        send(first.of("2024"));
        send(second.of("2024"));
        String entity = first.entity(4);
        JsonNode inFirst = awaitVersion(entity, first.name(), 1);
        JsonNode inSecond = awaitVersion(entity, second.name(), 1);

        assertThat(inFirst.get("cohort").asString()).isEqualTo(first.name());
        assertThat(inSecond.get("cohort").asString()).isEqualTo(second.name());
        assertThat(inFirst.get("roadmapId").asString()).isNotEqualTo(inSecond.get("roadmapId").asString());
        assertThat(inFirst.get("plan").get("strategy").get("cohortSize").asInt()).isEqualTo(9);
        assertThat(inSecond.get("plan").get("strategy").get("cohortSize").asInt()).isEqualTo(11);
        JsonNode unchosen = api.getOk("/api/v1/roadmaps/" + entity);
        assertThat(unchosen.get("otherKeys")).hasSize(1);
        String shown = unchosen.get("cohort").asString();
        assertThat(unchosen.get("otherKeys").get(0).get("cohort").asString())
                .isEqualTo(shown.equals(first.name()) ? second.name() : first.name());
        assertThat(versions(entity, first.name())).isEqualTo(1);
        assertThat(versions(entity, second.name())).isEqualTo(1);
    }

    @Test
    void should_KeepTheNewerPeriod_When_AnOlderPeriodArrivesLater() {
        Cohort c = cohort(9, 31);
        send(c.of("2024"));
        String entity = c.entity(2);
        JsonNode current = awaitVersion(entity, c.name(), 1);

        send(c.of("2023"));
        awaitPlanned(c.name(), "2023");

        awaitPlanned(c.name(), "2024");

        // 2024 stays the roadmap's period (it may be planned again: 2023 is its history now); no 2023 plan replaced it.
        JsonNode after = api.getOk("/api/v1/roadmaps/" + entity + "?cohort=" + c.name());
        assertThat(after.get("period").asString()).isEqualTo("2024");
        assertThat(current.get("period").asString()).isEqualTo("2024");
        JsonNode versions = api.getOk("/api/v1/roadmaps/" + entity + "/history?cohort=" + c.name()).get("versions");
        versions.forEach(v -> assertThat(v.get("period").asString()).isEqualTo("2024"));
    }

    @Test
    void should_ReplanTheNewerPeriod_When_AnEarlierPeriodsAssessmentsChangeAfterIt() {
        // E003's 2023 is revised: half its indicators far better than first reported, half far worse, so against it
        // other indicators of 2024 deteriorated than before (which the plan's urgency weighs).
        double[][][] values = EngineCohort.values(10, PERIODS, 41);
        double[][][] revised = new double[values.length][][];
        for (int t = 0; t < values.length; t++) {
            revised[t] = values[t].clone();
        }
        int earlier = PERIODS.indexOf("2023");
        revised[earlier][2] = values[earlier][2].clone();
        for (int j = 0; j < revised[earlier][2].length; j++) {
            boolean better = j % 2 == 0 == EngineCohort.NQPF_AI.get(j).direction() > 0;
            revised[earlier][2][j] = values[earlier][2][j] * (better ? 1.8 : 0.5);
        }
        Cohort c = cohort(10, values);
        String entity = c.entity(3);
        send(c.of("2023"));
        awaitPlanned(c.name(), "2023");
        send(c.of("2024"));
        awaitPlanned(c.name(), "2024");
        String before = planned(api.getOk("/api/v1/roadmaps/" + entity + "?cohort=" + c.name()));

        // What the revised assessments give when planned in one go, as a rebuild from the topics plans them.
        Cohort fresh = cohort(10, revised);
        send(fresh.of("2023"));
        awaitPlanned(fresh.name(), "2023");
        send(fresh.of("2024"));
        awaitPlanned(fresh.name(), "2024");
        String expected = planned(api.getOk("/api/v1/roadmaps/" + fresh.entity(3) + "?cohort=" + fresh.name()));
        assertThat(before).as("the 2024 plan on the first 2023 figures").isNotEqualTo(expected);

        // Only 2023 is assessed again; the 2024 roadmap rests on it, so it is planned again too.
        send(cohort(c.name(), c.prefix(), 10, revised, Instant.parse("2026-02-01T00:00:00Z")).of("2023"));
        String after = Poll.until(entity + "'s 2024 roadmap on the revised 2023", ARRIVAL, Duration.ofMillis(200),
                () -> planned(api.getOk("/api/v1/roadmaps/" + entity + "?cohort=" + c.name())),
                expected::equals);
        assertThat(after).isEqualTo(expected);
    }

    /** What a roadmap's content digest covers (Planner.digest) but the entity and cohort: its period, actions, targets. */
    private static String planned(JsonNode roadmap) {
        JsonNode plan = roadmap.get("plan");
        StringBuilder s = new StringBuilder(roadmap.get("period").asString()).append('\n');
        plan.get("actions").forEach(a -> s.append("A|").append(a.get("code").asString()).append('|')
                .append(a.get("priority").asInt()).append('|').append(a.get("phase").asString()).append('|')
                .append(a.get("startYear").asInt()).append('\n'));
        plan.get("targets").forEach(t -> s.append("T|").append(t.get("indicator").asString()).append('|')
                .append(t.get("strategy").asString()).append('|')
                .append(String.format(java.util.Locale.ROOT, "%.6g", t.get("target").asDouble())).append('|')
                .append(t.get("targetYear").asInt()).append('\n'));
        return s.toString();
    }

    @Test
    void should_DeadLetterAtOnceWithTheReason_When_AnAssessmentCannotBePlanned() {
        Cohort c = cohort(8, 41);
        AssessmentComputed base = c.of("2024").get(0);
        String framework = "NO-LIBRARY-" + c.prefix().substring(0, 8).toUpperCase();
        AssessmentComputed otherFramework = new AssessmentComputed(base.assessmentId(), base.entityId(),
                base.cohort(), base.period(), framework, 1, base.method(), base.inputDigest(), base.overallScore(),
                base.rank(), base.cohortSize(), base.dimensions(), base.subsystems(), base.coupling(),
                base.indicators(), base.computedAt(), base.entityKind());
        AssessmentComputed b = c.of("2024").get(1);
        AssessmentComputed unknownKind = new AssessmentComputed(b.assessmentId(), b.entityId(), b.cohort(),
                b.period(), b.frameworkCode(), b.frameworkVersion(), b.method(), b.inputDigest(), b.overallScore(),
                b.rank(), b.cohortSize(), b.dimensions(), b.subsystems(), b.coupling(), b.indicators(),
                b.computedAt(), "HOUSEHOLD");
        long start = System.nanoTime();
        send(List.of(otherFramework, unknownKind));

        List<ConsumerRecord<String, byte[]>> dead = probe.read(Topics.deadLetter(Topics.ASSESSMENTS),
                r -> r.key() != null && r.key().startsWith(c.prefix()), 2, ARRIVAL);
        // At once: not after the listener's retries and back-off.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        Map<String, String> reasons = dead.stream().collect(Collectors.toMap(ConsumerRecord::key,
                r -> KafkaProbe.header(r, MessagingAutoConfiguration.DLT_REASON_HEADER)));
        assertThat(reasons.get(base.entityId())).contains("no published action library version", framework);
        assertThat(reasons.get(b.entityId())).contains("entityKind", "HOUSEHOLD");
        Response none = api.get("/api/v1/roadmaps/" + base.entityId());
        assertThat(none.assertProblem(404).get("detail").asString()).contains("no assessment stored");
    }

    @Test
    void should_AnswerProblemJson_When_TheRequestIsWrong() {
        Response unknown = api.get("/api/v1/roadmaps/NOBODY-" + UUID.randomUUID());
        assertThat(unknown.assertProblem(404).get("detail").asString()).contains("no assessment stored");

        Cohort c = cohort(8, 51);
        send(c.of("2024"));
        String entity = c.entity(1);
        JsonNode roadmap = awaitVersion(entity, c.name(), 1);
        String base = "/api/v1/roadmaps/" + entity;

        assertThat(api.get(base + "?cohort=NO-SUCH").assertProblem(404).get("detail").asString())
                .contains("NO-SUCH", c.name());
        assertThat(api.get(base + "/versions/7?cohort=" + c.name()).assertProblem(404).get("detail").asString())
                .contains("version 7", "1 to 1");
        assertThat(api.get(base + "/diff?cohort=" + c.name()).assertProblem(400).get("errors").get(0).get("field")
                .asString()).isEqualTo("from");
        assertThat(api.post(base + "/what-if", "{\"actions\": []}").assertProblem(400).get("errors").get(0)
                .get("field").asString()).isEqualTo("actions");
        assertThat(api.post(base + "/what-if", null).assertProblem(400).get("errors").get(0).get("field")
                .asString()).isEqualTo("actions");
        JsonNode unknownCode = api.post(base + "/what-if", "{\"actions\": [\"NO-SUCH-9\"]}").assertProblem(400);
        assertThat(unknownCode.get("errors").get(0).get("field").asString()).isEqualTo("actions");
        assertThat(unknownCode.get("detail").asString()).contains("NO-SUCH-9");
        assertThat(api.post("/api/v1/roadmaps/NOBODY-" + UUID.randomUUID() + "/what-if",
                "{\"actions\": [\"FEC-MOL-1\"]}").assertProblem(404)).isNotNull();

        // A good what-if: the plan's own first action, projected by phase and as a whole.
        String first = roadmap.get("plan").get("actions").get(0).get("code").asString();
        Response whatIf = api.post(base + "/what-if", "{\"actions\": [\"" + first + "\"]}");
        assertThat(whatIf.status()).as("%s", whatIf).isEqualTo(200);
        assertThat(whatIf.body().get("actions").get(0).asString()).isEqualTo(first);
        assertThat(whatIf.body().get("projections").get("whole").get("overallScore").asDouble())
                .isGreaterThanOrEqualTo(whatIf.body().get("projections").get("now").get("overallScore").asDouble());
    }

    @Test
    void should_SayTheEntityHasAnAssessmentButNoRoadmap_When_ThePlannerCannotPlanIt() {
        // Indicators no action of the library moves: stored, planned, refused by the planner, counted and logged.
        Cohort c = cohort(8, 61);
        List<AssessmentComputed> unmoved = c.of("2024").stream().map(a -> new AssessmentComputed(a.assessmentId(),
                a.entityId(), a.cohort(), a.period(), a.frameworkCode(), a.frameworkVersion(), a.method(),
                a.inputDigest(), a.overallScore(), a.rank(), a.cohortSize(), a.dimensions(), a.subsystems(),
                a.coupling(), a.indicators().stream().map(i -> new AssessmentComputed.IndicatorScore(
                        "LOCAL_" + i.indicator(), i.dimension(), i.subsystem(), i.value(), i.normalised(), i.weight(),
                        i.obstacle())).toList(), a.computedAt(), a.entityKind())).toList();
        send(unmoved);
        awaitPlanned(c.name(), "2024");

        Response r = api.get("/api/v1/roadmaps/" + c.entity(1));
        assertThat(r.assertProblem(404).get("detail").asString()).contains("has an assessment but no roadmap yet");
    }

    @Test
    void should_ReplanTheFrameworksCohorts_When_ItsMethodProfileChanges() {
        Cohort c = cohort(10, 71);
        send(c.of("2024"));
        String entity = c.entity(5);
        JsonNode v1 = awaitVersion(entity, c.name(), 1);
        String path = "/api/v1/roadmaps/method-profiles/NQPF-AI";
        // what a PUT takes back: the stored profile less its version, which is the service's to give
        tools.jackson.databind.node.ObjectNode before = (tools.jackson.databind.node.ObjectNode) api.getOk(path)
                .get("profile").deepCopy();
        before.remove("version");
        try {
            int version = api.put(path, """
                    {"weights": {"impact": 0.5, "urgency": 0.3, "feasibility": 0.2}, "targetStrategy": "QUANTILE",
                     "quantile": 0.75, "nearestPeers": 3, "maxTargets": 8, "maxActions": 12,
                     "frontier": {"model": "BCC", "orientation": "OUTPUT"}}""").assertOk().body().get("profile")
                    .get("version").asInt();

            // Nothing new arrived: the stored cohort-period is replanned with the new profile.
            JsonNode v2 = awaitVersion(entity, c.name(), 2);
            assertThat(v2.get("plan").get("profileVersion").asInt()).isEqualTo(version);
            // Each target is set by the chosen strategy where it has one to offer.
            assertThat(strategies(v2, "QUANTILE")).isPositive().isGreaterThan(strategies(v1, "QUANTILE"));
            assertThat(v2.get("assessmentId").asString()).isEqualTo(v1.get("assessmentId").asString());
        }
        finally {
            api.put(path, json.writeValueAsString(before)).assertOk();
        }
    }

    @Test
    void should_StoreAVersionedMethodProfile_AndNameEveryBadField_When_ItIsPut() {
        String framework = "FW-PROFILE-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String path = "/api/v1/roadmaps/method-profiles/" + framework;
        JsonNode defaults = api.getOk(path);
        assertThat(defaults.get("stored").asBoolean()).isFalse();
        assertThat(defaults.get("profile").get("version").asInt()).isZero();

        Response bad = api.put(path, """
                {"weights": {"impact": 0, "urgency": 0, "feasibility": 0}, "targetStrategy": "BEST",
                 "quantile": 1.0, "nearestPeers": 0, "maxTargets": 0, "maxActions": 0,
                 "frontier": {"model": "SBM", "orientation": "BOTH"}}""");
        JsonNode problem = bad.assertProblem(422);
        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("weights", "targetStrategy", "quantile", "nearestPeers",
                "maxTargets", "maxActions", "frontier.model", "frontier.orientation");

        Response missing = api.put(path, """
                {"weights": {"impact": 1}, "targetStrategy": "QUANTILE", "quantile": 0.5, "maxTargets": 3,
                 "maxActions": 3, "frontier": {"model": "CCR", "orientation": "INPUT"}}""");
        List<String> missingFields = new ArrayList<>();
        missing.assertProblem(422).get("errors").forEach(e -> missingFields.add(e.get("field").asString()));
        assertThat(missingFields).containsExactlyInAnyOrder("weights.urgency", "weights.feasibility", "nearestPeers");

        String good = """
                {"weights": {"impact": 0.6, "urgency": 0.2, "feasibility": 0.2}, "targetStrategy": "QUANTILE",
                 "quantile": 0.8, "nearestPeers": 4, "maxTargets": 6, "maxActions": 10,
                 "frontier": {"model": "CCR", "orientation": "INPUT"}}""";
        assertThat(api.put(path, good).assertOk().body().get("profile").get("version").asInt()).isEqualTo(1);
        assertThat(api.put(path, good).assertOk().body().get("profile").get("version").asInt()).isEqualTo(2);
        JsonNode stored = api.getOk(path);
        assertThat(stored.get("stored").asBoolean()).isTrue();
        assertThat(stored.get("profile").get("targetStrategy").asString()).isEqualTo("QUANTILE");
        assertThat(stored.get("profile").get("quantile").asDouble()).isEqualTo(0.8);
    }
}

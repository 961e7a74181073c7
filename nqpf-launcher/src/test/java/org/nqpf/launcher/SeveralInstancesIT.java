package org.nqpf.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nqpf.launcher.SqlCounts.awaitCount;
import static org.nqpf.launcher.SqlCounts.count;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.nqpf.contracts.EventTypes;
import org.nqpf.contracts.Topics;
import org.nqpf.launcher.Platform.Service;
import org.nqpf.testsupport.ApiClient;
import org.nqpf.testsupport.KafkaProbe;
import org.nqpf.testsupport.Poll;

/**
 * Two instances of each Kafka-consuming service (indicator-service's raw-feed consumer, assessment-service,
 * roadmap-service) on one broker and one database, as a scaled-out deployment runs them: they share the partitions
 * and the work, nothing is stored or published twice, and when the second instance of each is killed (SIGKILL) in
 * the middle of its work, the first takes over its partitions and the recompute or planning it was doing.
 */
class SeveralInstancesIT {

    private static final String FRAMEWORK = "NQPF-AI";
    private static final String COHORT = "CN-PROVINCES";
    private static final Instant FIRST_PASS = Instant.parse("2026-01-01T00:00:00Z");
    /**
     * A thread of its own per background task (a start-up, a rebuild): they block for minutes, which the common
     * fork-join pool is not for.
     */
    private static final Executor BACKGROUND = task -> {
        Thread t = new Thread(task, "several-instances-background");
        t.setDaemon(true);
        t.start();
    };

    @Test
    void should_ShareTheWork_DoNothingTwice_AndTakeOverPartitionsAndRecomputes_When_AnInstanceIsKilled()
            throws Exception {
        Path home = Path.of(System.getProperty("nqpf.home", "..")).toAbsolutePath().normalize();
        // Its own embedded database and broker: the counts below are of this stream only.
        Platform.Config config = Platform.Config.defaults(home).withFreePorts()
                .withStateDir(Files.createTempDirectory("nqpf-instances"));
        List<DemoData.Row> rows = DemoData.rows(home.resolve("datasets").resolve("china-provinces"));
        int periods = (int) rows.stream().map(DemoData.Row::period).distinct().count();
        try (Platform platform = Platform.start(config, EnumSet.of(Service.INDICATOR, Service.ASSESSMENT,
                Service.ROADMAP));
                Admin admin = Admin.create(platform.kafkaClient(Platform.KAFKA_ADMIN));
                KafkaProducer<String, byte[]> feed = producer(platform.kafkaClient(Platform.DEMO_FEED))) {
            // The second instances start side by side: one after the other, their start-ups alone took 45 s here.
            List<CompletableFuture<String>> second = new ArrayList<>();
            for (Service service : List.of(Service.INDICATOR, Service.ASSESSMENT, Service.ROADMAP)) {
                second.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return platform.startInstance(service, service.module().replace("-service", "-b"));
                    }
                    catch (Exception e) {
                        throw new CompletionException(e);
                    }
                }, BACKGROUND));
            }
            CompletableFuture.allOf(second.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
            String rawTopic = Topics.rawFeed(Platform.DEMO_FEED);
            Map<String, String> mainTopic = Map.of(KafkaIdentities.INDICATOR, rawTopic,
                    KafkaIdentities.ASSESSMENT, Topics.OBSERVATIONS, KafkaIdentities.ROADMAP, Topics.ASSESSMENTS);

            // Work is shared: each group has both instances as members, each owning partitions of its topic.
            // (The second instances' Kafka clients are named after them: indicator-b, ...) Nothing was sent yet, so
            // an offset committed later on a partition was committed by its owner now.
            Map<String, Set<TopicPartition>> ownedByB = new LinkedHashMap<>();
            for (var group : mainTopic.entrySet()) {
                String b = group.getKey().replace("-service", "-b");
                Poll.until(group.getKey() + " with two members, " + b + " one of them, owning partitions of "
                        + group.getValue(), Duration.ofSeconds(120), Duration.ofMillis(500),
                        () -> owners(admin, group.getKey(), group.getValue()),
                        owners -> owners.size() == 2 && owners.containsKey(b));
                ownedByB.put(group.getKey(), partitionsOf(admin, group.getKey(), group.getValue(), b));
            }

            // The demo cohort's real figures twice over the feed, the second pass an hour later in the source's
            // clock and 1% higher: every value has two revisions, the second current.
            int total = rows.size() * 2;
            CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> {
                int sent = 0;
                for (int pass = 0; pass < 2; pass++) {
                    for (DemoData.Row row : rows) {
                        double value = pass == 0 ? row.value() : Math.round(row.value() * 1.01 * 1e6) / 1e6;
                        feed.send(KafkaMessageFactory.createWriter(rawTopic, null, null, row.entity())
                                .writeBinary(event(pass, row, value)));
                        if (++sent % 400 == 0) {
                            sleep(400); // a steady stream over about 40 s, so the kills land in its middle
                        }
                    }
                }
                feed.flush();
            });

            CompletableFuture<Rebuild.Result> assessmentRebuild;
            CompletableFuture<Rebuild.Result> roadmapRebuild;
            try (Connection db = DriverManager.getConnection(platform.jdbcUrl(), config.jdbcUsername(),
                    config.jdbcPassword())) {
                // indicator-service's second instance dies in the middle of the stream, after it stored some.
                awaitCount(db, "SELECT count(*) FROM indicator.observation_revision", n -> n >= total / 5,
                        Duration.ofSeconds(600));
                awaitCommitted(admin, KafkaIdentities.INDICATOR, ownedByB);
                long consumedByIndicatorB = committed(admin, KafkaIdentities.INDICATOR, ownedByB);
                platform.killInstance("indicator-b");

                // assessment-service's second instance dies holding claimed recompute marks (the row locks of its
                // open recompute transaction), roadmap-service's holding a cohort-period it is planning.
                awaitCommitted(admin, KafkaIdentities.ASSESSMENT, ownedByB);
                long consumedByAssessmentB = committed(admin, KafkaIdentities.ASSESSMENT, ownedByB);
                // The marks it holds are the rows its open transaction locked (their xmax is its transaction id).
                List<String> heldByAssessmentB = killWhenHolding(platform, db, "assessment-b", """
                        SELECT d.framework_code || '/' || d.cohort || '/' || d.period FROM assessment.dirty_cohort_period d
                        JOIN pg_stat_activity a ON a.application_name = 'assessment-b' AND a.backend_xid IS NOT NULL
                             AND d.xmax::text = a.backend_xid::text""", Duration.ofSeconds(300));
                awaitCommitted(admin, KafkaIdentities.ROADMAP, ownedByB);
                long consumedByRoadmapB = committed(admin, KafkaIdentities.ROADMAP, ownedByB);
                // The key it plans is the one whose advisory lock (PlanningMarks: 8083, hashtext(key)) it holds.
                List<String> heldByRoadmapB = killWhenHolding(platform, db, "roadmap-b", """
                        SELECT p.cohort || '/' || p.framework_code || '/' || p.period FROM roadmap.planning_due p
                        JOIN pg_locks l ON l.locktype = 'advisory' AND l.granted AND l.classid = 8083 AND l.objsubid = 2
                             AND l.objid::bigint = (hashtext(p.cohort || '/' || p.framework_code || '/' || p.period)::bigint
                                                    & 4294967295)
                        JOIN pg_stat_activity a ON a.pid = l.pid AND a.application_name = 'roadmap-b'""",
                        Duration.ofSeconds(600));
                stream.get(5, TimeUnit.MINUTES);

                // Both did work: the second instances committed offsets on their partitions before they died.
                assertThat(consumedByIndicatorB).as("offsets indicator-b committed before it died").isPositive();
                assertThat(consumedByAssessmentB).as("offsets assessment-b committed before it died").isPositive();
                assertThat(consumedByRoadmapB).as("offsets roadmap-b committed before it died").isPositive();
                assertThat(heldByAssessmentB).as("recompute marks assessment-b held when it was killed").isNotEmpty();
                assertThat(heldByRoadmapB).as("planning keys roadmap-b held when it was killed").isNotEmpty();
                System.out.printf("killed assessment-b holding %s, roadmap-b holding %s%n", heldByAssessmentB,
                        heldByRoadmapB);

                // The survivors own every partition once the dead members' sessions expire.
                for (var group : mainTopic.entrySet()) {
                    Map<String, Integer> owners = Poll.until(group.getKey() + " down to one member owning all",
                            Duration.ofSeconds(90), Duration.ofMillis(500),
                            () -> owners(admin, group.getKey(), group.getValue()),
                            o -> o.size() == 1 && o.values().iterator().next() == KafkaIdentities.PARTITIONS);
                    assertThat(owners).as("the survivor of " + group.getKey()).containsOnlyKeys(group.getKey());
                }

                // Everything settles on the survivors: every revision stored, no recompute or planning left.
                awaitCount(db, "SELECT count(*) FROM indicator.observation_revision", n -> n >= total,
                        Duration.ofSeconds(600));
                // The expected state is the one a single instance derives from the same topics without any kill:
                // ./nqpf rebuild of each service, started once its topics are whole (every observation published,
                // then every assessment) and running beside the rest of the checks; it waits for the live state to
                // settle before it compares.
                awaitCount(db, "SELECT count(*) FROM indicator.outbox_event", n -> n == 0, Duration.ofSeconds(600));
                assessmentRebuild = rebuild(platform, Rebuild.Target.ASSESSMENT);
                awaitCount(db, """
                        SELECT (SELECT count(*) FROM indicator.outbox_event) + (SELECT count(*) FROM assessment.outbox_event)
                             + (SELECT count(*) FROM assessment.dirty_cohort_period)""", n -> n == 0,
                        Duration.ofSeconds(900));
                Poll.until("assessment-service's group caught up", Duration.ofSeconds(300), Duration.ofMillis(500),
                        () -> Rebuild.lag(admin, KafkaIdentities.ASSESSMENT, List.of(Topics.OBSERVATIONS,
                                Topics.ENTITIES)), lag -> lag == 0);
                awaitCount(db, "SELECT count(*) FROM assessment.outbox_event", n -> n == 0, Duration.ofSeconds(300));
                roadmapRebuild = rebuild(platform, Rebuild.Target.ROADMAP);
                // The last recomputes' assessments reach roadmap-service, whose quiet period then passes.
                awaitCount(db, """
                        SELECT count(*) FROM assessment.assessment a
                        LEFT JOIN roadmap.assessment r ON r.framework_code = a.framework_code AND r.cohort = a.cohort
                             AND r.period = a.period AND r.entity_id = a.entity_id
                        WHERE r.assessment_id IS DISTINCT FROM a.assessment_id""", n -> n == 0,
                        Duration.ofSeconds(600));
                awaitCount(db, """
                        SELECT (SELECT count(*) FROM roadmap.planning_due) + (SELECT count(*) FROM roadmap.outbox_event)""",
                        n -> n == 0, Duration.ofSeconds(600));

                // The first instances worked through their own partitions too (they owned them from the start).
                for (String group : mainTopic.keySet()) {
                    assertThat(committedElsewhere(admin, group, mainTopic, ownedByB))
                            .as("offsets " + group + "'s first instance committed on its own partitions").isPositive();
                }

                // Nothing done twice: one revision per event, two per value.
                assertThat(count(db, "SELECT count(*) FROM indicator.observation_revision")).isEqualTo(total);
                assertThat(count(db, "SELECT count(*) FROM indicator.observation")).isEqualTo(rows.size());
                assertThat(count(db, "SELECT count(*) FROM indicator.observation WHERE revisions <> 2"))
                        .as("values with other than two revisions").isZero();
                // One assessment per entity and cohort-period, and each roadmap version a change of plan (two
                // instances planning one key at once would write the same plan twice).
                assertThat(count(db, "SELECT count(*) FROM assessment.assessment WHERE framework_code = '"
                        + FRAMEWORK + "' AND cohort = '" + COHORT + "'")).isEqualTo(31L * periods);
                assertThat(count(db, """
                        SELECT count(*) FROM (SELECT content_digest, lag(content_digest) OVER (
                            PARTITION BY entity_id, cohort, framework_code ORDER BY version) AS before
                            FROM roadmap.roadmap) v WHERE content_digest = before""")).as("roadmap versions repeated")
                        .isZero();
                assertThat(count(db, "SELECT count(DISTINCT entity_id) FROM roadmap.roadmap WHERE cohort = '"
                        + COHORT + "'")).isEqualTo(31);
                // Each feed record stored once, under its own ce_id (indicator-service's inbox is the history's index).
                assertThat(count(db, "SELECT count(DISTINCT event_id) FROM indicator.observation_revision"))
                        .as("feed events stored").isEqualTo(total);
                try (KafkaProbe probe = new KafkaProbe(platform.kafkaClient(Platform.KAFKA_ADMIN))) {
                    // Published once each: as many distinct canonical events as revisions, roadmap events as
                    // versions (a relay killed between sending and marking may send a row again, under its id).
                    Map<String, ConsumerRecord<String, byte[]>> observations = byId(probe, Topics.OBSERVATIONS,
                            EventTypes.OBSERVATION_RECORDED);
                    assertThat(observations).as("observation events").hasSize(total);
                    long versions = count(db, "SELECT count(*) FROM roadmap.roadmap");
                    assertThat(byId(probe, Topics.ROADMAPS, EventTypes.ROADMAP_GENERATED)).as("roadmap events")
                            .hasSize((int) versions);
                    // No assessment computed twice: of the events of one entity and cohort-period, none repeats
                    // the one before it (an unchanged result is neither stored nor published again).
                    Map<String, ConsumerRecord<String, byte[]>> assessmentEvents = byId(probe, Topics.ASSESSMENTS,
                            EventTypes.ASSESSMENT_COMPUTED);
                    assertThat(repeatedResults(assessmentEvents.values())).as("assessments published again unchanged")
                            .isEmpty();
                    // Each event applied once by its consumer: the inboxes hold every id, and only those.
                    assertThat(count(db, "SELECT count(*) FROM assessment.processed_event WHERE consumer = '"
                            + "assessment-service'")).as("observation events in assessment-service's inbox")
                            .isEqualTo(observations.size());
                    assertThat(count(db, "SELECT count(*) FROM roadmap.processed_event WHERE consumer = '"
                            + "roadmap-service'")).as("assessment events in roadmap-service's inbox")
                            .isEqualTo(assessmentEvents.size());
                }

                // The final state is the expected one: assessment-service holds every current value ...
                assertThat(count(db, """
                        SELECT count(*) FROM indicator.observation o
                        FULL JOIN (SELECT * FROM assessment.observation_value WHERE framework_code = 'NQPF-AI') v
                             ON v.entity_id = o.entity_id AND v.indicator = o.indicator AND v.period = o.period
                        WHERE v.value IS DISTINCT FROM o.value""")).as("values that differ").isZero();
                // ... every assessment rests on the inputs it holds now and recomputes to the same result ...
                ApiClient assessments = new ApiClient(platform.url(Service.ASSESSMENT))
                        .withToken(ClientCredentials.demo(platform.issuer(), "demo-steward"));
                List<String> notReproduced = new ArrayList<>();
                for (String entity : rows.stream().map(DemoData.Row::entity).distinct().toList()) {
                    for (String period : List.of("2015", "2023")) {
                        String path = "/api/v1/assessments/" + entity + "/reproduction?period=" + period
                                + "&cohort=" + COHORT + "&framework=" + FRAMEWORK;
                        var r = Poll.until(path, Duration.ofSeconds(60), Duration.ofSeconds(1),
                                () -> assessments.get(path), response -> response.status() < 500);
                        if (r.status() != 200 || !r.body().path("inputsUnchanged").asBoolean()
                                || !r.body().path("reproduced").asBoolean()) {
                            notReproduced.add(entity + "/" + period + ": " + r.text());
                        }
                    }
                }
                assertThat(notReproduced).isEmpty();
            }

            // ... and the state the survivors reached is the one a single instance derives from the same topics
            // without any kill: each rebuild ends with the live state's digest.
            Rebuild.Result assessment = assessmentRebuild.get(10, TimeUnit.MINUTES);
            assertThat(assessment.live().rows()).as("live assessments").isEqualTo(31L * periods);
            assertThat(assessment.live()).as("assessments after the kills").isEqualTo(assessment.rebuilt());
            Rebuild.Result roadmap = roadmapRebuild.get(10, TimeUnit.MINUTES);
            assertThat(roadmap.live().rows()).as("live roadmaps").isEqualTo(31);
            assertThat(roadmap.live()).as("roadmaps after the kills").isEqualTo(roadmap.rebuilt());
        }
    }

    /** {@code ./nqpf rebuild} of the service on this platform, in the background. */
    private static CompletableFuture<Rebuild.Result> rebuild(Platform platform, Rebuild.Target target) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return Rebuild.run(platform.rebuildEnvironment(), target, Duration.ofMinutes(10), System.out);
            }
            catch (Exception e) {
                throw new CompletionException(e);
            }
        }, BACKGROUND);
    }

    /**
     * How many partitions of the topic each instance's consumers own: the second instance's consumers are named
     * after it ({@code indicator-b-0}, ...), the first's are not; instances owning none are left out.
     */
    private static Map<String, Integer> owners(Admin admin, String group, String topic) throws Exception {
        String second = group.replace("-service", "-b");
        ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all().get(10, TimeUnit.SECONDS)
                .get(group);
        Map<String, Integer> owners = new LinkedHashMap<>();
        for (MemberDescription m : d.members()) {
            // A service has a consumer per listener (and per unit of concurrency): count those reading this topic.
            int owned = (int) m.assignment().topicPartitions().stream().filter(tp -> tp.topic().equals(topic)).count();
            if (owned > 0) {
                owners.merge(m.clientId().startsWith(second) ? second : group, owned, Integer::sum);
            }
        }
        return owners;
    }

    /**
     * Polls the query every few milliseconds and kills the instance at once when it answers rows: what the instance
     * held then (empty if it held nothing before the timeout; killed anyway then, so the rest runs).
     */
    private static List<String> killWhenHolding(Platform platform, Connection db, String instance, String sql,
            Duration timeout) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Statement s = db.createStatement()) {
            while (System.nanoTime() < deadline) {
                List<String> held = new ArrayList<>();
                try (ResultSet rs = s.executeQuery(sql)) {
                    while (rs.next()) {
                        held.add(rs.getString(1));
                    }
                }
                if (!held.isEmpty()) {
                    platform.killInstance(instance);
                    return held;
                }
                Thread.sleep(5);
            }
        }
        platform.killInstance(instance);
        return List.of();
    }

    /** The partitions of the topic the instance's consumers own. */
    private static Set<TopicPartition> partitionsOf(Admin admin, String group, String topic, String instance)
            throws Exception {
        Set<TopicPartition> owned = new HashSet<>();
        for (MemberDescription m : admin.describeConsumerGroups(List.of(group)).all().get(10, TimeUnit.SECONDS)
                .get(group).members()) {
            if (m.clientId().startsWith(instance)) {
                m.assignment().topicPartitions().stream().filter(tp -> tp.topic().equals(topic)).forEach(owned::add);
            }
        }
        return owned;
    }

    /** The sum of the offsets the group committed on the partitions its second instance owned. */
    private static long committed(Admin admin, String group, Map<String, Set<TopicPartition>> ownedByB)
            throws Exception {
        var offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        return ownedByB.get(group).stream().mapToLong(tp -> offsets.get(tp) == null ? 0 : offsets.get(tp).offset())
                .sum();
    }

    /** The sum of the offsets the group committed on the partitions of its topic its second instance did not own. */
    private static long committedElsewhere(Admin admin, String group, Map<String, String> mainTopic,
            Map<String, Set<TopicPartition>> ownedByB) throws Exception {
        var offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(mainTopic.get(group)))
                .filter(e -> !ownedByB.get(group).contains(e.getKey())).mapToLong(e -> e.getValue().offset()).sum();
    }

    private static void awaitCommitted(Admin admin, String group, Map<String, Set<TopicPartition>> ownedByB) {
        Poll.until(group + "'s second instance committing offsets", Duration.ofSeconds(600), Duration.ofSeconds(1),
                () -> committed(admin, group, ownedByB), n -> n > 0);
    }

    /** Every record of the topic of that type, one per {@code ce_id}: the whole topic is read. */
    private static Map<String, ConsumerRecord<String, byte[]>> byId(KafkaProbe probe, String topic, String type) {
        long records = probe.count(topic);
        List<ConsumerRecord<String, byte[]>> all = probe.read(topic, r -> true, read -> read.size() >= records,
                Duration.ofSeconds(60));
        assertThat(all).as("records read from " + topic).hasSize((int) records);
        Map<String, ConsumerRecord<String, byte[]>> byId = new LinkedHashMap<>();
        all.stream().filter(r -> type.equals(KafkaProbe.header(r, "ce_type")))
                .forEach(r -> byId.putIfAbsent(KafkaProbe.header(r, "ce_id"), r));
        return byId;
    }

    /**
     * The assessment events whose result (all but their id, time and input digest) equals the previous event's of
     * the same entity, framework, cohort and period, in their partition's order (the key is the entity).
     */
    private static List<String> repeatedResults(Collection<ConsumerRecord<String, byte[]>> events) throws Exception {
        List<ConsumerRecord<String, byte[]>> ordered = new ArrayList<>(events);
        ordered.sort(Comparator.<ConsumerRecord<String, byte[]>>comparingInt(ConsumerRecord::partition)
                .thenComparingLong(ConsumerRecord::offset));
        ObjectMapper json = new ObjectMapper();
        Map<String, JsonNode> last = new HashMap<>();
        List<String> repeated = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : ordered) {
            ObjectNode result = (ObjectNode) json.readTree(r.value());
            String key = result.path("frameworkCode").asText() + "/" + result.path("cohort").asText() + "/"
                    + result.path("period").asText() + "/" + result.path("entityId").asText();
            result.remove(List.of("assessmentId", "computedAt", "inputDigest"));
            if (result.equals(last.put(key, result))) {
                repeated.add(key + " (" + KafkaProbe.header(r, "ce_id") + ")");
            }
        }
        return repeated;
    }

    private static CloudEvent event(int pass, DemoData.Row row, double value) {
        String data = "{\"entity\":\"%s\",\"indicator\":\"%s\",\"period\":\"%s\",\"value\":%s,\"source\":\"demo-feed\"}"
                .formatted(row.entity(), row.indicator(), row.period(), value);
        return CloudEventBuilder.v1().withId("pass-" + pass + "/" + row.entity() + "/" + row.indicator() + "/"
                        + row.period())
                .withType(EventTypes.OBSERVATION_SUBMITTED).withSource(URI.create("/feeds/instances-test"))
                .withTime(FIRST_PASS.plus(Duration.ofHours(pass)).atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json").withData(data.getBytes(StandardCharsets.UTF_8)).build();
    }

    private static KafkaProducer<String, byte[]> producer(Map<String, Object> client) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new KafkaProducer<>(p);
    }


    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

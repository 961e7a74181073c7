package org.nqpf.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.nqpf.contracts.EventTypes;
import org.nqpf.contracts.Topics;
import org.nqpf.launcher.Platform.Service;

/**
 * The fault suite ({@code -Pfaults}, not part of {@code ./mvnw verify}): one seeded stream of observations, half
 * through the gateway as a portal sends them (JSON batches, each resent with its Idempotency-Key until it is
 * answered) and half through the demo feed's raw topic (an idempotent {@code acks=all} producer), sent in one segment
 * per fault while, in turn, each consumer service and the gateway are killed with SIGKILL (and brought back by the
 * platform's own supervisor), the Kafka broker is stopped and started, and PostgreSQL is stopped and started. After
 * each segment the platform is let settle and everything it stored is counted and digested; the same stream on a
 * fresh platform with no fault gives the digests it must equal.
 *
 * <p>Sized by {@code -Dnqpf.faults.periods-per-segment} (default 18: 31 provinces x 30 indicators x 18 periods =
 * 16,740 new observations per segment, and a second revision of a tenth of the previous segment's, 108,810 in all).
 */
class PlatformFaultIT {

    private static final long SEED = 20261202L;
    private static final int PERIODS_PER_SEGMENT = Integer.getInteger("nqpf.faults.periods-per-segment", 18);
    /** Observations per second and channel: slow enough that each fault lands in the middle of its segment. */
    private static final int RATE_PER_CHANNEL = Integer.getInteger("nqpf.faults.rate", 700);
    private static final int HTTP_BATCH = 500;
    /** The broker's outage: longer than the clients' request timeouts, so producers and consumers see it. */
    private static final Duration KAFKA_OUTAGE = Duration.ofSeconds(
            Integer.getInteger("nqpf.faults.kafka-outage-seconds", 30));
    /**
     * The database's outage: longer than a consumer's retries of a record (3 retries, each waiting up to Hikari's
     * 30 s for a connection), so an outage that is dead-lettered rather than waited out shows as lost records.
     */
    private static final Duration DATABASE_OUTAGE = Duration.ofSeconds(
            Integer.getInteger("nqpf.faults.database-outage-seconds", 100));
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(
            Integer.getInteger("nqpf.faults.settle-seconds", 240));
    private static final int FIRST_PERIOD = 1901;
    /** The sources' own clock for each segment's revisions: orders them whatever the arrival order. */
    private static final Instant SOURCE_CLOCK = Instant.parse("2025-01-01T00:00:00Z");
    private static final int[] REGIONS = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43,
            44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65};

    /** What is done to the platform while one segment of the stream flows; in this order. */
    enum Fault {
        INDICATOR_SERVICE_KILLED("indicator-service SIGKILL", Service.INDICATOR),
        ASSESSMENT_SERVICE_KILLED("assessment-service SIGKILL", Service.ASSESSMENT),
        ROADMAP_SERVICE_KILLED("roadmap-service SIGKILL", Service.ROADMAP),
        GATEWAY_KILLED("gateway SIGKILL", Service.GATEWAY),
        KAFKA_RESTARTED("Kafka broker stopped " + KAFKA_OUTAGE.toSeconds() + " s", null),
        POSTGRES_RESTARTED("PostgreSQL stopped " + DATABASE_OUTAGE.toSeconds() + " s", null);

        final String label;
        final Service killed;

        Fault(String label, Service killed) {
            this.label = label;
            this.killed = killed;
        }
    }

    /** One observation as sent: a new value, or a later revision of one. */
    record Obs(String entity, String indicator, String period, String value, int revision, int segment, boolean http) {
        String key() {
            return entity + "|" + indicator + "|" + period;
        }

        String ceId() {
            return "fault/" + key().replace('|', '/') + "/r" + revision;
        }
    }

    /** What one checkpoint found. */
    record Checkpoint(String fault, long sent, long stored, long lost, long duplicated, long wrong,
            long deadLettered, long httpRetries, long kafkaResends, boolean settled, double settleSeconds,
            double segmentSeconds, StateDigest.Digest observations, StateDigest.Digest assessments,
            StateDigest.Digest roadmaps) {
    }

    @Test
    void should_LoseAndDuplicateNothing_When_ServicesGatewayBrokerAndDatabaseFailMidStream() throws Exception {
        long started = System.nanoTime();
        Path home = Path.of(System.getProperty("nqpf.home", "..")).toAbsolutePath().normalize();
        List<List<Obs>> segments = stream(home);
        long total = segments.stream().mapToLong(List::size).sum();
        log("fault suite: %,d observations in %d segments", total, segments.size());

        List<Checkpoint> clean = run(home, segments, false);
        double cleanSeconds = seconds(started);
        List<Checkpoint> faulted = run(home, segments, true);
        double allSeconds = seconds(started);

        String report = report(clean, faulted, total, cleanSeconds, allSeconds - cleanSeconds);
        System.out.println(report);
        Path out = Path.of("target", "fault-report.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);

        assertThat(total).as("the stream's size").isGreaterThanOrEqualTo(PERIODS_PER_SEGMENT >= 18 ? 100_000 : 1);
        for (int i = 0; i < faulted.size(); i++) {
            Checkpoint f = faulted.get(i);
            Checkpoint c = clean.get(i);
            assertThat(c.settled()).as("clean run settled after segment %d", i + 1).isTrue();
            assertThat(c.lost() + c.duplicated() + c.wrong()).as("clean run lost, duplicated or wrong").isZero();
            assertThat(f.lost()).as("%s: observations lost", f.fault()).isZero();
            assertThat(f.duplicated()).as("%s: observations duplicated", f.fault()).isZero();
            assertThat(f.wrong()).as("%s: observations whose current value is not the last sent", f.fault()).isZero();
            assertThat(f.settled()).as("%s: the platform settled", f.fault()).isTrue();
            assertThat(f.observations()).as("%s: observations digest", f.fault()).isEqualTo(c.observations());
            assertThat(f.assessments()).as("%s: assessments digest", f.fault()).isEqualTo(c.assessments());
            assertThat(f.roadmaps()).as("%s: roadmaps digest", f.fault()).isEqualTo(c.roadmaps());
        }
    }

    // --- the stream ---

    /**
     * Segment s: every province x indicator for its own periods, values drawn from the seed inside each indicator's
     * range, plus (from the second segment on) a second revision of every tenth observation of segment s-1 through
     * the channel that sent its first; half of the keys go through the gateway, half through the raw topic.
     */
    private static List<List<Obs>> stream(Path home) {
        Map<String, double[]> ranges = indicatorRanges();
        Random random = new Random(SEED);
        List<List<Obs>> segments = new ArrayList<>();
        List<Obs> previous = List.of();
        for (int s = 0; s < Fault.values().length; s++) {
            List<Obs> segment = new ArrayList<>();
            int k = 0;
            for (int p = 0; p < PERIODS_PER_SEGMENT; p++) {
                String period = String.valueOf(FIRST_PERIOD + s * PERIODS_PER_SEGMENT + p);
                for (int region : REGIONS) {
                    for (Map.Entry<String, double[]> indicator : ranges.entrySet()) {
                        segment.add(new Obs("CN-" + region, indicator.getKey(), period,
                                value(random, indicator.getValue()), 1, s, k++ % 2 == 0));
                    }
                }
            }
            for (int i = 0; i < previous.size(); i += 10) {
                Obs o = previous.get(i);
                segment.add(new Obs(o.entity(), o.indicator(), o.period(),
                        value(random, ranges.get(o.indicator())), o.revision() + 1, s, o.http()));
            }
            segments.add(segment);
            previous = segment.stream().filter(o -> o.revision() == 1).toList();
        }
        return segments;
    }

    /** The default framework's indicators and their valid ranges, as seeded (docs/FRAMEWORK-DEFAULT.md). */
    private static Map<String, double[]> indicatorRanges() {
        Map<String, double[]> ranges = new LinkedHashMap<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "\\('NQPF-AI', 1, '([A-Z0-9_]+)',.*?'(?:LABORERS|MEANS_OF_LABOR|OBJECTS_OF_LABOR|OPTIMIZED_COMBINATION)',"
                        + " '(?:AI|NQPF)', '[A-Z_]+', '(?:[^']|'')*', -?1, ([0-9.]+), ([0-9.]+),")
                .matcher(read("indicator-service/src/main/resources/db/migration/V2__seed_default_framework.sql"));
        while (m.find()) {
            ranges.put(m.group(1), new double[] {Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3))});
        }
        assertThat(ranges).as("the default framework's indicators").hasSize(30);
        return ranges;
    }

    private static String read(String file) {
        Path home = Path.of(System.getProperty("nqpf.home", "..")).toAbsolutePath().normalize();
        try {
            return Files.readString(home.resolve(file));
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A value in the lower half of the range, 4 decimals: the same text on both runs. */
    private static String value(Random random, double[] range) {
        return String.format(Locale.ROOT, "%.4f", range[0] + (range[1] - range[0]) * 0.5 * random.nextDouble());
    }

    // --- one platform, the whole stream ---

    private List<Checkpoint> run(Path home, List<List<Obs>> segments, boolean faults) throws Exception {
        String name = faults ? "faulted" : "clean";
        long startedAt = System.nanoTime();
        // Its own embedded broker and database (null infrastructure), so both can be stopped.
        Platform.Config config = Platform.Config.defaults(home).withFreePorts()
                .withStateDir(Files.createTempDirectory("nqpf-faults-" + name));
        List<String> console = new CopyOnWriteArrayList<>();
        List<Checkpoint> checkpoints = new ArrayList<>();
        Map<String, Obs> expected = new HashMap<>();
        try (Platform platform = Platform.start(config)) {
            // Should this JVM be stopped (a failsafe timeout, Ctrl-C), its platform's processes go with it.
            Thread stopper = new Thread(platform::close, "fault-suite-stop-" + name);
            Runtime.getRuntime().addShutdownHook(stopper);
            log("fault suite (%s): platform up in %.0f s", name, seconds(startedAt));
            // Killed services come back through the platform's own supervisor, as under ./nqpf up.
            platform.supervise(message -> {
                log("fault suite (%s): %s", name, message);
                console.add(message);
            });
            Db db = new Db(platform);
            ClientCredentials portal = ClientCredentials.demo(platform.issuer(), "demo-steward");
            Map<String, Object> adminClient = new HashMap<>(platform.kafkaClient(Platform.KAFKA_ADMIN));
            Sender sender = new Sender(platform.gatewayUrl(), portal, platform.kafkaClient(Platform.DEMO_FEED));
            try {
                long sent = 0;
                for (int s = 0; s < segments.size(); s++) {
                    Fault fault = Fault.values()[s];
                    List<Obs> segment = segments.get(s);
                    long dltBefore = deadLetters(adminClient);
                    long segmentStart = System.nanoTime();
                    CompletableFuture<Void> flow = sender.send(segment);
                    if (faults) {
                        // Mid-stream: once about a third of the segment has been acknowledged.
                        long target = sender.acknowledged() + segment.size() / 3;
                        while (sender.acknowledged() < target && !flow.isDone()) {
                            Thread.sleep(50);
                        }
                        inflict(platform, fault, console);
                    }
                    flow.get(20, TimeUnit.MINUTES);
                    double segmentSeconds = seconds(segmentStart);
                    sent += segment.size();
                    for (Obs o : segment) {
                        expected.put(o.key(), o);
                    }
                    long settleStart = System.nanoTime();
                    boolean settled = settle(db, adminClient, expected);
                    double settleSeconds = seconds(settleStart);
                    Counts counts = db.counts(expected);
                    StateDigest.Digest[] digests = db.digests();
                    Checkpoint checkpoint = new Checkpoint(faults ? fault.label : "clean " + (s + 1), sent,
                            counts.stored, counts.lost, counts.duplicated, counts.wrong,
                            deadLetters(adminClient) - dltBefore, sender.httpRetries.getAndSet(0),
                            sender.kafkaResends.getAndSet(0), settled, settleSeconds, segmentSeconds, digests[0],
                            digests[1], digests[2]);
                    checkpoints.add(checkpoint);
                    log("fault suite (%s): %s", name, checkpoint);
                    if (!settled) {
                        log("%s", platform.logTail(Service.INDICATOR, 20));
                        log("%s", platform.logTail(Service.ASSESSMENT, 20));
                        log("%s", platform.logTail(Service.ROADMAP, 20));
                    }
                }
            }
            finally {
                sender.close();
                Runtime.getRuntime().removeShutdownHook(stopper);
            }
        }
        log("fault suite (%s): %.0f s", name, seconds(startedAt));
        deleteRecursively(config.stateDir()); // a broker's log and a database: hundreds of MB per run
        return checkpoints;
    }

    private static void inflict(Platform platform, Fault fault, List<String> console) throws Exception {
        log("fault suite: %s", fault.label);
        if (fault.killed != null) {
            int announced = console.size();
            long pid = platform.pid(fault.killed);
            ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // SIGKILL, from outside the platform
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (console.size() == announced && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(console).as("the supervisor announces the restart").hasSizeGreaterThan(announced);
            platform.awaitHealthy(fault.killed, Duration.ofSeconds(240));
            assertThat(platform.pid(fault.killed)).as("a new process").isNotEqualTo(pid);
        }
        else if (fault == Fault.KAFKA_RESTARTED) {
            platform.stopKafka();
            Thread.sleep(KAFKA_OUTAGE.toMillis());
            platform.startKafka();
        }
        else {
            platform.stopDatabase();
            Thread.sleep(DATABASE_OUTAGE.toMillis());
            platform.startDatabase();
        }
    }

    // --- settling: nothing waiting anywhere, everything sent visible downstream ---

    private static boolean settle(Db db, Map<String, Object> adminClient, Map<String, Obs> expected)
            throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        String last = "";
        String reason = "";
        long nextReport = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                reason = db.unsettled(expected);
                if (reason.isEmpty()) {
                    reason = lag(adminClient);
                }
                if (reason.isEmpty()) {
                    // Twice in a row with the same state: nothing was in flight between the reads.
                    String now = List.of(db.digests()).toString();
                    if (now.equals(last)) {
                        return true;
                    }
                    last = now;
                }
                else {
                    last = "";
                }
            }
            catch (Exception e) {
                reason = e.toString(); // the database or the broker still coming back
                last = "";
            }
            if (System.nanoTime() > nextReport) {
                log("fault suite: settling: %s", reason.isEmpty() ? "state still changing" : reason);
                nextReport = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            }
            Thread.sleep(2_000);
        }
        log("fault suite: not settled after %s: %s", SETTLE_TIMEOUT, reason);
        return false;
    }

    /** Consumer lag of every group on the broker, "" when none. */
    private static String lag(Map<String, Object> adminClient) throws Exception {
        try (Admin admin = admin(adminClient)) {
            StringBuilder lagging = new StringBuilder();
            for (ConsumerGroupListing group : admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS)) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
                for (var e : committed.entrySet()) {
                    long lag = ends.get(e.getKey()).offset() - (e.getValue() == null ? 0 : e.getValue().offset());
                    if (lag > 0) {
                        lagging.append(group.groupId()).append(' ').append(e.getKey()).append(" lag ").append(lag)
                                .append("; ");
                    }
                }
            }
            return lagging.toString();
        }
    }

    /** Records on every dead-letter topic. */
    private static long deadLetters(Map<String, Object> adminClient) {
        try (Admin admin = admin(adminClient)) {
            List<String> dlts = admin.listTopics().names().get(10, TimeUnit.SECONDS).stream()
                    .filter(t -> t.endsWith(".DLT")).toList();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            admin.describeTopics(dlts).allTopicNames().get(10, TimeUnit.SECONDS).forEach((t, d) -> d.partitions()
                    .forEach(p -> {
                        latest.put(new TopicPartition(t, p.partition()), OffsetSpec.latest());
                        earliest.put(new TopicPartition(t, p.partition()), OffsetSpec.earliest());
                    }));
            long end = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).values().stream()
                    .mapToLong(o -> o.offset()).sum();
            long start = admin.listOffsets(earliest).all().get(10, TimeUnit.SECONDS).values().stream()
                    .mapToLong(o -> o.offset()).sum();
            return end - start;
        }
        catch (Exception e) {
            throw new IllegalStateException("counting dead letters: " + e, e);
        }
    }

    private static Admin admin(Map<String, Object> client) {
        Map<String, Object> config = new HashMap<>(client);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        return Admin.create(config);
    }

    // --- the database: what was stored, and its digest ---

    record Counts(long stored, long lost, long duplicated, long wrong) {
    }

    private static final class Db {
        private final Platform platform;

        Db(Platform platform) {
            this.platform = platform;
        }

        Connection connect() throws SQLException {
            return DriverManager.getConnection(platform.jdbcUrl(), "postgres", "postgres");
        }

        /**
         * Why the platform has not settled yet, "" when it has. The cheap counts first; the joins over every
         * observation only once those are clean (they cost the starved machine the most).
         */
        String unsettled(Map<String, Obs> expected) throws SQLException {
            long revisions = expected.values().stream().mapToLong(Obs::revision).sum();
            try (Connection c = connect(); Statement s = c.createStatement()) {
                List<String> reasons = new ArrayList<>();
                for (String schema : List.of("indicator", "assessment", "roadmap")) {
                    check(s, reasons, schema + " outbox", "SELECT count(*) FROM " + schema + ".outbox_event");
                }
                check(s, reasons, "recompute backlog", "SELECT count(*) FROM assessment.dirty_cohort_period");
                check(s, reasons, "planning backlog", "SELECT count(*) FROM roadmap.planning_due");
                check(s, reasons, "indicator observations (count, revisions) != (" + expected.size() + ", " + revisions
                        + ")", "SELECT CASE WHEN count(*) = " + expected.size() + " AND sum(revision) = " + revisions
                        + " THEN 0 ELSE 1 END FROM indicator.observation");
                check(s, reasons, "observations assessment-service has not seen (of " + expected.size() + ")",
                        "SELECT " + expected.size() + " - count(*) FROM assessment.observation_value");
                if (!reasons.isEmpty()) {
                    return String.join("; ", reasons);
                }
                check(s, reasons, "observations assessment-service holds another revision or value of", """
                        SELECT count(*) FROM indicator.observation o
                        FULL JOIN (SELECT * FROM assessment.observation_value WHERE framework_code = 'NQPF-AI') v
                          ON v.entity_id = o.entity_id AND v.indicator = o.indicator AND v.period = o.period
                        WHERE o.revision IS DISTINCT FROM v.revision OR o.value IS DISTINCT FROM v.value""");
                check(s, reasons, "assessments roadmap-service has not seen", """
                        SELECT count(*) FROM assessment.assessment a
                        FULL JOIN roadmap.assessment r USING (cohort, framework_code, period, entity_id)
                        WHERE a.assessment_id IS DISTINCT FROM r.assessment_id""");
                return String.join("; ", reasons);
            }
        }

        private static void check(Statement s, List<String> reasons, String what, String sql) throws SQLException {
            try (ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                long n = rs.getLong(1);
                if (n != 0) {
                    reasons.add(what + ": " + n);
                }
            }
        }

        /**
         * Against what was sent: lost (revisions missing, a key never stored counts all of its), duplicated (history
         * rows beyond the revisions sent for a key), wrong (current value not the last one sent).
         */
        Counts counts(Map<String, Obs> expected) throws SQLException {
            Map<String, long[]> found = new HashMap<>();
            Map<String, String> values = new HashMap<>();
            long stored = 0;
            try (Connection c = connect(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("""
                            SELECT o.entity_id, o.indicator, o.period, o.value, count(r.revision)
                            FROM indicator.observation o
                            LEFT JOIN indicator.observation_revision r ON r.observation_id = o.id
                            GROUP BY o.id""")) {
                while (rs.next()) {
                    String key = rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3);
                    found.put(key, new long[] {rs.getLong(5)});
                    double v = rs.getDouble(4);
                    values.put(key, rs.wasNull() ? null : String.format(Locale.ROOT, "%.4f", v));
                    stored += rs.getLong(5);
                }
            }
            long lost = 0;
            long duplicated = 0;
            long wrong = 0;
            for (Obs o : expected.values()) {
                long[] f = found.get(o.key());
                long have = f == null ? 0 : f[0];
                lost += Math.max(0, o.revision() - have);
                duplicated += Math.max(0, have - o.revision());
                if (f != null && !o.value().equals(values.get(o.key()))) {
                    wrong++;
                }
            }
            for (String key : found.keySet()) {
                if (!expected.containsKey(key)) {
                    duplicated += found.get(key)[0]; // stored, never sent
                }
            }
            return new Counts(stored, lost, duplicated, wrong);
        }

        StateDigest.Digest[] digests() throws SQLException {
            try (Connection c = connect()) {
                return new StateDigest.Digest[] {StateDigest.observations(c, "indicator"),
                        StateDigest.assessments(c, "assessment"), StateDigest.roadmaps(c, "roadmap")};
            }
        }
    }

    // --- the two channels ---

    /** Sends a segment through both channels at a steady rate, retrying whatever was not acknowledged. */
    private static final class Sender implements AutoCloseable {
        private final String gateway;
        private final ClientCredentials portal;
        private final KafkaProducer<String, byte[]> producer;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final AtomicLong acknowledged = new AtomicLong();
        final AtomicLong httpRetries = new AtomicLong();
        final AtomicLong kafkaResends = new AtomicLong();
        private int batch;

        Sender(String gateway, ClientCredentials portal, Map<String, Object> feedClient) {
            this.gateway = gateway;
            this.portal = portal;
            Properties p = new Properties();
            p.putAll(feedClient);
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            // A broker outage is waited out: records stay in the producer until it is back.
            p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000);
            p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
            p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 300_000);
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
            this.producer = new KafkaProducer<>(p);
        }

        long acknowledged() {
            return acknowledged.get();
        }

        CompletableFuture<Void> send(List<Obs> segment) {
            List<Obs> viaHttp = segment.stream().filter(Obs::http).toList();
            List<Obs> viaKafka = segment.stream().filter(o -> !o.http()).toList();
            int segmentBatch = batch;
            batch += (viaHttp.size() + HTTP_BATCH - 1) / HTTP_BATCH;
            CompletableFuture<Void> h = CompletableFuture.runAsync(() -> sendHttp(viaHttp, segmentBatch));
            CompletableFuture<Void> k = CompletableFuture.runAsync(() -> sendKafka(viaKafka));
            return CompletableFuture.allOf(h, k);
        }

        private void sendHttp(List<Obs> rows, int firstBatch) {
            long start = System.nanoTime();
            for (int i = 0, b = firstBatch; i < rows.size(); i += HTTP_BATCH, b++) {
                List<Obs> chunk = rows.subList(i, Math.min(rows.size(), i + HTTP_BATCH));
                StringBuilder body = new StringBuilder("{\"observations\":[");
                for (int j = 0; j < chunk.size(); j++) {
                    Obs o = chunk.get(j);
                    body.append(j == 0 ? "" : ",").append("{\"entity\":\"").append(o.entity())
                            .append("\",\"indicator\":\"").append(o.indicator()).append("\",\"period\":\"")
                            .append(o.period()).append("\",\"value\":").append(o.value())
                            .append(",\"source\":\"fault-portal\",\"revisedAt\":\"").append(sourceTime(o))
                            .append("\"}");
                }
                post(body.append("]}").toString(), "fault-batch-" + b, chunk.size());
                acknowledged.addAndGet(chunk.size());
                pace(start, i + chunk.size());
            }
        }

        /** Until answered 200 with every row taken: lost answers, 5xx, 503 and 429 are sent again, same key. */
        private void post(String body, String idempotencyKey, int rows) {
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            String last = "";
            while (System.nanoTime() < deadline) {
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(gateway
                            + "/api/v1/observations")).timeout(Duration.ofSeconds(30))
                            .header("Authorization", portal.header()).header("Content-Type", "application/json")
                            .header("Idempotency-Key", idempotencyKey)
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        if (!r.body().contains("\"rejected\":0")) {
                            throw new AssertionError("batch " + idempotencyKey + " had rows rejected: " + r.body());
                        }
                        return;
                    }
                    if (r.statusCode() < 500 && r.statusCode() != 429 && r.statusCode() != 401) {
                        throw new AssertionError("batch " + idempotencyKey + " refused: " + r.statusCode() + " "
                                + r.body());
                    }
                    last = r.statusCode() + " " + r.body();
                }
                catch (IOException | IllegalStateException e) {
                    last = e.toString(); // the gateway (or the issuer) not answering: the answer was lost
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                httpRetries.incrementAndGet();
                sleep(500);
            }
            throw new AssertionError("batch " + idempotencyKey + " not taken in 10 min: " + last);
        }

        private void sendKafka(List<Obs> rows) {
            long start = System.nanoTime();
            ConcurrentLinkedQueue<Obs> failed = new ConcurrentLinkedQueue<>();
            AtomicLong inFlight = new AtomicLong();
            int n = 0;
            for (Obs o : rows) {
                sendOne(o, failed, inFlight);
                if (++n % 100 == 0) {
                    pace(start, n);
                }
            }
            // A record the producer gave up on is sent again (same ce_id: the service stores it once).
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while ((inFlight.get() > 0 || !failed.isEmpty()) && System.nanoTime() < deadline) {
                producer.flush();
                Obs o;
                while ((o = failed.poll()) != null) {
                    kafkaResends.incrementAndGet();
                    sendOne(o, failed, inFlight);
                }
                sleep(100);
            }
            assertThat(inFlight.get()).as("feed records never acknowledged").isZero();
        }

        private void sendOne(Obs o, ConcurrentLinkedQueue<Obs> failed, AtomicLong inFlight) {
            inFlight.incrementAndGet();
            ProducerRecord<String, byte[]> record = KafkaMessageFactory
                    .createWriter(Topics.rawFeed(Platform.DEMO_FEED), null, null, o.entity()).writeBinary(event(o));
            try {
                producer.send(record, (meta, error) -> {
                    if (error == null) {
                        acknowledged.incrementAndGet();
                    }
                    else {
                        failed.add(o);
                    }
                    inFlight.decrementAndGet();
                });
            }
            catch (RuntimeException e) {
                failed.add(o);
                inFlight.decrementAndGet();
            }
        }

        private static CloudEvent event(Obs o) {
            String data = "{\"entity\":\"%s\",\"indicator\":\"%s\",\"period\":\"%s\",\"value\":%s,\"source\":\"demo-feed\"}"
                    .formatted(o.entity(), o.indicator(), o.period(), o.value());
            return CloudEventBuilder.v1().withId(o.ceId()).withType(EventTypes.OBSERVATION_SUBMITTED)
                    .withSource(URI.create("/feeds/fault-suite"))
                    .withTime(OffsetDateTime.ofInstant(SOURCE_CLOCK.plusSeconds(3600L * o.revision()), ZoneOffset.UTC))
                    .withDataContentType("application/json").withData(data.getBytes(StandardCharsets.UTF_8)).build();
        }

        private static String sourceTime(Obs o) {
            return SOURCE_CLOCK.plusSeconds(3600L * o.revision()).toString();
        }

        /** Holds the channel to RATE_PER_CHANNEL observations a second. */
        private static void pace(long start, long sent) {
            long due = start + sent * 1_000_000_000L / RATE_PER_CHANNEL;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                sleep(wait / 1_000_000);
            }
        }

        @Override
        public void close() {
            producer.close(Duration.ofSeconds(10));
        }
    }

    // --- the report ---

    private static String report(List<Checkpoint> clean, List<Checkpoint> faulted, long total, double cleanSeconds,
            double faultSeconds) {
        StringBuilder out = new StringBuilder();
        out.append("# Fault suite report\n\n");
        out.append(String.format(Locale.ROOT, "Stream: %,d observations (seed %d), %d segments, %d per second and "
                + "channel (gateway JSON batches of %d, demo feed raw topic); clean run %.0f s, faulted run %.0f s.%n%n",
                total, SEED, faulted.size(), RATE_PER_CHANNEL, HTTP_BATCH, cleanSeconds, faultSeconds));
        out.append("| fault | sent | stored | lost | duplicated | wrong | dead-lettered | HTTP retries | Kafka resends"
                + " | settled (s) | observations = clean | assessments = clean | roadmaps = clean |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|\n");
        for (int i = 0; i < faulted.size(); i++) {
            Checkpoint f = faulted.get(i);
            Checkpoint c = i < clean.size() ? clean.get(i) : null;
            out.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %d | %d | %d | %d | %d | %d | %s | %s | %s | %s |%n",
                    f.fault(), f.sent(), f.stored(), f.lost(), f.duplicated(), f.wrong(), f.deadLettered(),
                    f.httpRetries(), f.kafkaResends(),
                    f.settled() ? String.format(Locale.ROOT, "%.0f", f.settleSeconds()) : "no",
                    same(f.observations(), c == null ? null : c.observations()),
                    same(f.assessments(), c == null ? null : c.assessments()),
                    same(f.roadmaps(), c == null ? null : c.roadmaps())));
        }
        out.append("\nClean run checkpoints (rows, sha256 prefix): ");
        for (Checkpoint c : clean) {
            out.append(String.format(Locale.ROOT, "%s obs %d/%s ass %d/%s road %d/%s; ", c.fault(),
                    c.observations().rows(), prefix(c.observations()), c.assessments().rows(), prefix(c.assessments()),
                    c.roadmaps().rows(), prefix(c.roadmaps())));
        }
        out.append("\n");
        return out.toString();
    }

    private static String same(StateDigest.Digest faulted, StateDigest.Digest clean) {
        return (faulted.equals(clean) ? "yes" : "**no**") + " (" + faulted.rows() + ")";
    }

    private static String prefix(StateDigest.Digest d) {
        return d.sha256().substring(0, Math.min(12, d.sha256().length()));
    }

    /** Progress, to the test's output and, as it happens, to target/fault-suite.log (failsafe holds the output). */
    private static synchronized void log(String format, Object... args) {
        String line = Instant.now() + " " + String.format(Locale.ROOT, format, args);
        System.out.println(line);
        try {
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "fault-suite.log"), line + System.lineSeparator(),
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        }
        catch (IOException e) {
            // the console has it
        }
    }

    private static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        catch (IOException e) {
            log("could not delete %s: %s", dir, e);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
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

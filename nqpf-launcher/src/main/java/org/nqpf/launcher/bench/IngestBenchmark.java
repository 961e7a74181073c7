package org.nqpf.launcher.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.nqpf.launcher.ClientCredentials;
import org.nqpf.launcher.Platform;

/**
 * {@code ./nqpf bench ingest}: starts the platform (its own Kafka and PostgreSQL in a temporary state directory, the
 * services' jars, no demo data) and measures in one run, on the same broker:
 * <ol>
 * <li>the raw producer rate, with Kafka's own {@code ProducerPerformance} tool, records the size of the raw
 * observation events, {@code acks=all};</li>
 * <li>the Kafka ingest path: observations sent to the bench feed's raw topic {@code nqpf.observations.raw.v1.bench}
 * (CloudEvents binary mode, as the feed's own Kafka principal) until
 * every one is stored and published as a canonical event on {@code nqpf.observations.v1}, once live (the feeder
 * sending on the same cores while the service consumes) and once as a backlog drained by a freshly started service
 * (the figure compared with the raw rate: what the path sustains with the machine to itself);</li>
 * <li>the floor of any durable Kafka-to-PostgreSQL sink ({@link SinkFloor}) on the same records, against which the
 * Kafka path's backlog rate is set ({@code vs_floor}; issue 11's target: at least half);</li>
 * <li>the backlog once more, drained by the service already running ({@code warm_obs_per_s}, {@code
 * warm_vs_floor}): without the cold start (b2) pays for;</li>
 * <li>the HTTP batch rate through the gateway ({@code POST /api/v1/observations}, JSON batches);</li>
 * <li>a million-row CSV import through the gateway, sampling indicator-service's heap while it runs.</li>
 * </ol>
 * The last line printed is {@code ingest kafka_vs_raw=.. kafka_obs_per_s=.. raw_per_s=.. http_obs_per_s=..
 * warm_obs_per_s=.. floor_obs_per_s=.. vs_floor=.. warm_vs_floor=..}.
 */
public final class IngestBenchmark {

    /** The benchmark is a feed of its own, provisioned like any new feed (docs/INGEST.md). */
    static final String FEED = "bench";
    static final String RAW_TOPIC = org.nqpf.contracts.Topics.rawFeed(FEED);
    static final String CANONICAL_TOPIC = org.nqpf.contracts.Topics.OBSERVATIONS;
    static final String SUBMITTED = "org.nqpf.observation.submitted.v1";
    static final String PERF_TOPIC = "nqpf.bench.producer-performance";

    /** What to measure, from the command line. */
    record Options(int kafkaRevisions, int httpRevisions, int httpBatch, int importRows, long producerRecords,
            boolean keepState, boolean allServices, String database) {

        static Options parse(List<String> args) {
            // 93,000 keys (31 provinces x 30 indicators x 1900-1999) x 3 revisions = 279,000 rows
            int kafkaRevisions = 3;
            int httpRevisions = 2;
            int httpBatch = 5000;
            int importRows = 1_000_000;
            long producerRecords = 1_000_000;
            boolean keep = false;
            boolean all = false;
            String database = null;
            for (int i = 0; i < args.size(); i++) {
                switch (args.get(i)) {
                    case "--kafka-revisions" -> kafkaRevisions = Integer.parseInt(args.get(++i));
                    case "--http-revisions" -> httpRevisions = Integer.parseInt(args.get(++i));
                    case "--http-batch" -> httpBatch = Integer.parseInt(args.get(++i));
                    case "--import-rows" -> importRows = Integer.parseInt(args.get(++i));
                    case "--producer-records" -> producerRecords = Long.parseLong(args.get(++i));
                    case "--keep-state" -> keep = true;
                    case "--all-services" -> all = true;
                    // a PostgreSQL of one's own (user postgres, password from PGPASSWORD), e.g. one with
                    // pg_stat_statements loaded to see where the path's database time goes
                    case "--database" -> database = args.get(++i);
                    default -> throw new IllegalArgumentException("unknown option " + args.get(i)
                            + "; options: --kafka-revisions N --http-revisions N --http-batch N --import-rows N"
                            + " --producer-records N --keep-state --all-services --database JDBC_URL");
                }
            }
            return new Options(kafkaRevisions, httpRevisions, httpBatch, importRows, producerRecords, keep, all,
                    database);
        }
    }

    /** An indicator's code and the range its values must lie in. */
    record Target(String code, Double min, Double max) {

        /** A valid value, different for each revision {@code r} of the same key. */
        double value(int key, int revision) {
            double f = ((key * 31L + revision * 7919L) % 997 + 1) / 999.0;
            if (min != null && max != null) {
                return round(min + (max - min) * f);
            }
            double base = min != null ? Math.max(min, 0) + 1 : 1;
            return round(base * (1 + 10 * f));
        }

        private static double round(double v) {
            return Math.round(v * 1e4) / 1e4;
        }
    }

    /** One observation key: entity, indicator, period. */
    record Key(String entity, Target indicator, String period, int index) {
    }

    private final Options options;
    private final Path home;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private IngestBenchmark(Path home, Options options) {
        this.home = home;
        this.options = options;
    }

    public static int main(Path home, List<String> args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        }
        catch (RuntimeException e) {
            System.err.println("nqpf bench ingest: " + e.getMessage());
            return 2;
        }
        return new IngestBenchmark(home, options).run();
    }

    /** Submits and reads as the demo steward; reads indicator-service's heap meter as the demo operator. */
    private ClientCredentials steward;
    private ClientCredentials operator;

    private int run() throws Exception {
        Path state = Files.createTempDirectory("nqpf-bench-ingest-");
        Platform.Config config = Platform.Config.defaults(home).withStateDir(state).withFreePorts();
        if (options.database() != null) {
            config = config.withInfrastructure(null, options.database(), "postgres",
                    System.getenv().getOrDefault("PGPASSWORD", ""));
        }
        System.out.println("bench ingest: starting the platform in " + state + " (logs in " + state.resolve("logs")
                + ")");
        long t0 = System.nanoTime();
        // Ingestion is what is measured: indicator-service behind the gateway. assessment-service and roadmap-service
        // would recompute cohorts on the same two cores while it runs (--all-services starts them too).
        java.util.Set<Platform.Service> services = options.allServices()
                ? java.util.EnumSet.allOf(Platform.Service.class)
                : java.util.EnumSet.of(Platform.Service.INDICATOR, Platform.Service.GATEWAY);
        Platform.liftGatewayRateLimit(); // the batch rate is the measurement, not a client to throttle
        try (Platform platform = Platform.start(config, services)) {
            steward = ClientCredentials.demo(platform.issuer(), "demo-steward");
            operator = ClientCredentials.demo(platform.issuer(), "demo-operator");
            System.out.printf(Locale.ROOT, "bench ingest: platform up in %.0f s (Kafka %s, gateway %s)%n",
                    seconds(t0), platform.kafkaBootstrapServers(), platform.gatewayUrl());
            List<String> entities = entities(platform.gatewayUrl());
            List<Target> indicators = indicators(platform.gatewayUrl());
            System.out.printf("bench ingest: %d entities x %d indicators%n", entities.size(), indicators.size());

            List<Key> kafkaKeys = keys(entities, indicators, 1900, 1949);
            List<Key> backlogKeys = keys(entities, indicators, 1950, 1999);
            List<Key> httpKeys = keys(entities, indicators, 2000, 2049);
            List<Key> importKeys = keys(entities, indicators, 2050, 2099);

            platform.provisionFeed(FEED);
            int recordSize = averageRecordSize(kafkaKeys);
            double rawPerSecond = producerPerformance(platform, state, recordSize);
            CpuMeter cpu = new CpuMeter(state);
            KafkaPath kafka = kafkaPath(platform, kafkaKeys, backlogKeys, cpu);
            double kafkaPerSecond = kafka.backlog();
            SinkFloor.Result floor = floor(platform, config, 2L * kafkaKeys.size() * options.kafkaRevisions(), cpu);
            double warm = warmBacklog(platform, kafkaKeys, cpu);
            double httpPerSecond = httpBatches(platform.gatewayUrl(), httpKeys);
            if (options.importRows() > 0) {
                csvImport(platform, importKeys, state);
            }
            String last = String.format(Locale.ROOT,
                    "ingest kafka_vs_raw=%.3f kafka_obs_per_s=%.0f raw_per_s=%.0f http_obs_per_s=%.0f"
                    + " warm_obs_per_s=%.0f floor_obs_per_s=%.0f vs_floor=%.3f warm_vs_floor=%.3f",
                    kafkaPerSecond / rawPerSecond, kafkaPerSecond, rawPerSecond, httpPerSecond, warm, floor.perSecond(),
                    kafkaPerSecond / floor.perSecond(), warm / floor.perSecond());
            System.out.printf(Locale.ROOT, "bench ingest: Kafka path live (feeder on the same cores) %,.0f obs/s = %.3f of "
                    + "the raw producer rate; backlog drain %,.0f obs/s = %.3f (kafka_obs_per_s below)%n", kafka.live(),
                    kafka.live() / rawPerSecond, kafka.backlog(), kafka.backlog() / rawPerSecond);
            System.out.println("bench ingest: stopping the platform");
            platform.close();
            System.out.println(last);
            return 0;
        }
        finally {
            if (!options.keepState()) {
                deleteTree(state);
            }
        }
    }

    // --- (a) raw producer rate -------------------------------------------------------------------------------------

    /**
     * The bytes one raw observation event puts on the wire besides the protocol: key, value and CloudEvents headers.
     * ProducerPerformance sends values only, so its record size is this whole sum.
     */
    private int averageRecordSize(List<Key> keys) {
        long total = 0;
        int n = Math.min(keys.size(), 10_000);
        for (int i = 0; i < n; i++) {
            ProducerRecord<String, byte[]> r = rawEvent(keys.get(i), 0, "bench-size-" + i);
            total += r.key().length() + r.value().length;
            for (Header h : r.headers()) {
                total += h.key().length() + h.value().length;
            }
        }
        return (int) Math.round(total / (double) n);
    }

    private double producerPerformance(Platform platform, Path state, int recordSize) throws Exception {
        // As the broker's admin: the performance topic is no feed's. Its credentials go in a file (mode 0600), not
        // on the tool's command line.
        Map<String, Object> client = platform.kafkaClient(Platform.KAFKA_ADMIN);
        try (Admin admin = Admin.create(client)) {
            int partitions = admin.describeTopics(List.of(RAW_TOPIC)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(RAW_TOPIC).partitions().size();
            admin.createTopics(List.of(new NewTopic(PERF_TOPIC, partitions, (short) 1))).all()
                    .get(30, TimeUnit.SECONDS);
        }
        Path producerConfig = state.resolve("producer-performance.properties");
        Files.deleteIfExists(producerConfig);
        Files.createFile(producerConfig, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        java.util.Properties props = new java.util.Properties();
        client.forEach((k, v) -> props.setProperty(k, String.valueOf(v)));
        try (var out = Files.newBufferedWriter(producerConfig, StandardCharsets.UTF_8)) {
            props.store(out, "ProducerPerformance's client settings");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx512m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), "org.apache.kafka.tools.ProducerPerformance",
                "--topic", PERF_TOPIC, "--num-records", String.valueOf(options.producerRecords()),
                "--record-size", String.valueOf(recordSize), "--throughput", "-1",
                "--producer.config", producerConfig.toString(), "--producer-props", "acks=all",
                "enable.idempotence=true");
        // A short run's rate swings with the JIT warming up and the other processes on the cores: the best of two runs
        // is the baseline, which can only make the ratio smaller.
        System.out.printf(Locale.ROOT, "(a) raw producer: ProducerPerformance, %,d records of %d bytes, acks=all, best "
                + "of 2 runs%n", options.producerRecords(), recordSize);
        double best = 0;
        for (int run = 0; run < 2; run++) {
            best = Math.max(best, producerPerformanceRun(command));
        }
        return best;
    }

    private static double producerPerformanceRun(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String summary = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.contains("records sent")) {
                    summary = line;
                }
            }
        }
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0 || summary == null) {
            throw new IllegalStateException("ProducerPerformance failed (exit " + p.exitValue() + ")");
        }
        Matcher m = Pattern.compile("([0-9.]+) records/sec").matcher(summary);
        if (!m.find()) {
            throw new IllegalStateException("cannot read ProducerPerformance's summary: " + summary);
        }
        System.out.println("    " + summary.trim());
        return Double.parseDouble(m.group(1));
    }

    // --- (b) the Kafka ingest path ---------------------------------------------------------------------------------

    /**
     * Two measures of the same path. Live: the feed sends while indicator-service consumes, all on the same two
     * cores, so the path shares the machine with the feeder. Backlog: the feed is sent while indicator-service is
     * stopped, then the service is started and drains it; the rate is taken between the first and the last canonical
     * event, so it is what the path sustains when the machine is its own, as a feed on another host would see it.
     * Both count canonical events by the end offsets of their topic (each is one record, no other writer), which
     * costs the broker nothing per record.
     */
    private record KafkaPath(double live, double backlog) {
    }

    private KafkaPath kafkaPath(Platform platform, List<Key> liveKeys, List<Key> backlogKeys, CpuMeter cpu)
            throws Exception {
        Map<String, Object> feedClient = platform.kafkaClient(FEED);
        try (KafkaConsumer<String, byte[]> offsets = offsetsConsumer(platform)) {
            List<TopicPartition> canonical = canonicalPartitions(offsets);

            long n = (long) liveKeys.size() * options.kafkaRevisions();
            System.out.printf(Locale.ROOT, "(b1) Kafka path, live: %,d observations (%,d keys x %d revisions) sent to %s"
                    + " while indicator-service consumes, until all are stored and published on %s%n", n,
                    liveKeys.size(), options.kafkaRevisions(), RAW_TOPIC, CANONICAL_TOPIC);
            long base = published(offsets, canonical);
            long started = System.nanoTime();
            AtomicReference<Throwable> sendFailure = new AtomicReference<>();
            Thread feed = new Thread(() -> {
                try {
                    send(feedClient, liveKeys, "bench-live-");
                }
                catch (Throwable t) {
                    sendFailure.compareAndSet(null, t);
                }
            }, "bench-feed");
            feed.start();
            Drain live = awaitPublished(offsets, canonical, base, n, feed, sendFailure, null);
            feed.join();
            double liveRate = n / ((live.last() - started) / 1e9);
            System.out.printf(Locale.ROOT, "    %,d canonical events %.1f s after the first send: %,.0f obs/s%n", n,
                    (live.last() - started) / 1e9, liveRate);

            System.out.printf(Locale.ROOT, "(b2) Kafka path, backlog: indicator-service stopped, %,d observations (%,d "
                    + "keys x %d revisions) sent to %s, then the service started to drain them%n", n,
                    backlogKeys.size(), options.kafkaRevisions(), RAW_TOPIC);
            platform.stopService(Platform.Service.INDICATOR);
            long sendStart = System.nanoTime();
            send(feedClient, backlogKeys, "bench-backlog-");
            System.out.printf(Locale.ROOT, "    sent in %.1f s (%,.0f records/s); starting indicator-service%n",
                    seconds(sendStart), n / seconds(sendStart));
            base = published(offsets, canonical);
            platform.startService(Platform.Service.INDICATOR);
            Drain backlog = awaitPublished(offsets, canonical, base, n, null, sendFailure, cpu);
            platform.awaitHealthy(Platform.Service.INDICATOR, Duration.ofMinutes(2));
            double backlogRate = (n - backlog.firstCount()) / ((backlog.last() - backlog.first()) / 1e9);
            System.out.printf(Locale.ROOT, "    %,d canonical events between the first (%,d published by then) and the "
                    + "last, %.1f s apart: %,.0f obs/s%n", n, backlog.firstCount(), (backlog.last() - backlog.first()) / 1e9,
                    backlogRate);
            return new KafkaPath(liveRate, backlogRate);
        }
    }

    private void send(Map<String, Object> client, List<Key> keys, String idPrefix) {
        send(client, keys, idPrefix, 0);
    }

    /** Sends revisions {@code firstRevision} .. {@code firstRevision + kafkaRevisions - 1} of each key. */
    private void send(Map<String, Object> client, List<Key> keys, String idPrefix, int firstRevision) {
        AtomicReference<Exception> failure = new AtomicReference<>();
        Map<String, Object> config = new java.util.HashMap<>(client);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
            int id = 0;
            for (int r = firstRevision; r < firstRevision + options.kafkaRevisions(); r++) {
                for (Key k : keys) {
                    producer.send(rawEvent(k, r, idPrefix + id++), (meta, e) -> {
                        if (e != null) {
                            failure.compareAndSet(null, e);
                        }
                    });
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("sending raw events failed", failure.get());
        }
    }

    /** When the first canonical event of a run was seen (and how many were out by then), and the last. */
    private record Drain(long first, long firstCount, long last) {
    }

    /** With {@code cpu}, also prints the CPU time each part spent from the first canonical event to the last. */
    private Drain awaitPublished(KafkaConsumer<?, ?> offsets, List<TopicPartition> canonical, long base, long n,
            Thread feed, AtomicReference<Throwable> sendFailure, CpuMeter cpu) throws InterruptedException {
        Map<String, Long> cpuAtFirst = null;
        long started = System.nanoTime();
        long deadline = started + TimeUnit.MINUTES.toNanos(30);
        long lastReport = started;
        long first = 0;
        long firstCount = 0;
        long seen = 0;
        long progressed = started;
        while (seen < n) {
            if (sendFailure.get() != null) {
                throw new IllegalStateException("sending raw events failed", sendFailure.get());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + seen + " of " + n + " canonical events after 30 min");
            }
            if (System.nanoTime() - progressed > TimeUnit.MINUTES.toNanos(3)) {
                // Seen when --database named a database a run had already filled: every observation came again
                // unchanged, and an unchanged observation publishes nothing.
                throw new IllegalStateException("no canonical event for 3 min (" + seen + " of " + n + "); with"
                        + " --database, the database must be empty (drop the schemas of an earlier run)");
            }
            Thread.sleep(50);
            long now = published(offsets, canonical) - base;
            if (now > seen) {
                progressed = System.nanoTime();
            }
            seen = now;
            if (first == 0 && seen > 0) {
                first = System.nanoTime();
                firstCount = seen;
                cpuAtFirst = cpu == null ? null : cpu.snapshot();
            }
            if (System.nanoTime() - lastReport > 5_000_000_000L) {
                lastReport = System.nanoTime();
                System.out.printf(Locale.ROOT, "    %,d of %,d canonical events after %.0f s%s%n", seen, n,
                        seconds(started), feed != null && feed.isAlive() ? " (still sending)" : "");
            }
        }
        long last = System.nanoTime();
        if (cpuAtFirst != null) {
            System.out.println("    CPU time from the first canonical event to the last: "
                    + CpuMeter.difference(cpuAtFirst, cpu.snapshot()));
        }
        if (seen > n) {
            throw new IllegalStateException((seen - n) + " more canonical events than observations sent");
        }
        return new Drain(first, firstCount, last);
    }

    /** A consumer, as the broker's admin, that only asks for end offsets. */
    private static KafkaConsumer<String, byte[]> offsetsConsumer(Platform platform) {
        Map<String, Object> client = new java.util.HashMap<>(platform.kafkaClient(Platform.KAFKA_ADMIN));
        client.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        client.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return new KafkaConsumer<>(client);
    }

    private static List<TopicPartition> canonicalPartitions(KafkaConsumer<?, ?> offsets) {
        return offsets.partitionsFor(CANONICAL_TOPIC).stream()
                .map(pi -> new TopicPartition(pi.topic(), pi.partition())).toList();
    }

    private static long published(KafkaConsumer<?, ?> offsets, List<TopicPartition> partitions) {
        return offsets.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
    }

    private ProducerRecord<String, byte[]> rawEvent(Key k, int revision, String id) {
        String value = String.format(Locale.ROOT,
                "{\"entity\":\"%s\",\"indicator\":\"%s\",\"period\":\"%s\",\"value\":%s,\"source\":\"" + FEED + "\"}",
                k.entity(), k.indicator().code(), k.period(), k.indicator().value(k.index(), revision));
        List<Header> headers = List.of(header("ce_specversion", "1.0"), header("ce_id", id),
                header("ce_type", SUBMITTED), header("ce_source", "/bench/feed"),
                header("content-type", "application/json"));
        return new ProducerRecord<>(RAW_TOPIC, null, k.entity(), value.getBytes(StandardCharsets.UTF_8), headers);
    }

    private static Header header(String key, String value) {
        return new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * (b3) The floor of any durable sink, on the same broker and database and the same records: the raw topic now
     * holds the live and the backlog runs' records, all consumed already, so the platform is idle while it drains.
     */
    /**
     * (b4) The backlog again, drained by an indicator-service that has run for a while, as one in production has: new
     * revisions of the live run's keys are sent as fast as the producer goes while the service runs, and the rate is
     * taken from the end of the send to the last canonical event, when the machine is the service's own. (b2) starts
     * the service cold, so its drain also pays for loading classes, opening connections and compiling the path.
     */
    private double warmBacklog(Platform platform, List<Key> keys, CpuMeter cpu) throws Exception {
        Map<String, Object> feedClient = platform.kafkaClient(FEED);
        try (KafkaConsumer<String, byte[]> offsets = offsetsConsumer(platform)) {
            List<TopicPartition> canonical = canonicalPartitions(offsets);
            long n = (long) keys.size() * options.kafkaRevisions();
            System.out.printf(Locale.ROOT, "(b4) Kafka path, warm backlog: %,d new revisions (%,d keys x %d) sent to %s"
                    + " while the running indicator-service consumes; the rate from the end of the send to the last"
                    + " canonical event%n", n, keys.size(), options.kafkaRevisions(), RAW_TOPIC);
            long base = published(offsets, canonical);
            long sendStart = System.nanoTime();
            send(feedClient, keys, "bench-warm-", options.kafkaRevisions());
            long sent = System.nanoTime();
            long atSent = published(offsets, canonical) - base;
            Map<String, Long> cpuAtSent = cpu.snapshot();
            System.out.printf(Locale.ROOT, "    sent in %.1f s, %,d published by then%n", (sent - sendStart) / 1e9, atSent);
            Drain drain = awaitPublished(offsets, canonical, base, n, null, new AtomicReference<>(), null);
            System.out.println("    CPU time from the end of the send to the last canonical event: "
                    + CpuMeter.difference(cpuAtSent, cpu.snapshot()));
            double rate = (n - atSent) / ((drain.last() - sent) / 1e9);
            System.out.printf(Locale.ROOT, "    %,d canonical events after the send in %.1f s: %,.0f obs/s%n", n - atSent,
                    (drain.last() - sent) / 1e9, rate);
            return rate;
        }
    }

    private SinkFloor.Result floor(Platform platform, Platform.Config config, long records, CpuMeter cpu)
            throws Exception {
        Map<String, Long> before = cpu.snapshot();
        System.out.printf(Locale.ROOT, "(b3) floor: a plain consumer writes the same %,d raw records of %s once into one"
                + " table, COPY per batch of %,d, transaction and offsets committed per batch, fsync and synchronous"
                + " commit on%n", records, RAW_TOPIC, SinkFloor.BATCH);
        SinkFloor.Result floor = SinkFloor.drain(platform.kafkaClient(Platform.KAFKA_ADMIN), RAW_TOPIC, records,
                platform.jdbcUrl(), config.jdbcUsername(), config.jdbcPassword());
        System.out.printf(Locale.ROOT, "    %,d records stored in %.1f s: %,.0f records/s; CPU time: %s%n",
                floor.records(), floor.seconds(), floor.perSecond(), CpuMeter.difference(before, cpu.snapshot()));
        return floor;
    }

    // --- (c) HTTP batches through the gateway ----------------------------------------------------------------------

    private double httpBatches(String gateway, List<Key> keys) throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int r = 0; r < options.httpRevisions(); r++) {
            for (Key k : keys) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("entity", k.entity());
                row.put("indicator", k.indicator().code());
                row.put("period", k.period());
                row.put("value", k.indicator().value(k.index(), r));
                row.put("source", "bench");
                rows.add(row);
            }
        }
        System.out.printf(Locale.ROOT, "(c) HTTP: %,d observations in JSON batches of %,d, POST %s/api/v1/observations%n",
                rows.size(), options.httpBatch(), gateway);
        List<String> bodies = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += options.httpBatch()) {
            bodies.add(json.writeValueAsString(Map.of("observations",
                    rows.subList(from, Math.min(rows.size(), from + options.httpBatch())))));
        }
        long accepted = 0;
        long started = System.nanoTime();
        for (String body : bodies) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(gateway
                    + "/api/v1/observations")).timeout(Duration.ofMinutes(2))
                    .header("Authorization", steward.header()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("batch refused: " + response.statusCode() + " " + response.body());
            }
            accepted += json.readTree(response.body()).path("accepted").asLong();
        }
        double elapsed = seconds(started);
        if (accepted != rows.size()) {
            throw new IllegalStateException("HTTP: " + accepted + " of " + rows.size() + " rows accepted");
        }
        double rate = rows.size() / elapsed;
        System.out.printf(Locale.ROOT, "    %,d stored in %.1f s: %,.0f obs/s%n", rows.size(), elapsed, rate);
        return rate;
    }

    // --- (d) a million-row CSV import, heap sampled ----------------------------------------------------------------

    private void csvImport(Platform platform, List<Key> keys, Path dir) throws Exception {
        Path csv = dir.resolve("bench-import.csv");
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("entity,indicator,period,value,unit,source\n");
            for (int i = 0; i < options.importRows(); i++) {
                Key k = keys.get(i % keys.size());
                w.write(k.entity() + "," + k.indicator().code() + "," + k.period() + ","
                        + k.indicator().value(k.index(), 100 + i / keys.size()) + ",,bench-import\n");
            }
        }
        String indicatorUrl = platform.url(Platform.Service.INDICATOR);
        double maxHeap = metric(indicatorUrl, "jvm.memory.max");
        System.out.printf(Locale.ROOT, "(d) CSV import: %,d rows, %.1f MB file, POST %s/api/v1/imports;"
                + " indicator-service heap max %.0f MB%n", options.importRows(), Files.size(csv) / 1048576.0,
                platform.gatewayUrl(), maxHeap / 1048576);
        double heapBefore = metric(indicatorUrl, "jvm.memory.used");

        List<Double> heap = Collections.synchronizedList(new ArrayList<>());
        long started = System.nanoTime();
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl()
                + "/api/v1/imports")).header("Authorization", steward.header()).header("Content-Type", "text/csv").timeout(Duration.ofMinutes(30))
                .POST(HttpRequest.BodyPublishers.ofFile(csv)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 202) {
            throw new IllegalStateException("import refused: " + answer.statusCode() + " " + answer.body());
        }
        double uploaded = seconds(started);
        URI job = URI.create(platform.gatewayUrl()).resolve(answer.headers().firstValue("Location").orElseThrow());
        JsonNode state;
        long lastReport = System.nanoTime();
        do {
            Thread.sleep(500);
            heap.add(metric(indicatorUrl, "jvm.memory.used"));
            state = json.readTree(http.send(HttpRequest.newBuilder(job).header("Authorization", steward.header()).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            if (System.nanoTime() - lastReport > 5_000_000_000L) {
                lastReport = System.nanoTime();
                System.out.printf(Locale.ROOT, "    %5.1f%%  %,d rows  heap %.0f MB%n",
                        state.path("percentComplete").asDouble(), state.path("rowsDone").asLong(),
                        heap.get(heap.size() - 1) / 1048576);
            }
        } while (!Set.of("COMPLETED", "FAILED").contains(state.path("status").asText()));
        double elapsed = seconds(started);
        if (!state.path("status").asText().equals("COMPLETED")) {
            throw new IllegalStateException("the import failed: " + state.path("failure").asText());
        }
        List<Double> sorted = new ArrayList<>(heap);
        sorted.sort(Comparator.naturalOrder());
        System.out.printf(Locale.ROOT, "    %s: %,d rows (%,d accepted, %,d unchanged, %,d rejected) in %.1f s"
                + " (upload %.1f s): %,.0f rows/s%n", state.path("status").asText(), state.path("rowsDone").asLong(),
                state.path("accepted").asLong(), state.path("unchanged").asLong(), state.path("rejected").asLong(),
                elapsed, uploaded, state.path("rowsDone").asLong() / elapsed);
        System.out.printf(Locale.ROOT, "    indicator-service heap in use during the import (%d samples): min %.0f MB,"
                + " median %.0f MB, max %.0f MB (before: %.0f MB; -Xmx %.0f MB)%n", sorted.size(),
                sorted.get(0) / 1048576, sorted.get(sorted.size() / 2) / 1048576,
                sorted.get(sorted.size() - 1) / 1048576, heapBefore / 1048576, maxHeap / 1048576);
    }

    private double metric(String serviceUrl, String name) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(serviceUrl + "/actuator/metrics/"
                + name + "?tag=area:heap")).header("Authorization", operator.header()).timeout(Duration.ofSeconds(10))
                .build(),
                HttpResponse.BodyHandlers.ofString());
        return json.readTree(r.body()).path("measurements").path(0).path("value").asDouble();
    }

    // --- the cohort --------------------------------------------------------------------------------------------------

    private List<String> entities(String gateway) throws Exception {
        JsonNode all = get(gateway + "/api/v1/entities?cohort=CN-PROVINCES");
        List<String> ids = new ArrayList<>();
        for (JsonNode e : all.isArray() ? all : all.path("entities")) {
            ids.add(e.path("id").asText());
        }
        if (ids.isEmpty()) {
            throw new IllegalStateException("no entities in cohort CN-PROVINCES");
        }
        return ids;
    }

    private List<Target> indicators(String gateway) throws Exception {
        JsonNode all = get(gateway + "/api/v1/indicators");
        List<Target> targets = new ArrayList<>();
        for (JsonNode i : all.isArray() ? all : all.path("indicators")) {
            targets.add(new Target(i.path("code").asText(), i.path("minValue").isNumber()
                    ? i.path("minValue").asDouble() : null, i.path("maxValue").isNumber()
                    ? i.path("maxValue").asDouble() : null));
        }
        return targets;
    }

    private static List<Key> keys(List<String> entities, List<Target> indicators, int fromYear, int toYear) {
        List<Key> keys = new ArrayList<>();
        for (int year = fromYear; year <= toYear; year++) {
            for (String e : entities) {
                for (Target t : indicators) {
                    keys.add(new Key(e, t, String.valueOf(year), keys.size()));
                }
            }
        }
        return keys;
    }

    private JsonNode get(String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", steward.header()).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + ": " + r.statusCode() + " " + r.body());
        }
        return json.readTree(r.body());
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}

package org.nqpf.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
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
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.nqpf.contracts.Topics;
import org.nqpf.testsupport.ApiClient;
import org.nqpf.testsupport.KafkaProbe;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hostile input, generated: thousands of malformed or hostile requests through the gateway and records on a feed's
 * raw topic (written as the feed's own principal), interleaved with good ones. Every hostile request is answered
 * with a problem+json 4xx that says what is wrong, every hostile record is dead-lettered with its reason, nothing
 * answers 5xx, and every good value sent beside them is stored exactly once. The counts per class and channel are
 * printed and written to {@code target/hostile-input-report.md}.
 * <p>
 * {@code -Dhostile.collect=true} keeps
 * going after a wrong answer so that the report lists every one (the checks at the end still fail the run).
 */
class HostileInputIT {

    static final boolean COLLECT = Boolean.getBoolean("hostile.collect");
    static final int HTTP_TRIES = 250;
    static final int HTTP_BATCH = 28;
    static final int HTTP_THREADS = 8;
    static final int KAFKA_TRIES = 120;
    static final int KAFKA_BATCH = 25;
    /** Entities of no cohort take the good values: storing them recomputes no assessment, so the run stays short. */
    static final int GOOD_ENTITIES = 40;
    static final java.util.concurrent.ExecutorService pool =
            java.util.concurrent.Executors.newFixedThreadPool(HTTP_THREADS);
    static final String GOOD_SOURCE = "hostile-suite-good";
    static final String DLT_REASON = "nqpf-dlt-reason";

    static Platform platform;
    static Platform.Config config;
    static HttpClient http;
    static Map<String, ClientCredentials> tokens = new ConcurrentHashMap<>();
    static KafkaProbe feed;
    static KafkaProbe admin;
    static HostileRequests requests;
    static HostileRecords records;
    static String rawTopic;
    static List<String> entities;
    static List<double[]> ranges = new ArrayList<>();
    static List<String> indicators = new ArrayList<>();
    static final AtomicInteger goodIndex = new AtomicInteger();
    static final AtomicInteger hostileKeys = new AtomicInteger();
    static final AtomicInteger httpTries = new AtomicInteger();
    static long started;

    /** A value that must be stored once: (entity, indicator, period) -> value. */
    record Good(String entity, String indicator, String period, double value, String channel) {
        String key() {
            return entity + "|" + indicator + "|" + period;
        }
    }

    static final List<Good> goods = Collections.synchronizedList(new ArrayList<>());
    static final List<HostileRecords.Sent> hostileSent = Collections.synchronizedList(new ArrayList<>());
    static final List<ProducerRecord<String, byte[]>> pending = new ArrayList<>();
    static final List<ProducerRecord<String, byte[]>> goodRecords = new ArrayList<>();
    /** class -> channel -> outcome -> count */
    static final Map<String, Map<String, Map<String, Integer>>> tally = new TreeMap<>();
    static final List<String> wrong = Collections.synchronizedList(new ArrayList<>());

    @BeforeContainer
    static void startPlatform() throws Exception {
        started = System.nanoTime();
        Path home = Path.of(System.getProperty("nqpf.home", "..")).toAbsolutePath().normalize();
        config = Platform.Config.defaults(home).withFreePorts()
                .withStateDir(Files.createTempDirectory("nqpf-hostile"));
        Platform.liftGatewayRateLimit(); // a 429 is a 4xx too, and would hide what is being tested
        platform = Platform.start(config);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .build();
        feed = new KafkaProbe(platform.kafkaClient(Platform.DEMO_FEED));
        admin = new KafkaProbe(platform.kafkaClient(Platform.KAFKA_ADMIN));
        rawTopic = Topics.rawFeed(Platform.DEMO_FEED);
        records = new HostileRecords(rawTopic, Platform.DEMO_FEED);

        ApiClient steward = new ApiClient(platform.gatewayUrl()).withToken(token("demo-steward"));
        entities = new ArrayList<>();
        for (int i = 1; i <= GOOD_ENTITIES; i++) {
            String id = String.format("HXG-%02d", i);
            ApiClient.Response created = steward.post("/api/v1/entities", "{\"id\": \"" + id + "\", \"kind\":"
                    + " \"ENTERPRISE\", \"code\": \"" + id + "\", \"nameEn\": \"Good " + i + "\", \"nameZh\": \"好"
                    + i + "\", \"cohorts\": []}");
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            entities.add(id);
        }
        for (JsonNode i : steward.getOk("/api/v1/indicators")) {
            double lo = i.path("minValue").isNumber() ? i.path("minValue").asDouble() : 0;
            double hi = i.path("maxValue").isNumber() ? i.path("maxValue").asDouble() : lo + 100;
            indicators.add(i.path("code").asString());
            ranges.add(new double[]{lo, hi});
        }
        assertThat(indicators).hasSizeGreaterThanOrEqualTo(20);

        // A valid body of each write endpoint, to break one thing in. The profiles are the platform's own.
        ObjectNode profile = (ObjectNode) steward.getOk("/api/v1/profiles/NQPF-AI").path("profile");
        // what a PUT takes: the stored profile less its version number
        ObjectNode methodProfile = (ObjectNode) steward.getOk("/api/v1/roadmaps/method-profiles/NQPF-AI")
                .path("profile").deepCopy();
        methodProfile.remove("version");
        System.out.println("hostile: templates from " + profile + " and " + methodProfile);
        List<HostileRequests.Template> templates = new ArrayList<>();
        templates.add(template("observations-json", "POST", "/api/v1/observations", "demo-steward",
                "{\"observations\": [{\"entity\": \"CN-11\", \"indicator\": \"RD_INTENSITY\", \"period\": \"2024\","
                        + " \"value\": 2.5, \"unit\": \"%\", \"source\": \"hostile\", \"action\": \"R\","
                        + " \"revisedAt\": \"2024-03-01T00:00:00Z\"}]}",
                "observations[0].entity", "observations[0].indicator", "observations[0].period",
                "observations[0].action", "observations[0].unit"));
        templates.add(template("entities", "POST", "/api/v1/entities", "demo-steward",
                "{\"id\": \"HX-ENT\", \"kind\": \"ENTERPRISE\", \"code\": \"HX001\", \"nameEn\": \"Hostile Ltd\","
                        + " \"nameZh\": \"敌意\", \"parentId\": \"CN-11\", \"tenant\": \"tenant-a\","
                        + " \"cohorts\": [\"CN-PROVINCES\"]}",
                "id", "kind", "parentId", "cohorts[0]"));
        templates.add(template("entities", "PUT", "/api/v1/entities/CN-11", "demo-steward",
                "{\"id\": \"CN-11\", \"kind\": \"REGION\", \"code\": \"110000\", \"nameEn\": \"Beijing\","
                        + " \"nameZh\": \"北京\", \"parentId\": \"CN\", \"cohorts\": [\"CN-PROVINCES\"]}",
                "id", "kind", "parentId", "cohorts[0]"));
        templates.add(template("cohorts", "POST", "/api/v1/cohorts", "demo-steward",
                "{\"code\": \"HX-COHORT\", \"nameEn\": \"Hostile\", \"nameZh\": \"敌\", \"description\": \"d\","
                        + " \"members\": [\"CN-11\", \"CN-12\"]}",
                "code", "members[0]"));
        templates.add(template("frameworks", "POST", "/api/v1/frameworks", "demo-steward",
                "{\"code\": \"HX-FW\", \"nameEn\": \"Hostile\", \"nameZh\": \"敌\", \"description\": \"d\","
                        + " \"indicators\": [{\"code\": \"HX1\", \"nameEn\": \"x\", \"nameZh\": \"x\","
                        + " \"dimension\": \"LABORERS\", \"side\": \"AI\", \"unit\": \"%\", \"direction\":"
                        + " \"POSITIVE\", \"minValue\": 0, \"maxValue\": 100}]}",
                "code", "indicators[0].code", "indicators[0].dimension", "indicators[0].side",
                "indicators[0].direction"));
        // free text only: no injection target. No body at all is a draft copy of the latest version
        // (docs/CATALOG.md), so the empty body is left out of its hostile ones; a JSON null is still one.
        templates.add(template("frameworks", "POST", "/api/v1/frameworks/NQPF-AI/versions", "demo-steward",
                "{\"nameEn\": \"Next\", \"description\": \"d\"}").bodyOptional());
        templates.add(template("assessments-what-if", "POST", "/api/v1/assessments/CN-11/what-if?period=1950",
                "demo-analyst", "{\"values\": {\"RD_INTENSITY\": 2.5, \"AI_PENETRATION\": 30}}",
                "values.RD_INTENSITY"));
        templates.add(new HostileRequests.Template("assessment-profiles", "PUT", "/api/v1/profiles/NQPF-AI",
                "demo-steward", profile, codesOf(profile)));
        templates.add(template("roadmaps-what-if", "POST", "/api/v1/roadmaps/CN-11/what-if", "demo-analyst",
                "{\"actions\": [\"FEC-MOL-1\", \"OTI-LAB-1\"]}", "actions[0]", "actions[1]"));
        templates.add(new HostileRequests.Template("roadmap-method-profiles", "PUT",
                "/api/v1/roadmaps/method-profiles/NQPF-AI", "demo-steward", methodProfile, codesOf(methodProfile)));
        // A library version has no description: this is a valid body to break (two members, so that a doubled comma
        // breaks it too). Its body is optional as the framework's (docs/ACTIONS.md: no body copies the newest
        // published version).
        templates.add(template("roadmap-actions", "POST", "/api/v1/actions/versions", "demo-steward",
                "{\"from\": 1, \"frameworkCode\": \"NQPF-AI\"}", "frameworkCode").bodyOptional());
        requests = new HostileRequests(templates, 16L * 1024 * 1024);
        System.out.printf("hostile: platform up in %.0f s%n", (System.nanoTime() - started) / 1e9);
    }

    @AfterContainer
    static void checkAndReport() throws Exception {
        try {
            if (platform != null) {
                verifyAndReport();
            }
        }
        finally {
            if (feed != null) {
                feed.close();
            }
            if (admin != null) {
                admin.close();
            }
            pool.shutdownNow();
            if (platform != null) {
                platform.close();
            }
        }
    }

    // --- HTTP through the gateway

    @Provide
    Arbitrary<List<HostileRequests.Request>> hostileRequests() {
        return requests.any().list().ofSize(HTTP_BATCH);
    }

    /**
     * Each try sends a batch of hostile requests at once, with a good batch of observations for every fifth, over
     * {@link #HTTP_THREADS} connections: the platform is judged under concurrent load, and the run stays short.
     */
    @Property(tries = HTTP_TRIES, shrinking = ShrinkingMode.OFF)
    void should_AnswerProblemJson4xx_And_StoreTheGoodRequestsBeside_When_HostileRequestsComeThroughTheGateway(
            @ForAll("hostileRequests") List<HostileRequests.Request> batch) throws Exception {
        List<java.util.concurrent.Future<String>> answers = new ArrayList<>();
        for (HostileRequests.Request hostile : batch) {
            answers.add(pool.submit(() -> judge(hostile)));
            if (httpTries.incrementAndGet() % 5 == 0) {
                answers.add(pool.submit(() -> {
                    sendGoodRequest();
                    return null;
                }));
            }
        }
        List<String> wrongHere = new ArrayList<>();
        for (java.util.concurrent.Future<String> answer : answers) {
            String w = answer.get(5, java.util.concurrent.TimeUnit.MINUTES);
            if (w != null) {
                wrongHere.add(w);
            }
        }
        if (!COLLECT) {
            assertThat(wrongHere).as("hostile requests not answered with a problem+json 4xx").isEmpty();
        }
    }

    /** Sends one hostile request and counts its answer; returns what was wrong with it, or null. */
    private static String judge(HostileRequests.Request hostile) throws Exception {
        Answer answer = hostile.raw() ? sendRaw(hostile) : send(hostile);
        boolean problem = answer.contentType() != null && answer.contentType().startsWith("application/problem+json");
        boolean says = problem && answer.body().contains("\"detail\"");
        String outcome = answer.status() >= 500 ? "5xx" : answer.status() == 429 ? "429"
                : answer.status() >= 400 && problem && says ? "4xx" : answer.status() >= 400 ? "4xx-not-problem"
                : "accepted";
        count(hostile.cls(), "HTTP", outcome);
        count(hostile.family(), "HTTP family", outcome);
        if (outcome.equals("4xx")) {
            return null;
        }
        String w = answer.status() + " " + answer.contentType() + " for " + hostile + " -> "
                + answer.body().substring(0, Math.min(400, answer.body().length()));
        wrong.add(w);
        return w;
    }

    private void sendGoodRequest() throws Exception {
        List<Good> rows = new ArrayList<>();
        for (int i = 0; i < 1 + goodIndex.get() % 3; i++) {
            rows.add(nextGood("HTTP"));
        }
        int format = goodIndex.get() % 3;
        String type;
        StringBuilder body = new StringBuilder();
        if (format == 0) {
            type = "application/json";
            List<String> json = new ArrayList<>();
            for (Good g : rows) {
                json.add("{\"entity\":\"" + g.entity() + "\",\"indicator\":\"" + g.indicator() + "\",\"period\":\""
                        + g.period() + "\",\"value\":" + g.value() + ",\"source\":\"" + GOOD_SOURCE + "\"}");
            }
            body.append("{\"observations\":[").append(String.join(",", json)).append("]}");
        }
        else if (format == 1) {
            type = "text/csv";
            body.append("entity,indicator,period,value,source\n");
            rows.forEach(g -> body.append(g.entity()).append(',').append(g.indicator()).append(',')
                    .append(g.period()).append(',').append(g.value()).append(',').append(GOOD_SOURCE).append('\n'));
        }
        else {
            type = "application/vnd.sdmx.data+csv; version=2.0.0";
            body.append("STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE,SOURCE\n");
            rows.forEach(g -> body.append("dataflow,HOSTILE:DF(1.0),R,").append(g.entity()).append(',')
                    .append(g.indicator()).append(',').append(g.period()).append(',').append(g.value()).append(',')
                    .append(GOOD_SOURCE).append('\n'));
        }
        Answer answer = send(new HostileRequests.Request("GOOD", "good", "POST", "/api/v1/observations", type,
                body.toString().getBytes(StandardCharsets.UTF_8), Map.of(), false, "demo-steward"));
        count("GOOD (" + rows.size() + " rows each)", "HTTP", answer.status() == 200 ? "accepted" : "refused");
        assertThat(answer.status()).as("a good batch beside the hostile ones: " + answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("\"accepted\":" + rows.size());
        goods.addAll(rows);
    }

    // --- Kafka, the feed's raw topic

    @Provide
    Arbitrary<List<HostileRecords.Sent>> hostileRecords() {
        return records.any(hostileKeys::incrementAndGet).list().ofSize(KAFKA_BATCH);
    }

    /**
     * Each try writes a burst of hostile records to the feed's raw topic, each followed by a good one; whether each
     * was dead-lettered with its reason or stored is checked once the topic has been drained (at the end: the
     * consumer takes them in its own time).
     */
    @Property(tries = KAFKA_TRIES, shrinking = ShrinkingMode.OFF)
    void should_DeadLetterEveryHostileRecordWithItsReason_And_StoreTheGoodOnesBeside_When_AFeedSendsThem(
            @ForAll("hostileRecords") List<HostileRecords.Sent> burst) {
        for (HostileRecords.Sent hostile : burst) {
            sendWithGood(hostile);
        }
        flush();
    }

    private static void sendWithGood(HostileRecords.Sent hostile) {
        Good good = nextGood("KAFKA");
        String id = UUID.randomUUID().toString();
        ProducerRecord<String, byte[]> goodRecord = records.good(id, "/feeds/hostile-suite", good.entity(),
                good.indicator(), good.period(), good.value());
        synchronized (pending) {
            pending.add(goodRecord);
            goods.add(good);
            goodRecords.add(goodRecord);
            hostileSent.add(hostile);
            pending.add(hostile.record());
            int n = goodRecords.size();
            if (n % 40 == 0) {
                // Another source reusing an event id already taken: a CloudEvent is source + id, so it is a new
                // event and must be stored beside the first, never dropped as its duplicate.
                Good clash = nextGood("KAFKA");
                String takenId = new String(goodRecords.get(n - 2).headers().lastHeader("ce_id").value(),
                        StandardCharsets.UTF_8);
                pending.add(records.good(takenId, "/feeds/another-sender", clash.entity(), clash.indicator(),
                        clash.period(), clash.value()));
                goods.add(clash);
                count("CE_ID_OF_ANOTHER_SOURCE", "KAFKA", "stored beside the first (checked with the goods)");
            }
            if (n % 40 == 20) {
                // A true redelivery (same source, same id): stored once however often it comes
                pending.add(goodRecords.get(n - 3));
                count("REDELIVERY", "KAFKA", "stored once (checked with the goods)");
            }
        }
    }

    private static void flush() {
        synchronized (pending) {
            if (!pending.isEmpty()) {
                feed.sendAll(new ArrayList<>(pending));
                pending.clear();
            }
        }
    }

    // --- the checks at the end, and the report

    private static void verifyAndReport() throws Exception {
        flush();
        long sentAt = System.nanoTime();
        Map<String, HostileRecords.Sent> byKey = new HashMap<>();
        for (HostileRecords.Sent s : hostileSent) {
            byKey.put(s.key(), s);
        }
        String dlt = Topics.deadLetter(rawTopic);
        Map<String, String> reasons = new ConcurrentHashMap<>();
        // Goods first: once all are stored, every record before them has been judged (dead letters are sent first).
        // Waits as long as the consumer makes progress: how fast it drains depends on the machine, not on the test.
        Map<String, double[]> stored = awaitStored(Duration.ofSeconds(90));
        if (!byKey.isEmpty()) {
            List<ConsumerRecord<String, byte[]>> dead = admin.read(dlt, r -> byKey.containsKey(r.key()),
                    found -> found.stream().map(ConsumerRecord::key).distinct().count() >= byKey.size(),
                    Duration.ofSeconds(180));
            for (ConsumerRecord<String, byte[]> r : dead) {
                String reason = KafkaProbe.header(r, DLT_REASON);
                reasons.put(r.key(), reason == null ? "" : reason);
            }
        }
        double drainSeconds = (System.nanoTime() - sentAt) / 1e9;

        List<String> kafkaWrong = new ArrayList<>();
        for (HostileRecords.Sent s : hostileSent) {
            String reason = reasons.get(s.key());
            String outcome = reason == null ? "missing" : reason.isBlank() ? "DLT-without-reason" : "DLT";
            count(s.cls(), "KAFKA", outcome);
            if (!outcome.equals("DLT") && kafkaWrong.size() < 30) {
                kafkaWrong.add(outcome + " " + s.cls() + " key " + s.key() + " headers " + headers(s.record())
                        + " value " + shown(s.record().value()));
            }
        }
        List<String> lost = new ArrayList<>();
        List<String> doubled = new ArrayList<>();
        for (Good g : goods) {
            double[] row = stored.get(g.key());
            if (row == null || Math.abs(row[0] - g.value()) > 1e-9) {
                lost.add(g.channel() + " " + g.key() + "=" + g.value() + (row == null ? " missing" : " stored " + row[0]));
            }
            else if (row[1] != 1) {
                doubled.add(g.channel() + " " + g.key() + ": " + (int) row[1] + " revisions");
            }
        }
        Map<String, Integer> reasonCounts = new TreeMap<>();
        reasons.values().forEach(r -> {
            String folded = r.replaceAll("[0-9a-f]{8}-[0-9a-f-]{27,}", "<id>").replaceAll("\\d+", "N")
                    .replaceAll("(.)\\1{20,}", "$1$1$1...");
            reasonCounts.merge(folded.length() > 200 ? folded.substring(0, 200) + "..." : folded, 1, Integer::sum);
        });
        String report = report(drainSeconds, lost, doubled, kafkaWrong, reasonCounts);
        System.out.println(report);
        Path file = Path.of("target", "hostile-input-report.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report);

        int http5xx = sum("HTTP", "5xx");
        assertThat(http5xx).as("hostile requests answered 5xx; see " + file.toAbsolutePath()).isZero();
        assertThat(wrong).as("hostile requests not answered with a problem+json 4xx").isEmpty();
        assertThat(kafkaWrong).as("hostile records not dead-lettered with a reason").isEmpty();
        assertThat(lost).as("good values sent beside the hostile ones, not stored").isEmpty();
        assertThat(doubled).as("good values stored more than once").isEmpty();
        assertThat(hostileSent.size() + sum("HTTP", null)).as("hostile inputs in all").isGreaterThanOrEqualTo(
                Integer.getInteger("hostile.min-inputs", 10_000));
    }

    /** (entity|indicator|period) -> {value, revisions} of every value this suite may have written. */
    private static Map<String, double[]> awaitStored(Duration quiet) throws Exception {
        Set<String> expected = new HashSet<>();
        goods.forEach(g -> expected.add(g.key()));
        long lastProgress = System.nanoTime();
        int found = -1;
        Map<String, double[]> stored;
        do {
            stored = stored();
            if (stored.keySet().containsAll(expected)) {
                Thread.sleep(2000); // time for a wrongly applied duplicate to show
                return stored();
            }
            if (stored.size() > found) {
                found = stored.size();
                lastProgress = System.nanoTime();
            }
            Thread.sleep(1000);
        } while (System.nanoTime() - lastProgress < quiet.toNanos());
        return stored;
    }

    private static Map<String, double[]> stored() throws Exception {
        Map<String, double[]> rows = new HashMap<>();
        try (Connection c = DriverManager.getConnection(platform.jdbcUrl(), config.jdbcUsername(),
                config.jdbcPassword()); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT o.entity_id, o.indicator, o.period, o.value,"
                        + " (SELECT count(*) FROM indicator.observation_revision r WHERE r.observation_id = o.id)"
                        + " FROM indicator.observation o WHERE o.period < '2000'")) {
            while (rs.next()) {
                rows.put(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3),
                        new double[]{rs.getDouble(4), rs.getLong(5)});
            }
        }
        return rows;
    }

    private static String report(double drainSeconds, List<String> lost, List<String> doubled,
            List<String> kafkaWrong, Map<String, Integer> reasonCounts) {
        StringBuilder md = new StringBuilder("# Hostile input: generated requests and records\n\n");
        md.append(String.format("Hostile HTTP requests through the gateway: %d; hostile records on %s: %d; good values"
                        + " sent beside them: %d (lost %d, stored more than once %d). Wall time %.0f s (of which the"
                        + " platform's start and the drain of the feed topic %.0f s).%n%n",
                sum("HTTP", null), rawTopic, hostileSent.size(), goods.size(), lost.size(), doubled.size(),
                (System.nanoTime() - started) / 1e9, drainSeconds));
        md.append("| class | channel | sent | 4xx problem+json | DLT with reason | 5xx | other |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|\n");
        tally.forEach((cls, channels) -> channels.forEach((channel, outcomes) -> {
            int total = outcomes.values().stream().mapToInt(Integer::intValue).sum();
            int ok4xx = outcomes.getOrDefault("4xx", 0);
            int dlt = outcomes.getOrDefault("DLT", 0);
            int s5xx = outcomes.getOrDefault("5xx", 0);
            Map<String, Integer> other = new TreeMap<>(outcomes);
            other.keySet().removeAll(List.of("4xx", "DLT", "5xx"));
            md.append("| ").append(cls).append(" | ").append(channel).append(" | ").append(total).append(" | ")
                    .append(ok4xx).append(" | ").append(dlt).append(" | ").append(s5xx).append(" | ")
                    .append(other.isEmpty() ? "" : other.toString()).append(" |\n");
        }));
        md.append("\n`CE_ID_OF_ANOTHER_SOURCE` and `REDELIVERY` are good records: the first reuses another source's"
                + " `ce_id` (a new event, stored beside the first), the second is an exact redelivery (stored"
                + " once); both are among the good values checked above.\n");
        if (!reasonCounts.isEmpty()) {
            md.append("\n## Dead-letter reasons (numbers and ids folded)\n\n| reason | records |\n|---|---:|\n");
            reasonCounts.forEach((r, n) -> md.append("| ").append(r.replace("|", "\\|").replace("\n", " "))
                    .append(" | ").append(n).append(" |\n"));
        }
        appendList(md, "Hostile requests not answered with a problem+json 4xx", wrong);
        appendList(md, "Hostile records not dead-lettered with a reason", kafkaWrong);
        appendList(md, "Good values lost", lost);
        appendList(md, "Good values stored more than once", doubled);
        return md.toString();
    }

    private static void appendList(StringBuilder md, String title, List<String> items) {
        if (!items.isEmpty()) {
            md.append("\n## ").append(title).append(" (").append(items.size()).append(")\n\n");
            items.stream().limit(60).forEach(i -> md.append("- ").append(i.replace("\n", " ")).append('\n'));
        }
    }

    // --- helpers

    static synchronized void count(String cls, String channel, String outcome) {
        tally.computeIfAbsent(cls, k -> new TreeMap<>()).computeIfAbsent(channel, k -> new TreeMap<>())
                .merge(outcome, 1, Integer::sum);
    }

    static synchronized int sum(String channel, String outcome) {
        int n = 0;
        for (Map.Entry<String, Map<String, Map<String, Integer>>> cls : tally.entrySet()) {
            if (cls.getKey().startsWith("GOOD")) {
                continue;
            }
            Map<String, Integer> outcomes = cls.getValue().get(channel);
            if (outcomes != null) {
                for (Map.Entry<String, Integer> e : outcomes.entrySet()) {
                    if (outcome == null || outcome.equals(e.getKey())) {
                        n += e.getValue();
                    }
                }
            }
        }
        return n;
    }

    private static Good nextGood(String channel) {
        int i = goodIndex.getAndIncrement();
        int perPeriod = entities.size() * indicators.size();
        String period = String.valueOf(1900 + i / perPeriod);
        int within = i % perPeriod;
        String entity = entities.get(within % entities.size());
        int indicator = within / entities.size();
        double[] range = ranges.get(indicator);
        // a value of its own, inside the indicator's range, so that the stored value tells which write it was
        double value = Math.round((range[0] + (range[1] - range[0]) * (0.1 + 0.8 * ((i * 7919L) % 10007) / 10007.0))
                * 1e6) / 1e6;
        return new Good(entity, indicators.get(indicator), period, value, channel);
    }

    private static ClientCredentials token(String client) {
        return tokens.computeIfAbsent(client, c -> ClientCredentials.demo(platform.issuer(), c));
    }

    private static HostileRequests.Template template(String family, String method, String path, String as,
            String json, String... codes) {
        return new HostileRequests.Template(family, method, path, as, HostileRequests.JSON.readTree(json),
                List.of(codes));
    }

    /** The paths of a profile's text members naming methods and codes: where an injection string is no value. */
    private static List<String> codesOf(JsonNode profile) {
        List<String> paths = new ArrayList<>();
        collect(profile, "", paths);
        return paths.isEmpty() ? List.of(profile.propertyNames().iterator().next()) : paths;
    }

    private static void collect(JsonNode node, String path, List<String> out) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                if (e.getValue().isString()) {
                    out.add(p);
                }
                collect(e.getValue(), p, out);
            }
        }
    }

    record Answer(int status, String contentType, String body) {
    }

    private static Answer send(HostileRequests.Request r) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + r.target()))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token(r.as()).get());
        r.headers().forEach(b::header);
        if (r.contentType() != null) {
            b.header("Content-Type", r.contentType());
        }
        b.method(r.method(), r.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(r.body()));
        try {
            HttpResponse<String> response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.body());
        }
        catch (java.io.IOException e) {
            // The gateway may close the connection on a body it refused before reading it all (413): ask for the
            // answer it gave by sending the head again is not possible, so count what the socket says.
            return sendRaw(r);
        }
    }

    /** Sends the request over a plain socket, bytes as they are, and reads the status, content type and body. */
    static Answer sendRaw(HostileRequests.Request r) throws Exception {
        URI gateway = URI.create(platform.gatewayUrl());
        try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            StringBuilder head = new StringBuilder(r.method()).append(' ').append(r.target()).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(gateway.getHost()).append(':').append(gateway.getPort()).append("\r\n")
                    .append("Authorization: Bearer ").append(token(r.as()).get()).append("\r\n")
                    .append("Connection: close\r\n");
            r.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            if (r.contentType() != null) {
                head.append("Content-Type: ").append(r.contentType()).append("\r\n");
            }
            head.append("Content-Length: ").append(r.body() == null ? 0 : r.body().length).append("\r\n\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            try {
                if (r.body() != null) {
                    out.write(r.body());
                }
                out.flush();
            }
            catch (java.io.IOException closed) {
                // the gateway answered and closed before taking the whole body: read what it said
            }
            InputStream in = socket.getInputStream();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            String headers = end < 0 ? text : text.substring(0, end);
            String body = end < 0 ? "" : text.substring(end + 4);
            int status = headers.length() >= 12 ? Integer.parseInt(headers.substring(9, 12)) : 0;
            String type = null;
            for (String line : headers.split("\r\n")) {
                if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-type:")) {
                    type = line.substring(13).trim();
                }
            }
            return new Answer(status, type, body);
        }
    }

    private static String headers(ProducerRecord<String, byte[]> record) {
        List<String> h = new ArrayList<>();
        record.headers().forEach(x -> h.add(x.key() + "=" + shown(x.value())));
        return h.toString();
    }

    private static String shown(byte[] value) {
        if (value == null) {
            return "null";
        }
        String s = new String(value, 0, Math.min(value.length, 160), StandardCharsets.UTF_8);
        return s.replace("\u0000", "\\0");
    }
}

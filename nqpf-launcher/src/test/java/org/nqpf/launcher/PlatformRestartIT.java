package org.nqpf.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.nqpf.contracts.EventTypes;
import org.nqpf.contracts.Topics;
import org.nqpf.launcher.Platform.Service;
import org.nqpf.testsupport.ApiClient;
import org.nqpf.testsupport.KafkaProbe;
import org.nqpf.testsupport.Poll;
import org.nqpf.testsupport.TestInfrastructure;

/**
 * indicator-service killed in the middle of a feed stream, and in the middle of a bulk import, then started again,
 * on the launcher's own (authenticating) broker and a real database.
 */
class PlatformRestartIT {

    private static final List<String> INDICATORS = List.of("RD_INTENSITY", "URBANISATION_RATE",
            "AI_PENETRATION", "CLOUD_ADOPTION_RATE", "AI_SKILLS_TRAINING_COVERAGE", "SOFTWARE_IT_EMPLOYMENT_SHARE",
            "INDUSTRIAL_UPGRADING", "ENTERPRISE_RD_FUNDS_SHARE");
    /** Periods nobody else uses: 2060-2099. */
    private static final int FIRST_PERIOD = 2060;
    private static final java.util.regex.Pattern OUR_PERIODS = java.util.regex.Pattern.compile("\"period\":\"20[6-9]\\d\"");

    @Test
    void should_LoseAndDuplicateNothing_When_IndicatorServiceIsKilledMidStream() throws Exception {
        TestInfrastructure.Postgres pg = TestInfrastructure.postgres();
        Platform.Config config = config(pg, "nqpf-restart");
        // 31 provinces x 8 indicators x 40 periods = 9,920 distinct observations.
        int periods = 40;
        int total = 31 * INDICATORS.size() * periods;
        try (Platform platform = Platform.start(config, EnumSet.of(Service.INDICATOR));
                KafkaProducer<String, byte[]> feed = producer(platform.kafkaClient(Platform.DEMO_FEED))) {
            CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> {
                int sent = 0;
                for (int p = 0; p < periods; p++) {
                    for (int region : REGIONS) {
                        for (String indicator : INDICATORS) {
                            String entity = "CN-" + region;
                            feed.send(KafkaMessageFactory.createWriter(Topics.rawFeed(Platform.DEMO_FEED), null, null, entity)
                                    .writeBinary(event(entity, indicator, String.valueOf(FIRST_PERIOD + p), 1 + p % 10)));
                            if (++sent % 1000 == 0) {
                                sleep(150); // a steady stream, so the kill lands in its middle
                            }
                        }
                    }
                }
                feed.flush();
            });
            awaitStored(pg, 2000, Duration.ofSeconds(60));
            platform.killService(Service.INDICATOR);
            platform.startService(Service.INDICATOR);
            platform.awaitHealthy(Service.INDICATOR, Duration.ofSeconds(120));
            stream.join();

            awaitStored(pg, total, Duration.ofSeconds(120));
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("""
                            SELECT count(*), count(*) FILTER (WHERE revisions <> 1),
                                   (SELECT count(*) FROM indicator.observation_revision r
                                    JOIN indicator.observation o ON o.id = r.observation_id WHERE o.period >= '2060')
                            FROM indicator.observation WHERE period >= '2060'""")) {
                rs.next();
                assertThat(rs.getInt(1)).as("observations stored").isEqualTo(total);
                assertThat(rs.getInt(2)).as("observations revised by a redelivery").isZero();
                assertThat(rs.getInt(3)).as("revisions stored").isEqualTo(total);
            }
            // Stored is not yet published: the relay may still be draining what piled up during the restart.
            awaitOutboxDrained(pg, platform, Duration.ofSeconds(120));
            try (KafkaProbe probe = new KafkaProbe(platform.kafkaClient(Platform.KAFKA_ADMIN))) {
                Set<String> ids = new HashSet<>();
                probe.read(Topics.OBSERVATIONS,
                        r -> OUR_PERIODS.matcher(new String(r.value(), StandardCharsets.UTF_8)).find()
                                && ids.add(KafkaProbe.header(r, "ce_id")),
                        distinct -> distinct.size() >= total, Duration.ofSeconds(90));
                // The outbox publishes at least once; an event re-sent after the crash carries its old ce_id.
                assertThat(ids).as("distinct canonical events; %s", platform.logTail(Service.INDICATOR, 30))
                        .hasSize(total);
            }
        }
    }

    @Test
    void should_FinishTheImportStoringEachRowOnce_When_IndicatorServiceIsKilledMidImport() throws Exception {
        TestInfrastructure.Postgres pg = TestInfrastructure.postgres();
        Platform.Config config = config(pg, "nqpf-restart-import");
        // 31 provinces x 8 indicators x 100 periods (1900-1999), 6 revisions each: 148,800 rows, 6.9 MB.
        int revisions = 6;
        Path file = Files.createTempFile("nqpf-restart-import", ".csv");
        int rows = 0;
        try (var out = Files.newBufferedWriter(file)) {
            out.write("entity,indicator,period,value,unit,source\n");
            for (int r = 0; r < revisions; r++) {
                for (int period = 1900; period <= 1999; period++) {
                    for (int region : REGIONS) {
                        for (String indicator : INDICATORS) {
                            out.write("CN-" + region + "," + indicator + "," + period + "," + (1 + r + (period % 7) / 10.0)
                                    + ",,restart-import\n");
                            rows++;
                        }
                    }
                }
            }
        }
        try (Platform platform = Platform.start(config, EnumSet.of(Service.INDICATOR))) {
            ApiClient.Response posted = new ApiClient(platform.url(Service.INDICATOR))
                    .withToken(ClientCredentials.demo(platform.issuer(), "demo-steward"))
                    .request("POST", "/api/v1/imports").body("text/csv", file).send();
            assertThat(posted.status()).as(posted.text()).isEqualTo(202);
            String id = posted.body().path("id").asString();
            assertThat(id).as(posted.text()).isNotEmpty();

            long doneAtKill = awaitJob(pg, id, job -> job.rowsDone() >= 20_000, Duration.ofSeconds(120)).rowsDone();
            platform.killService(Service.INDICATOR);
            assertThat(doneAtKill).as("the kill lands in the middle of the import").isLessThan(rows);
            platform.startService(Service.INDICATOR);
            platform.awaitHealthy(Service.INDICATOR, Duration.ofSeconds(120));

            Job done = awaitJob(pg, id, job -> !job.status().equals("RUNNING") && !job.status().equals("QUEUED"),
                    Duration.ofSeconds(180));
            assertThat(done.status()).isEqualTo("COMPLETED");
            assertThat(done.rowsDone()).isEqualTo(rows);
            assertThat(done.accepted()).as("every row stored, once").isEqualTo(rows);
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("""
                            SELECT (SELECT count(*) FROM indicator.observation_revision WHERE source = 'restart-import'),
                                   (SELECT count(*) FROM indicator.observation
                                    WHERE source = 'restart-import' AND revisions = %d)""".formatted(revisions))) {
                rs.next();
                assertThat(rs.getInt(1)).as("revisions stored: one per row, none lost, none repeated")
                        .isEqualTo(rows);
                assertThat(rs.getInt(2)).as("values with all %d revisions", revisions).isEqualTo(rows / revisions);
            }
        }
        finally {
            Files.deleteIfExists(file);
        }
    }

    /** indicator-service alone, on the launcher's broker and the tests' database, with its own state directory. */
    private static Platform.Config config(TestInfrastructure.Postgres pg, String stateName) throws IOException {
        Path home = Path.of(System.getProperty("nqpf.home", "..")).toAbsolutePath().normalize();
        return Platform.Config.defaults(home)
                .withInfrastructure(null, pg.jdbcUrl(), pg.username(), pg.password())
                .withFreePorts().withStateDir(Files.createTempDirectory(stateName));
    }

    private record Job(String status, long rowsDone, long accepted) {
    }

    private static Job awaitJob(TestInfrastructure.Postgres pg, String id, java.util.function.Predicate<Job> until,
            Duration timeout) {
        return Poll.until("import job " + id + " as awaited", timeout, Duration.ofMillis(50), () -> {
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT status, rows_done, accepted FROM indicator.import_job "
                            + "WHERE id = '" + java.util.UUID.fromString(id) + "'")) {
                return rs.next() ? new Job(rs.getString(1), rs.getLong(2), rs.getLong(3)) : null;
            }
        }, job -> job != null && until.test(job));
    }

    private static final int[] REGIONS = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43,
            44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65};

    private static CloudEvent event(String entity, String indicator, String period, double value) {
        String data = "{\"entity\":\"%s\",\"indicator\":\"%s\",\"period\":\"%s\",\"value\":%s,\"source\":\"demo-feed\"}"
                .formatted(entity, indicator, period, value);
        return CloudEventBuilder.v1().withId(entity + "/" + indicator + "/" + period)
                .withType(EventTypes.OBSERVATION_SUBMITTED).withSource(URI.create("/feeds/restart-test"))
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

    private static void awaitStored(TestInfrastructure.Postgres pg, int count, Duration timeout) throws Exception {
        long stored = awaitCount(pg, "SELECT count(*) FROM indicator.observation WHERE period >= '2060'",
                n -> n >= count, timeout);
        if (stored < count) {
            throw new AssertionError("only " + stored + " of " + count + " observations stored after " + timeout);
        }
    }

    private static void awaitOutboxDrained(TestInfrastructure.Postgres pg, Platform platform, Duration timeout)
            throws Exception {
        long pending = awaitCount(pg, "SELECT count(*) FROM indicator.outbox_event", n -> n == 0, timeout);
        if (pending != 0) {
            throw new AssertionError(pending + " canonical events still in the outbox after " + timeout + "; "
                    + platform.logTail(Service.INDICATOR, 30));
        }
    }

    /** Polls a count until it satisfies {@code until} or the timeout passes; returns the last count read (-1: none). */
    private static long awaitCount(TestInfrastructure.Postgres pg, String sql,
            java.util.function.LongPredicate until, Duration timeout) {
        // A failed read (the schema may not exist yet) is read again.
        Long count = Poll.untilOrLast(timeout, Duration.ofMillis(200), () -> {
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        }, until::test);
        return count == null ? -1 : count;
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

package org.nqpf.launcher;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.nqpf.contracts.Topics;
import org.nqpf.launcher.Platform.Service;

/**
 * {@code ./nqpf rebuild assessment|roadmap}: rebuilds a service's state from its topics into an empty schema of its
 * own and compares the result's digest with the live state's (docs/TOPICS.md, "Rebuilding a service from its
 * topics"). The service's own jar does the work, as itself: Flyway on the new schema, a fresh consumer group from
 * offset 0, the outbox relay off (the live instance published those events already), and the tables no topic
 * carries copied from the live schema before any listener starts.
 */
final class Rebuild {

    /** What a service's state is derived from, where it waits for work, and its digest. */
    enum Target {
        ASSESSMENT(Service.ASSESSMENT, "assessment", List.of(Topics.OBSERVATIONS, Topics.ENTITIES),
                "dirty_cohort_period", KafkaIdentities.ASSESSMENT),
        ROADMAP(Service.ROADMAP, "roadmap", List.of(Topics.ASSESSMENTS, Topics.ENTITIES), "planning_due",
                KafkaIdentities.ROADMAP);

        final Service service;
        final String schema;
        final List<String> topics;
        /** The recompute (assessment) or planning (roadmap) marks: empty once every change was worked through. */
        final String backlog;
        /** The service's Kafka principal, which is also its live consumer group. */
        final String principal;

        Target(Service service, String schema, List<String> topics, String backlog, String principal) {
            this.service = service;
            this.schema = schema;
            this.topics = topics;
            this.backlog = backlog;
            this.principal = principal;
        }

        String rebuildSchema() {
            return schema + "_rebuild";
        }

        StateDigest.Digest digest(Connection db, String schema) throws SQLException {
            return this == ASSESSMENT ? StateDigest.assessments(db, schema) : StateDigest.roadmaps(db, schema);
        }

        /** The rows the digest reads from a schema, as a query. */
        String rows(String schema) {
            return this == ASSESSMENT ? StateDigest.assessmentRows(schema) : StateDigest.roadmapRows(schema);
        }
    }

    /**
     * Where the running platform is: its database, its broker (an admin client, and each service's Kafka settings),
     * its issuer, and where the rebuild instance writes its log.
     */
    record Environment(Path home, Path logs, String jdbcUrl, String jdbcUsername, String jdbcPassword,
            String kafkaBootstrapServers, Map<String, Object> kafkaAdmin,
            Function<String, Map<String, String>> serviceKafka, String issuer) {

        /** The local platform of {@code ./nqpf up}, on its default ports, its secrets in {@code .nqpf/}. */
        static Environment local(Path home) {
            Platform.Config config = Platform.Config.defaults(home);
            KafkaIdentities identities = KafkaIdentities.in(config.stateDir());
            String kafka = "localhost:" + config.kafkaPort();
            Map<String, Object> admin = new HashMap<>(identities.clientProperties(KafkaIdentities.ADMIN));
            admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
            return new Environment(home, config.stateDir().resolve("logs"),
                    "jdbc:postgresql://localhost:" + config.postgresPort() + "/" + Database.NAME,
                    config.jdbcUsername(), config.jdbcPassword(), kafka, admin, identities::serviceEnvironment,
                    "http://localhost:" + config.ports().get(Service.AUTH));
        }
    }

    record Result(String liveSchema, StateDigest.Digest live, String rebuiltSchema, StateDigest.Digest rebuilt) {

        boolean equal() {
            return live.equals(rebuilt);
        }
    }

    private Rebuild() {
    }

    /** The command: exit 0 when the rebuilt state's digest equals the live one's, 1 when not, 2 when it could not. */
    static int main(Path home, List<String> options) {
        Target target = null;
        Duration timeout = Duration.ofMinutes(30);
        for (int i = 0; i < options.size(); i++) {
            String o = options.get(i);
            if (o.equals("--timeout") && i + 1 < options.size()) {
                timeout = Duration.ofSeconds(Long.parseLong(options.get(++i)));
            }
            else if (o.equals("assessment")) {
                target = Target.ASSESSMENT;
            }
            else if (o.equals("roadmap")) {
                target = Target.ROADMAP;
            }
            else {
                target = null;
                break;
            }
        }
        if (target == null) {
            System.err.println("usage: nqpf rebuild assessment|roadmap [--timeout SECONDS]");
            return 2;
        }
        if (!java.nio.file.Files.exists(Platform.Config.defaults(home).stateDir().resolve("secrets")
                .resolve("kafka-" + KafkaIdentities.ADMIN + ".password"))) {
            System.err.println("nqpf rebuild: no local platform was ever started here; start it first: ./nqpf up");
            return 2;
        }
        try {
            Result result = run(Environment.local(home), target, timeout, System.out);
            return result.equal() ? 0 : 1;
        }
        catch (Exception e) {
            System.err.println("nqpf rebuild: " + e.getMessage());
            return 2;
        }
    }

    static Result run(Environment env, Target target, Duration timeout, PrintStream out) throws Exception {
        String schema = target.rebuildSchema();
        String group = KafkaIdentities.rebuildGroupPrefix(target.principal)
                + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(ZonedDateTime.now(ZoneOffset.UTC));
        try (Connection db = DriverManager.getConnection(env.jdbcUrl(), env.jdbcUsername(), env.jdbcPassword());
                Statement st = db.createStatement()) {
            // The rebuild schema is the command's own: whatever a previous rebuild left there goes.
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
        out.printf("rebuild %s: into schema %s, consumer group %s, from %s%n", target.service.module, schema, group,
                String.join(", ", target.topics));
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI", env.issuer());
        environment.put("SPRING_DATASOURCE_URL", env.jdbcUrl() + (env.jdbcUrl().contains("?") ? "&" : "?")
                + "ApplicationName=" + target.service.module + "-rebuild");
        environment.put("SPRING_DATASOURCE_USERNAME", env.jdbcUsername());
        environment.put("SPRING_DATASOURCE_PASSWORD", env.jdbcPassword());
        environment.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", env.kafkaBootstrapServers());
        environment.putAll(env.serviceKafka().apply(target.principal));
        // The rebuild instance: its own schema (Flyway makes it), its own group from offset 0, no relay, and the
        // copies of what no topic carries (nqpf-messaging's RebuildCopies).
        environment.put("SPRING_DATASOURCE_HIKARI_SCHEMA", schema);
        environment.put("SPRING_FLYWAY_SCHEMAS", schema);
        environment.put("SPRING_FLYWAY_DEFAULT_SCHEMA", schema);
        environment.put("SPRING_KAFKA_CONSUMER_GROUP_ID", group);
        environment.put("SPRING_KAFKA_CONSUMER_AUTO_OFFSET_RESET", "earliest");
        environment.put("SPRING_KAFKA_CLIENT_ID", target.service.module + "-rebuild");
        environment.put("NQPF_OUTBOX_RELAY", "false");
        environment.put("NQPF_REBUILD_FROM", target.schema);
        Path log = env.logs().resolve(target.service.module + "-rebuild.log");
        ManagedProcess process = ManagedProcess.start(target.service.module + "-rebuild",
                ServiceJvm.command(env.home(), target.service, port), environment, env.home(), log);
        long started = System.nanoTime();
        try {
            awaitHealthy(process, "http://localhost:" + port, Duration.ofSeconds(180));
            out.printf("rebuild %s: instance up on port %d (log %s), reading...%n", target.service.module, port, log);
            awaitCaughtUp(env, target, group, schema, process, timeout, out);
            out.printf("rebuild %s: caught up after %.0f s%n", target.service.module,
                    (System.nanoTime() - started) / 1e9);
        }
        finally {
            process.stop(20);
        }
        Result result;
        StateDigest.Difference difference = null;
        try (Connection db = DriverManager.getConnection(env.jdbcUrl(), env.jdbcUsername(), env.jdbcPassword())) {
            db.setAutoCommit(false); // the digests stream their rows
            result = new Result(target.schema, target.digest(db, target.schema), schema, target.digest(db, schema));
            if (!result.equal()) {
                // Which rows differ says why: a digest alone only says that they do.
                difference = StateDigest.difference(db, target::rows, target.schema, schema, 10);
            }
            db.rollback();
        }
        out.printf("""
                live    %-20s %s
                rebuilt %-20s %s
                %s
                """, result.liveSchema(), result.live(), result.rebuiltSchema(), result.rebuilt(),
                result.equal() ? "EQUAL: the state rebuilt from the topics is the live state"
                        : "DIFFERENT: the rebuilt state is not the live state (was data still flowing? see " + log
                                + ")");
        if (difference != null) {
            out.printf("rows only in %s (at most 10):%n", target.schema);
            difference.onlyInFirst().forEach(row -> out.println("  " + row));
            out.printf("rows only in %s (at most 10):%n", schema);
            difference.onlyInSecond().forEach(row -> out.println("  " + row));
        }
        out.printf("""
                To switch %1$s to the rebuilt schema (nothing switches by itself):
                  1. stop %1$s;
                  2. in the database: BEGIN; DELETE FROM %2$s.outbox_event;  -- the live instance published those
                     ALTER SCHEMA %3$s RENAME TO %3$s_old; ALTER SCHEMA %2$s RENAME TO %3$s; COMMIT;
                  3. start %1$s again: it goes on from its own group's offsets (%4$s); the inbox of the rebuilt
                     schema knows every event it read, so what it reads again changes nothing;
                  4. once it looks right, DROP SCHEMA %3$s_old CASCADE.
                Or drop the rebuild: DROP SCHEMA %2$s CASCADE.
                """, target.service.module, schema, target.schema, target.principal);
        return result;
    }

    private static void awaitHealthy(ManagedProcess process, String url, Duration timeout) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.alive()) {
                throw new IllegalStateException("the rebuild instance exited; last lines of " + process.log()
                        + ":\n" + process.tail(40));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/actuator/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("\"UP\"")) {
                    return;
                }
            }
            catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the rebuild instance is not healthy after " + timeout + "; last lines of "
                + process.log() + ":\n" + process.tail(40));
    }

    /**
     * Until the rebuild group and the live group have read everything on the service's topics and neither schema
     * has recompute or planning work left, twice in a row a second apart (a last record read may still mark work).
     */
    private static void awaitCaughtUp(Environment env, Target target, String group, String schema,
            ManagedProcess process, Duration timeout, PrintStream out) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long lastReport = 0;
        int settled = 0;
        try (Admin admin = Admin.create(env.kafkaAdmin());
                Connection db = DriverManager.getConnection(env.jdbcUrl(), env.jdbcUsername(), env.jdbcPassword())) {
            while (true) {
                if (!process.alive()) {
                    throw new IllegalStateException("the rebuild instance died; last lines of " + process.log()
                            + ":\n" + process.tail(40));
                }
                long rebuildLag = lag(admin, group, target.topics);
                long liveLag = lag(admin, target.principal, target.topics);
                long rebuildBacklog = count(db, schema + "." + target.backlog);
                long liveBacklog = count(db, target.schema + "." + target.backlog);
                settled = rebuildLag == 0 && liveLag == 0 && rebuildBacklog == 0 && liveBacklog == 0 ? settled + 1
                        : 0;
                if (settled >= 2) {
                    return;
                }
                if (System.nanoTime() - lastReport > 10_000_000_000L) {
                    out.printf("rebuild %s: lag %d, backlog %d (live: lag %d, backlog %d)%n", target.service.module,
                            rebuildLag, rebuildBacklog, liveLag, liveBacklog);
                    lastReport = System.nanoTime();
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("not caught up after " + timeout + ": lag " + rebuildLag
                            + ", backlog " + rebuildBacklog + " (live: lag " + liveLag + ", backlog " + liveBacklog
                            + ")");
                }
                Thread.sleep(1000);
            }
        }
    }

    /** Records on the topics the group has not committed yet; a partition it never committed counts whole. */
    static long lag(Admin admin, String group, List<String> topics) throws Exception {
        List<TopicPartition> partitions = new ArrayList<>();
        for (TopicDescription d : admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).values()) {
            d.partitions().forEach(p -> partitions.add(new TopicPartition(d.name(), p.partition())));
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        var ends = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        long lag = 0;
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata c = committed.get(tp);
            lag += Math.max(0, ends.get(tp).offset() - (c == null ? 0 : c.offset()));
        }
        return lag;
    }

    private static long count(Connection db, String table) throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}

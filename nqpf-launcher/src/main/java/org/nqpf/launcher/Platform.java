package org.nqpf.launcher;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The whole platform on one machine: PostgreSQL and Kafka (its own embedded ones, or servers it is given), the three
 * services and the gateway as child JVMs built from the modules' jars. Used by {@code ./nqpf up} and by the
 * end-to-end tests, so the tests drive exactly what users start.
 */
public final class Platform implements AutoCloseable {

    /** A service module, its default port, and its heap: every JVM gets an explicit -Xmx. */
    public enum Service {
        // First: the services find their issuer's keys through it (lazily, at their first request).
        AUTH("auth-server", 9000, "160m", "auth-server-exec.jar"),
        INDICATOR("indicator-service", 8081, "384m", "indicator-service.jar"),
        ASSESSMENT("assessment-service", 8082, "384m", "assessment-service.jar"),
        // Its executable jar is classified: roadmap-service.jar is the plain jar the roadmap benchmark plans with.
        ROADMAP("roadmap-service", 8083, "320m", "roadmap-service-exec.jar"),
        GATEWAY("gateway", 8080, "256m", "gateway.jar");

        final String module;
        final int defaultPort;
        final String heap;
        final String jar;

        Service(String module, int defaultPort, String heap, String jar) {
            this.module = module;
            this.defaultPort = defaultPort;
            this.heap = heap;
            this.jar = jar;
        }

        public String module() {
            return module;
        }
    }

    /**
     * @param kafkaBootstrapServers a broker to use, or null to start the embedded KRaft broker
     * @param jdbcUrl               a database to use, or null to start embedded PostgreSQL
     */
    public record Config(Path home, Path stateDir, String kafkaBootstrapServers, String jdbcUrl, String jdbcUsername,
            String jdbcPassword, Map<Service, Integer> ports, int kafkaPort, int postgresPort) {

        public static Config defaults(Path home) {
            Map<Service, Integer> ports = new LinkedHashMap<>();
            for (Service s : Service.values()) {
                ports.put(s, s.defaultPort);
            }
            return new Config(home, home.resolve(".nqpf"), null, null, "postgres", "postgres", ports, 9092, 15432);
        }

        public Config withInfrastructure(String kafka, String jdbcUrl, String username, String password) {
            return new Config(home, stateDir, kafka, jdbcUrl, username, password, ports, kafkaPort, postgresPort);
        }

        public Config withPorts(Map<Service, Integer> newPorts) {
            return new Config(home, stateDir, kafkaBootstrapServers, jdbcUrl, jdbcUsername, jdbcPassword,
                    Map.copyOf(newPorts), kafkaPort, postgresPort);
        }

        /**
         * Every port picked free on this machine (services, Kafka with its controller on the next port, PostgreSQL),
         * so tests and benchmarks run beside a platform started with {@code ./nqpf up}.
         */
        public Config withFreePorts() throws java.io.IOException {
            Map<Service, Integer> free = new LinkedHashMap<>();
            for (Service s : Service.values()) {
                free.put(s, freePort());
            }
            int kafka = freePort();
            while (!isFree(kafka + 1)) {
                kafka = freePort();
            }
            return new Config(home, stateDir, kafkaBootstrapServers, jdbcUrl, jdbcUsername, jdbcPassword,
                    Map.copyOf(free), kafka, freePort());
        }

        private static int freePort() throws java.io.IOException {
            try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
                return socket.getLocalPort();
            }
        }

        private static boolean isFree(int port) {
            try (java.net.ServerSocket socket = new java.net.ServerSocket(port)) {
                return true;
            }
            catch (java.io.IOException e) {
                return false;
            }
        }

        public Config withStateDir(Path dir) {
            return new Config(home, dir, kafkaBootstrapServers, jdbcUrl, jdbcUsername, jdbcPassword, ports,
                    kafkaPort, postgresPort);
        }
    }

    /** The principal of the platform's demo feed, which writes {@code Topics.rawFeed("demo-feed")}. */
    public static final String DEMO_FEED = KafkaIdentities.DEMO_FEED;
    /** The launcher's broker's super user. */
    public static final String KAFKA_ADMIN = KafkaIdentities.ADMIN;

    private final Config config;
    private final Map<Service, ManagedProcess> services = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private KafkaBroker broker;
    private Database database;
    private String kafka;
    private String jdbcUrl;

    private Platform(Config config) {
        this.config = config;
    }

    /** Starts everything and waits until every service reports UP. */
    public static Platform start(Config config) throws Exception {
        return start(config, java.util.EnumSet.allOf(Service.class));
    }

    /** Starts the infrastructure and the given services only, and waits until they report UP. */
    public static Platform start(Config config, java.util.Set<Service> only) throws Exception {
        Platform platform = new Platform(config);
        java.util.Set<Service> services = java.util.EnumSet.of(Service.AUTH);
        services.addAll(only); // whatever runs validates tokens: the issuer runs too
        try {
            platform.startInfrastructure();
            platform.startServices(services);
            return platform;
        }
        catch (Exception e) {
            platform.close();
            throw e;
        }
    }

    public String gatewayUrl() {
        return url(Service.GATEWAY);
    }

    public String url(Service service) {
        return "http://localhost:" + config.ports().get(service);
    }

    public String kafkaBootstrapServers() {
        return kafka;
    }

    /**
     * Kafka client settings, bootstrap servers included, for a principal: on the launcher's broker they authenticate
     * as it ({@code admin} for tests and tools that read or replay anything, a feed's name to write its raw topic);
     * on a broker the platform was given, the bootstrap servers only.
     */
    public Map<String, Object> kafkaClient(String principal) {
        return broker != null ? broker.client(principal) : Map.of("bootstrap.servers", kafka);
    }

    /**
     * A feed's SCRAM user, raw topic and ACL on the launcher's broker (nothing to do on a broker the platform was
     * given); returns the feed's raw topic.
     */
    public String provisionFeed(String feed) throws Exception {
        return broker != null ? broker.provisionFeed(feed) : org.nqpf.contracts.Topics.rawFeed(feed);
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    private void startInfrastructure() throws Exception {
        Files.createDirectories(config.stateDir());
        CompletableFuture<Void> kafkaReady = CompletableFuture.runAsync(() -> {
            if (config.kafkaBootstrapServers() != null) {
                kafka = config.kafkaBootstrapServers();
                return;
            }
            try {
                broker = KafkaBroker.start(config.stateDir(), config.kafkaPort(), config.kafkaPort() + 1,
                        config.home());
                kafka = broker.bootstrapServers();
                broker.provision();
            }
            catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
        if (config.jdbcUrl() != null) {
            jdbcUrl = config.jdbcUrl();
        }
        else {
            database = Database.start(config.stateDir(), config.postgresPort());
            jdbcUrl = database.jdbcUrl();
        }
        kafkaReady.join();
    }

    private void startServices(java.util.Set<Service> only) throws InterruptedException {
        for (Service service : only) {
            startService(service);
        }
        for (Service service : only) {
            awaitHealthy(service, Duration.ofSeconds(180));
        }
    }

    /** Starts one service's JVM (again); does not wait for it. */
    public void startService(Service service) {
        Path jar = config.home().resolve(service.module).resolve("target").resolve(service.jar);
        if (!Files.exists(jar)) {
            throw new IllegalStateException("missing " + jar + ": build first (./mvnw -DskipTests package)");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + service.heap, "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Xss512k"));
        // Extra JVM options for one service, e.g. -Dnqpf.jvm.indicator-service=-XX:StartFlightRecording=... to profile it
        String extra = System.getProperty("nqpf.jvm." + service.module);
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + config.ports().get(service)));
        // Everything else through the environment: a credential never on a command line (ps shows it to all).
        Map<String, String> env = new LinkedHashMap<>();
        if (service == Service.AUTH) {
            env.put("NQPF_AUTH_SIGNING_KEY_FILE", signingKeyFile().toString());
            env.put("NQPF_AUTH_DEMO_CLIENTS", "true");
        }
        else {
            env.put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI", issuer());
        }
        if (service == Service.GATEWAY) {
            env.put("NQPF_SERVICES_INDICATOR", url(Service.INDICATOR));
            env.put("NQPF_SERVICES_ASSESSMENT", url(Service.ASSESSMENT));
            env.put("NQPF_SERVICES_ROADMAP", url(Service.ROADMAP));
        }
        else if (service != Service.AUTH) {
            env.put("SPRING_DATASOURCE_URL", jdbcUrl);
            env.put("SPRING_DATASOURCE_USERNAME", config.jdbcUsername());
            env.put("SPRING_DATASOURCE_PASSWORD", config.jdbcPassword());
            env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", kafka);
            // On the launcher's broker each service is its own Kafka principal (KafkaIdentities: its module's name).
            if (broker != null) {
                env.putAll(broker.identities().serviceEnvironment(service.module));
            }
        }
        ManagedProcess process = ManagedProcess.start(service.module, command, env, config.home(),
                config.stateDir().resolve("logs").resolve(service.module + ".log"));
        services.put(service, process);
        superviseIfAsked(process);
    }

    // --- Supervision (./nqpf up): a service that dies is started again, as compose's restart policy does ---

    private volatile java.util.function.Consumer<String> supervisionConsole;

    /**
     * From now on every service of this platform, running or started later, is restarted when it dies on its own
     * (SIGKILL, OOM, exit), with back-off, each restart announced on {@code console}; {@link #stopService},
     * {@link #killService} and {@link #close} stay deliberate stops. Tests that kill on purpose and restart
     * themselves simply do not call this.
     */
    public void supervise(java.util.function.Consumer<String> console) {
        supervisionConsole = console;
        services.values().forEach(this::superviseIfAsked);
    }

    private void superviseIfAsked(ManagedProcess process) {
        java.util.function.Consumer<String> console = supervisionConsole;
        if (console != null) {
            process.supervise(console);
        }
    }

    // --- Infrastructure outages (the fault suite): the embedded broker and database stopped and started again ---

    /** Stops the launcher's own Kafka broker (gracefully, as an operator's restart would); its log stays on disk. */
    public void stopKafka() {
        requireEmbedded(config.kafkaBootstrapServers() == null, "Kafka broker");
        if (broker != null) {
            broker.stop();
            broker = null;
        }
    }

    /** Starts the launcher's broker again on the same port and log directory; waits until it answers. */
    public void startKafka() throws Exception {
        requireEmbedded(config.kafkaBootstrapServers() == null, "Kafka broker");
        if (broker == null) {
            broker = KafkaBroker.start(config.stateDir(), config.kafkaPort(), config.kafkaPort() + 1, config.home());
            broker.provision(); // safe to repeat
        }
    }

    /** Stops the launcher's own PostgreSQL (a fast shutdown: open connections are cut); its data stays on disk. */
    public void stopDatabase() {
        requireEmbedded(config.jdbcUrl() == null, "PostgreSQL");
        if (database != null) {
            database.stop();
            database = null;
        }
    }

    /** Starts the launcher's PostgreSQL again on the same port and data directory. */
    public void startDatabase() throws Exception {
        requireEmbedded(config.jdbcUrl() == null, "PostgreSQL");
        if (database == null) {
            database = Database.start(config.stateDir(), config.postgresPort());
        }
    }

    private static void requireEmbedded(boolean embedded, String what) {
        if (!embedded) {
            throw new IllegalStateException("the platform was given its " + what + "; only its own can be stopped");
        }
    }

    /** The operating system's id of a running service's current process, e.g. to kill it from outside. */
    public long pid(Service service) {
        ManagedProcess process = services.get(service);
        if (process == null) {
            throw new IllegalStateException(service.module + " is not running");
        }
        return process.pid();
    }

    /**
     * Lifts the gateway's per-client rate limit for the platforms this JVM starts from now on: benchmarks measure the
     * platform, not the limiter (the extra JVM options of {@code nqpf.jvm.gateway}).
     */
    public static void liftGatewayRateLimit() {
        System.setProperty("nqpf.jvm.gateway", "-Dnqpf.gateway.rate-limit.replenish-rate=1000000"
                + " -Dnqpf.gateway.rate-limit.burst-capacity=1000000");
    }

    /** The issuer every service validates tokens against: the platform's own auth-server. */
    public String issuer() {
        return url(Service.AUTH);
    }

    /** The key auth-server signs with, kept with the platform's state so tokens outlive a restart. */
    public Path signingKeyFile() {
        return config.stateDir().resolve("auth").resolve("signing-key.json");
    }

    /** Stops one service, as an operator or a crash would. */
    public void stopService(Service service) {
        ManagedProcess p = services.remove(service);
        if (p != null) {
            p.stop(20);
        }
    }

    /** Kills one service without letting it shut down: a crash, as far as the platform can tell. */
    public void killService(Service service) {
        ManagedProcess p = services.remove(service);
        if (p != null) {
            p.stop(0);
        }
    }

    /** The last lines a running service wrote to its log, to show what it was doing when a check failed. */
    public String logTail(Service service, int lines) {
        ManagedProcess process = services.get(service);
        return process == null ? "(" + service.module + " is not running)"
                : "last lines of " + process.log() + ":\n" + process.tail(lines);
    }

    public void awaitHealthy(Service service, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ManagedProcess process = services.get(service);
        URI health = URI.create(url(service) + "/actuator/health");
        while (System.nanoTime() < deadline) {
            // A supervised process that died is being started again: wait for it.
            if (process != null && !process.alive() && !process.supervised()) {
                throw new IllegalStateException(service.module + " exited; " + logTail(service, 40));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("\"UP\"")) {
                    return;
                }
            }
            catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(service.module + " not healthy after " + timeout
                + (process == null ? "" : "; " + logTail(service, 40)));
    }

    // ---- Several instances of one service (SeveralInstancesIT); kept apart from the one instance per service above.

    // Concurrent: a test starts several instances at once (SeveralInstancesIT).
    private final Map<String, ManagedProcess> instances = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Integer> instancePorts = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Starts another instance of a Kafka-consuming service (indicator, assessment or roadmap) on a free port, with
     * the same database, broker, Kafka principal and consumer group as the platform's own: Kafka shares the
     * partitions between them, the database their recompute and planning work. {@code name} names its log and its
     * database sessions ({@code application_name}) and its Kafka clients; returns its base URL once it is healthy.
     */
    public String startInstance(Service service, String name) throws Exception {
        if (service == Service.AUTH || service == Service.GATEWAY) {
            throw new IllegalArgumentException(service.module + " consumes nothing from Kafka");
        }
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI", issuer());
        env.put("SPRING_DATASOURCE_URL", jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "ApplicationName=" + name);
        env.put("SPRING_DATASOURCE_USERNAME", config.jdbcUsername());
        env.put("SPRING_DATASOURCE_PASSWORD", config.jdbcPassword());
        env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", kafka);
        // Its listeners' consumers are named after it (name-0, ...), to tell them from the first instance's.
        env.put("SPRING_KAFKA_LISTENER_CLIENT_ID", name);
        if (broker != null) {
            env.putAll(broker.identities().serviceEnvironment(service.module));
        }
        ManagedProcess process = ManagedProcess.start(name, ServiceJvm.command(config.home(), service, port), env,
                config.home(), config.stateDir().resolve("logs").resolve(name + ".log"));
        instances.put(name, process);
        instancePorts.put(name, port);
        String url = "http://localhost:" + port;
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.alive()) {
                throw new IllegalStateException(name + " exited; " + instanceLogTail(name, 40));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/actuator/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("\"UP\"")) {
                    return url;
                }
            }
            catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(name + " not healthy after 180 s; " + instanceLogTail(name, 40));
    }

    /** SIGKILL for an instance started by {@link #startInstance}: it dies holding whatever it held. */
    public void killInstance(String name) {
        ManagedProcess p = instances.remove(name);
        if (p != null) {
            p.stop(0);
        }
    }

    /** This platform as {@code ./nqpf rebuild} sees the running local one (RebuildIT). */
    Rebuild.Environment rebuildEnvironment() {
        return new Rebuild.Environment(config.home(), config.stateDir().resolve("logs"), jdbcUrl,
                config.jdbcUsername(), config.jdbcPassword(), kafka, new java.util.HashMap<>(kafkaClient(KAFKA_ADMIN)),
                principal -> broker != null ? broker.identities().serviceEnvironment(principal) : Map.of(), issuer());
    }

    public String instanceLogTail(String name, int lines) {
        ManagedProcess process = instances.get(name);
        return process == null ? "(" + name + " is not running)" : "last lines of " + process.log() + ":\n"
                + process.tail(lines);
    }

    @Override
    public void close() {
        // Ctrl-C reaches every child at once: none of them is to be restarted while the others are stopped.
        services.values().forEach(ManagedProcess::noRestart);
        instances.values().parallelStream().forEach(p -> p.stop(20));
        List<Service> reverse = new ArrayList<>(services.keySet());
        java.util.Collections.reverse(reverse);
        reverse.parallelStream().forEach(this::stopService);
        if (broker != null) {
            broker.stop();
        }
        if (database != null) {
            database.stop();
        }
    }
}

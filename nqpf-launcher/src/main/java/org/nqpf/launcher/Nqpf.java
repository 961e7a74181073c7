package org.nqpf.launcher;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.nqpf.launcher.bench.AssessmentLatencyBenchmark;
import org.nqpf.launcher.bench.IngestBenchmark;
import org.nqpf.launcher.feed.IngestCommand;

/** {@code ./nqpf up}: the platform on embedded defaults, demo data loaded, until Ctrl-C. */
public final class Nqpf {

    private Nqpf() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "up" : args[0];
        List<String> options = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
        Path home = Path.of(System.getProperty("nqpf.home", ".")).toAbsolutePath().normalize();
        switch (command) {
            case "up" -> up(home, !options.contains("--no-demo"));
            case "demo" -> demo(home, options.isEmpty() ? "http://localhost:8080" : options.get(0));
            case "ingest" -> System.exit(IngestCommand.main(options));
            case "feed" -> System.exit(feed(home, options));
            case "kafka-setup" -> System.exit(kafkaSetup(options));
            case "rebuild" -> System.exit(Rebuild.main(home, options));
            case "bench-ingest" -> System.exit(IngestBenchmark.main(home, options));
            case "bench-latency" -> AssessmentLatencyBenchmark.run(home, options);
            default -> {
                System.err.println("usage: nqpf up [--no-demo] | nqpf demo [GATEWAY_URL] | nqpf ingest FILE [...]"
                        + " | nqpf feed NAME | nqpf rebuild assessment|roadmap"
                        + " | nqpf bench-ingest [...] | nqpf bench-latency [--rate R] [--samples N]");
                System.exit(2);
            }
        }
    }

    static void up(Path home, boolean demo) throws Exception {
        long started = System.nanoTime();
        Platform.Config config = Platform.Config.defaults(home);
        System.out.println("NQPF Platform: starting Kafka (KRaft) and PostgreSQL, then the services; logs in "
                + config.stateDir().resolve("logs"));
        Platform platform = Platform.start(config);
        // A service that dies is restarted with back-off and the console says so; Ctrl-C stops them for good.
        platform.supervise(message -> System.out.println("NQPF Platform: " + message));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nNQPF Platform: stopping...");
            platform.close();
            System.out.println("NQPF Platform: stopped.");
            stopped.countDown();
        }, "nqpf-stop"));
        System.out.printf("services up after %.0f s%n", seconds(started));
        if (demo) {
            ClientCredentials steward = ClientCredentials.demo(platform.issuer(), "demo-steward");
            ClientCredentials analyst = ClientCredentials.demo(platform.issuer(), "demo-analyst");
            DemoData.assignTenants(platform.gatewayUrl(), steward);
            List<DemoData.Row> rows = DemoData.rows(home.resolve("datasets").resolve("china-provinces"));
            Map<String, Integer> result = DemoData.load(platform.gatewayUrl(), rows, steward);
            System.out.printf("demo data: %d observations of 31 provinces, 2015-2023 (%s)%n", rows.size(), result);
            awaitReadable(platform.gatewayUrl() + "/api/v1/assessments/CN-11?period=2023", Duration.ofSeconds(120),
                    "\"cohortSize\":31", analyst);
            awaitReadable(platform.gatewayUrl() + "/api/v1/roadmaps/CN-11", Duration.ofSeconds(60), "", analyst);
        }
        String g = platform.gatewayUrl();
        System.out.printf("""

                NQPF Platform ready in %.0f s
                  Gateway (the one entry)     %s
                  Operator console            %s/console
                  Indicators                  %s/api/v1/indicators
                  Entities                    %s/api/v1/entities
                  Assessment of Beijing       %s/api/v1/assessments/CN-11?period=2023
                  Roadmap of Beijing          %s/api/v1/roadmaps/CN-11
                  Gateway health              %s/actuator/health
                  Identity provider (issuer)  %s
                  Kafka (SASL SCRAM-SHA-512)  %s  users and passwords: %s
                  PostgreSQL                  %s (user postgres)
                Every API call needs a token: ./nqpf token demo-analyst (clients in docs/SECURITY.md).
                Press Ctrl-C to stop.
                """, seconds(started), g, g, g, g, g, g, g, platform.issuer(), platform.kafkaBootstrapServers(),
                config.stateDir().resolve("secrets"), platform.jdbcUrl());
        stopped.await();
    }

    /**
     * {@code ./nqpf feed NAME}: a new Kafka feed on the running local platform's broker (its SCRAM user, its raw
     * topic and dead-letter twin, its ACL), as the broker's admin; safe to repeat.
     */
    static int feed(Path home, List<String> options) throws Exception {
        if (options.size() != 1) {
            System.err.println("usage: nqpf feed NAME   (lower-case letters, digits and dashes)");
            return 2;
        }
        String name = options.get(0);
        try {
            org.nqpf.contracts.Topics.rawFeed(name);
        }
        catch (IllegalArgumentException e) {
            System.err.println("nqpf feed: " + e.getMessage());
            return 2;
        }
        Platform.Config config = Platform.Config.defaults(home);
        return feed(config.stateDir(), "localhost:" + config.kafkaPort(), name);
    }

    /** A feed on the broker whose admin password is in {@code stateDir}'s secrets. */
    /**
     * docker compose's one-shot Kafka provisioning: as admin, the services' and the demo feed's SCRAM users, every
     * topic with its twin, and the ACLs, all passwords from the environment ({@code NQPF_KAFKA_<PRINCIPAL>_PASSWORD}).
     */
    static int kafkaSetup(List<String> options) throws Exception {
        if (options.size() != 1) {
            System.err.println("usage: nqpf kafka-setup BOOTSTRAP_SERVERS   (passwords in NQPF_KAFKA_*_PASSWORD)");
            return 2;
        }
        KafkaIdentities identities = KafkaIdentities.fromEnvironment(System.getenv());
        Map<String, Object> client = new java.util.HashMap<>(identities.clientProperties(KafkaIdentities.ADMIN));
        client.put("bootstrap.servers", options.get(0));
        client.put("request.timeout.ms", 10_000);
        client.put("default.api.timeout.ms", 30_000);
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(client)) {
            identities.provision(admin);
            System.out.println("kafka-setup: users, topics and ACLs provisioned on " + options.get(0));
            return 0;
        }
    }

    static int feed(Path stateDir, String bootstrapServers, String name) throws Exception {
        if (!java.nio.file.Files.exists(stateDir.resolve("secrets")
                .resolve("kafka-" + KafkaIdentities.ADMIN + ".password"))) {
            System.err.println("nqpf feed: no local broker was ever started in " + stateDir
                    + " (no admin password); start the platform first: ./nqpf up");
            return 1;
        }
        KafkaIdentities identities = KafkaIdentities.in(stateDir);
        Map<String, Object> client = new java.util.HashMap<>(identities.clientProperties(KafkaIdentities.ADMIN));
        client.put("bootstrap.servers", bootstrapServers);
        client.put("request.timeout.ms", 10_000);
        client.put("default.api.timeout.ms", 15_000);
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(client)) {
            String topic = identities.provisionFeed(admin, name);
            System.out.printf("""
                    feed %s: writes %s (and only that topic), as Kafka user %s (SASL_PLAINTEXT, SCRAM-SHA-512)
                    password: %s
                    """, name, topic, name, stateDir.resolve("secrets").resolve("kafka-" + name + ".password"));
            return 0;
        }
        catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            System.err.println("nqpf feed: the local broker at " + bootstrapServers + " did not answer ("
                    + e.getMessage() + "); is the platform running? ./nqpf up");
            return 1;
        }
    }

    /** Loads the demo data into a platform that is already running (docker compose uses this). */
    static void demo(Path home, String gateway) throws Exception {
        ClientCredentials steward = ClientCredentials.demo("demo-steward");
        awaitReadable(gateway + "/api/v1/indicators", Duration.ofSeconds(120), "", steward);
        DemoData.assignTenants(gateway, steward);
        List<DemoData.Row> rows = DemoData.rows(home.resolve("datasets").resolve("china-provinces"));
        System.out.printf("demo data: %d observations loaded through %s (%s)%n", rows.size(), gateway,
                DemoData.load(gateway, rows, steward));
    }

    /** Polls until the URL answers 200 with a body that contains {@code expected}. */
    private static void awaitReadable(String url, Duration timeout, String expected, ClientCredentials as)
            throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        int status = 0;
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", as.header())
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                status = r.statusCode();
                if (status == 200 && r.body().contains(expected)) {
                    return;
                }
            }
            catch (java.io.IOException | IllegalStateException e) {
                // retry: the gateway or the issuer is not answering yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(url + " not readable after " + timeout + " (last status " + status + ")");
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}

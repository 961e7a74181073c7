package org.nqpf.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A real single-node Kafka broker in KRaft mode, run from the Kafka jars as its own process ({@code kafka.Kafka}),
 * its log directory kept under {@code .nqpf/kafka} so data survives restarts. Every listener authenticates: clients
 * and inter-broker traffic with SCRAM-SHA-512, the controller listener with SASL/PLAIN (KRaft controllers cannot use
 * SCRAM, whose credentials live in the metadata they serve); both only on localhost. ACLs are enforced by the
 * StandardAuthorizer with no ACL meaning no access; {@code admin} is the only super user.
 */
final class KafkaBroker {

    /** Written once the storage was formatted with the admin's SCRAM credentials. */
    static final String SCRAM_MARKER = "formatted-with-scram";

    private final ManagedProcess process;
    private final String bootstrapServers;
    private final KafkaIdentities identities;

    private KafkaBroker(ManagedProcess process, String bootstrapServers, KafkaIdentities identities) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
        this.identities = identities;
    }

    static KafkaBroker start(Path stateDir, int port, int controllerPort, Path workDir) throws IOException,
            InterruptedException {
        Path dir = stateDir.resolve("kafka");
        Files.createDirectories(dir);
        Path data = dir.resolve("data");
        boolean formatted = Files.exists(data.resolve("meta.properties"));
        KafkaIdentities identities = KafkaIdentities.in(stateDir);
        Path adminPassword = stateDir.resolve("secrets").resolve("kafka-" + KafkaIdentities.ADMIN + ".password");
        if (formatted && (!Files.exists(dir.resolve(SCRAM_MARKER)) || !Files.exists(adminPassword))) {
            // Reformatting would drop the records the services have not consumed yet: the user decides.
            throw new IllegalStateException("the Kafka state in " + dir + " was made before the broker required "
                    + "authentication (or its admin password in " + adminPassword.getParent() + " is gone), so it "
                    + "holds no SCRAM credentials for the broker's admin: run ./nqpf clean (it deletes " + stateDir
                    + ", the local platform's data) and start again");
        }
        String admin = identities.password(KafkaIdentities.ADMIN);
        Path config = dir.resolve("server.properties");
        // The passwords are in this file only (mode 0600), never on the broker's command line.
        KafkaIdentities.writePrivate(config, """
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@localhost:%d
                listeners=CLIENT://localhost:%d,CONTROLLER://localhost:%d
                advertised.listeners=CLIENT://localhost:%d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=CLIENT
                listener.security.protocol.map=CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT
                listener.name.client.sasl.enabled.mechanisms=SCRAM-SHA-512
                listener.name.client.scram-sha-512.sasl.jaas.config=%s
                sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
                listener.name.controller.sasl.enabled.mechanisms=PLAIN
                listener.name.controller.plain.sasl.jaas.config=%s
                sasl.mechanism.controller.protocol=PLAIN
                authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
                allow.everyone.if.no.acl.found=false
                super.users=User:admin
                log.dirs=%s
                num.partitions=3
                offsets.topic.replication.factor=1
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                auto.create.topics.enable=false
                """.formatted(controllerPort, port, controllerPort, port, identities.jaas(KafkaIdentities.ADMIN),
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"admin\" password=\""
                        + admin + "\" user_admin=\"" + admin + "\";",
                data.toAbsolutePath()));
        if (!formatted) {
            format(dir, config, admin);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("java.class.path");
        ManagedProcess broker = ManagedProcess.start("kafka",
                List.of(java, "-Xmx512m", "-Xms256m", "-XX:+UseSerialGC", "-cp", classpath, "kafka.Kafka",
                        config.toString()),
                workDir, stateDir.resolve("logs").resolve("kafka.log"));
        KafkaBroker started = new KafkaBroker(broker, "localhost:" + port, identities);
        try {
            started.awaitReady(Duration.ofSeconds(60));
        }
        catch (RuntimeException | InterruptedException e) {
            started.stop();
            throw e;
        }
        return started;
    }

    /**
     * {@code kafka-storage format --add-scram}, run in this JVM: the admin's password would be visible to every
     * user of the machine on a child process's command line.
     */
    private static void format(Path dir, Path config, String adminPassword) throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            try {
                exit = kafka.tools.StorageTool.execute(new String[] {"format", "-t",
                        UUID.randomUUID().toString().replace("-", "").substring(0, 22), "-c", config.toString(),
                        "--add-scram", "SCRAM-SHA-512=[name=admin,password=" + adminPassword + "]"}, out);
            }
            catch (Exception e) {
                out.println(e);
                exit = 1;
            }
        }
        Files.writeString(dir.resolve("format.log"), output.toString(StandardCharsets.UTF_8));
        if (exit != 0) {
            throw new IllegalStateException("formatting Kafka storage failed; see " + dir.resolve("format.log"));
        }
        Files.writeString(dir.resolve(SCRAM_MARKER), "SCRAM-SHA-512 credentials for admin added at format time\n");
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    String commandLine() {
        return process.commandLine();
    }

    KafkaIdentities identities() {
        return identities;
    }

    /** An admin client authenticated as the broker's super user. */
    Admin admin() {
        Map<String, Object> config = new HashMap<>(client(KafkaIdentities.ADMIN));
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        return Admin.create(config);
    }

    /** Client settings, bootstrap servers included, that authenticate as the principal. */
    Map<String, Object> client(String principal) {
        Map<String, Object> config = new HashMap<>(identities.clientProperties(principal));
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return config;
    }

    /** Credentials, topics and ACLs of the services and the demo feed; safe to repeat at every start. */
    void provision() throws Exception {
        try (Admin admin = admin()) {
            identities.provision(admin);
        }
    }

    /** A new feed on this broker (see {@link KafkaIdentities#provisionFeed}); returns its raw topic. */
    String provisionFeed(String feed) throws Exception {
        try (Admin admin = admin()) {
            return identities.provisionFeed(admin, feed);
        }
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.alive()) {
                throw new IllegalStateException("Kafka broker exited:\n" + process.tail(30));
            }
            Map<String, Object> config = new HashMap<>(client(KafkaIdentities.ADMIN));
            config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
            config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
            try (Admin admin = Admin.create(config)) {
                admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                return;
            }
            catch (Exception e) {
                Thread.sleep(500);
            }
        }
        throw new IllegalStateException("Kafka broker not ready after " + timeout + ":\n" + process.tail(30));
    }

    void stop() {
        process.stop(30);
    }
}

package org.nqpf.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A real single-node Kafka broker in KRaft mode, run from the Kafka jars as its own process ({@code kafka.Kafka}),
 * its log directory kept under {@code .nqpf/kafka} so data survives restarts.
 */
final class KafkaBroker {

    private final ManagedProcess process;
    private final String bootstrapServers;

    private KafkaBroker(ManagedProcess process, String bootstrapServers) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
    }

    static KafkaBroker start(Path stateDir, int port, int controllerPort, Path workDir) throws IOException,
            InterruptedException {
        Path dir = stateDir.resolve("kafka");
        Files.createDirectories(dir);
        Path config = dir.resolve("server.properties");
        Files.writeString(config, """
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@localhost:%d
                listeners=PLAINTEXT://localhost:%d,CONTROLLER://localhost:%d
                advertised.listeners=PLAINTEXT://localhost:%d
                controller.listener.names=CONTROLLER
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                log.dirs=%s
                num.partitions=3
                offsets.topic.replication.factor=1
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                auto.create.topics.enable=false
                """.formatted(controllerPort, port, controllerPort, port, dir.resolve("data").toAbsolutePath()));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("java.class.path");
        if (!Files.exists(dir.resolve("data").resolve("meta.properties"))) {
            Process format = new ProcessBuilder(java, "-Xmx256m", "-cp", classpath, "kafka.tools.StorageTool",
                    "format", "-t", UUID.randomUUID().toString().replace("-", "").substring(0, 22), "-c",
                    config.toString(), "--ignore-formatted")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("format.log").toFile()).start();
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                throw new IllegalStateException("formatting Kafka storage failed; see " + dir.resolve("format.log"));
            }
        }
        ManagedProcess broker = ManagedProcess.start("kafka",
                List.of(java, "-Xmx512m", "-Xms256m", "-XX:+UseSerialGC", "-cp", classpath, "kafka.Kafka",
                        config.toString()),
                workDir, stateDir.resolve("logs").resolve("kafka.log"));
        KafkaBroker started = new KafkaBroker(broker, "localhost:" + port);
        started.awaitReady(Duration.ofSeconds(60));
        return started;
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.alive()) {
                throw new IllegalStateException("Kafka broker exited:\n" + process.tail(30));
            }
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                    3000))) {
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

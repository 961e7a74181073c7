package org.nqpf.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The deployment files keep the secrets rules of docs/SECURITY.md: no credential in them, no image running as root. */
class DeploymentFilesTest {

    static final Path HOME = Path.of(System.getProperty("nqpf.home", "..")).toAbsolutePath().normalize();

    @Test
    void should_RunEveryImageAsANonRootUser() throws IOException {
        List<String> lines = Files.readAllLines(HOME.resolve("Dockerfile"));
        String stage = null;
        String user = null;
        List<String> rootEntrypoints = new ArrayList<>();
        for (String line : lines) {
            String l = line.trim();
            if (l.startsWith("FROM ")) {
                stage = l;
                user = null;
            }
            else if (l.startsWith("USER ")) {
                user = l.substring(5).trim();
            }
            else if (l.startsWith("ENTRYPOINT") && (user == null || user.equals("root") || user.equals("0"))) {
                rootEntrypoints.add(stage);
            }
        }
        assertThat(rootEntrypoints).as("stages that would run as root").isEmpty();
        assertThat(lines).anyMatch(l -> l.trim().startsWith("ENTRYPOINT"));
    }

    @Test
    void should_TakeEveryPasswordAndSecretOfComposeFromTheEnvironment() throws IOException {
        Pattern credential = Pattern.compile("^\\s*([A-Z0-9_]*(PASSWORD|SECRET)[A-Z0-9_]*):\\s*(.*)$");
        List<String> literal = new ArrayList<>();
        for (String line : Files.readAllLines(HOME.resolve("docker-compose.yml"))) {
            Matcher m = credential.matcher(line);
            if (m.matches() && !m.group(3).trim().matches("\"?\\$\\{[A-Z0-9_]+(:\\?[^}]*)?}\"?")) {
                literal.add(line.trim());
            }
        }
        assertThat(literal).as("credentials written into docker-compose.yml").isEmpty();
        assertThat(Files.readString(HOME.resolve("docker-compose.yml"))).contains("NQPF_DB_PASSWORD:?");
    }

    @Test
    void should_GiveEveryKeycloakClientThePlatformsAudienceAndRoles_AndNoLiteralSecret() throws IOException {
        JsonNode realm = new ObjectMapper().readTree(HOME.resolve("deploy/keycloak/nqpf-realm.json").toFile());
        assertThat(realm.path("clients")).hasSize(6);
        for (JsonNode client : realm.path("clients")) {
            String id = client.path("clientId").asText();
            assertThat(client.path("secret").asText()).as(id).matches("\\$\\{NQPF_[A-Z_]+_SECRET}");
            List<String> mappers = new ArrayList<>();
            client.path("protocolMappers").forEach(m -> mappers.add(m.path("protocolMapper").asText() + ":"
                    + m.path("config").path("claim.name").asText(m.path("config").path("included.custom.audience")
                            .asText())));
            assertThat(mappers).as(id).contains("oidc-audience-mapper:nqpf", "oidc-hardcoded-claim-mapper:roles");
            if (id.startsWith("demo-portal")) {
                assertThat(mappers).as(id).contains("oidc-hardcoded-claim-mapper:tenant");
            }
        }
    }

    @Test
    void should_RunThreeKraftBrokersInCompose_WithTopicsOnThreeReplicasAndTwoInSync() throws IOException {
        String compose = Files.readString(HOME.resolve("docker-compose.yml"));
        List<String> nodeIds = new ArrayList<>();
        Matcher node = Pattern.compile("(?m)^\\s*NQPF_KAFKA_NODE_ID: \"(\\d+)\"").matcher(compose);
        while (node.find()) {
            nodeIds.add(node.group(1));
        }
        assertThat(nodeIds).as("broker node ids").containsExactly("1", "2", "3");
        assertThat(compose).contains("NQPF_KAFKA_VOTERS: 1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093");
        for (String broker : List.of("kafka-1", "kafka-2", "kafka-3")) {
            assertThat(compose).as(broker).containsPattern("(?m)^  " + broker + ":");
            assertThat(compose).as(broker + "'s own volume").contains("- " + broker + "-data:/var/lib/kafka/data");
        }
        // The services reach all three, so one broker down does not cut them off.
        assertThat(compose).contains("SPRING_KAFKA_BOOTSTRAP_SERVERS: kafka-1:19092,kafka-2:19092,kafka-3:19092");
        // kafka-setup makes the platform's topics; the brokers get the same figures for their own topics.
        String setup = compose.substring(compose.indexOf("\n  kafka-setup:\n"), compose.indexOf("\n  postgres:\n"));
        assertThat(setup).contains("NQPF_KAFKA_REPLICATION_FACTOR: \"3\"", "NQPF_KAFKA_MIN_INSYNC_REPLICAS: \"2\"");
        assertThat(compose.substring(compose.indexOf("\n  kafka-1:"), compose.indexOf("\n  kafka-2:")))
                .contains("NQPF_KAFKA_REPLICATION_FACTOR: \"3\"", "NQPF_KAFKA_MIN_INSYNC_REPLICAS: \"2\"");
        String start = Files.readString(HOME.resolve("deploy/kafka/start.sh"));
        assertThat(start).contains("offsets.topic.replication.factor=$rf", "transaction.state.log.min.isr=$isr",
                "default.replication.factor=$rf", "min.insync.replicas=$isr", "node.id=$NQPF_KAFKA_NODE_ID",
                "controller.quorum.voters=$NQPF_KAFKA_VOTERS");
    }

    @Test
    void should_TakeReplicationFromKafkaSetupsEnvironment_AndRefuseMoreInSyncReplicasThanReplicas() {
        KafkaIdentities compose = KafkaIdentities.fromEnvironment(java.util.Map.of(
                KafkaIdentities.REPLICATION_FACTOR, "3", KafkaIdentities.MIN_INSYNC_REPLICAS, "2"));
        assertThat(compose.replicationFactor()).isEqualTo((short) 3);
        assertThat(compose.minInsyncReplicas()).isEqualTo(2);
        KafkaIdentities embedded = KafkaIdentities.in(HOME.resolve("target").resolve("no-such-state"));
        assertThat(embedded.replicationFactor()).isEqualTo((short) 1);
        assertThat(embedded.minInsyncReplicas()).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> KafkaIdentities.fromEnvironment(java.util.Map.of(
                KafkaIdentities.REPLICATION_FACTOR, "1", KafkaIdentities.MIN_INSYNC_REPLICAS, "2")))
                .hasMessageContaining("no write could ever succeed");
    }
}

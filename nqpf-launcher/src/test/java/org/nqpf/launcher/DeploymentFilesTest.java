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
}

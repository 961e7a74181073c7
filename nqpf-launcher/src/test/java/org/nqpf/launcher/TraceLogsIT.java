package org.nqpf.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nqpf.launcher.Platform.Service;
import org.nqpf.testsupport.ApiClient;
import org.nqpf.testsupport.ApiClient.Response;
import org.nqpf.testsupport.Poll;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One observation posted through the gateway is followed in the services' JSON logs by one trace id: the gateway's
 * access line, indicator-service storing it, assessment-service assessing its cohort-period (after the outbox, Kafka
 * and the recompute marks) and roadmap-service planning it (after the outbox, Kafka and the planning marks), each
 * line with the request's correlation id from the baggage. The platform is the one users start, on a real broker and
 * database, with the 2023 demo cohort loaded so that a changed value changes assessments and roadmaps.
 */
class TraceLogsIT {

    private static final String ENTITY = "CN-62";
    private static final String INDICATOR = "RD_INTENSITY";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static Platform platform;
    static Path logs;
    static ApiClient api;

    @BeforeAll
    static void startPlatform() throws Exception {
        Path home = Path.of(System.getProperty("nqpf.home", "..")).toAbsolutePath().normalize();
        // Its own embedded PostgreSQL and broker, as ./nqpf up runs (the JVM's test database is PlatformE2EIT's).
        Path state = Files.createTempDirectory("nqpf-trace");
        logs = state.resolve("logs");
        Platform.Config config = Platform.Config.defaults(home)
                .withFreePorts()
                .withStateDir(state);
        platform = Platform.start(config);
        ClientCredentials steward = ClientCredentials.demo(platform.issuer(), "demo-steward");
        api = new ApiClient(platform.gatewayUrl()).withToken(steward);
        // One period of the demo cohort: enough for every province to be assessed and planned.
        List<DemoData.Row> rows = DemoData.rows(home.resolve("datasets").resolve("china-provinces")).stream()
                .filter(r -> r.period().equals("2023")).toList();
        assertThat(DemoData.load(platform.gatewayUrl(), rows, steward).get("rejected")).isZero();
        // Quiet before the traced observation: its recompute and planning must not be folded into the load's.
        api.awaitUntil("/api/v1/roadmaps/" + ENTITY,
                r -> r.status() == 200 && r.body().path("plan").path("strategy").path("cohortSize").asInt() == 31,
                Duration.ofMinutes(4));
        new ApiClient(platform.gatewayUrl()).withToken(ClientCredentials.demo(platform.issuer(), "demo-operator"))
                .awaitUntil("/api/v1/assessments/recompute-backlog", r -> r.body().path("pending").asInt() == 0,
                Duration.ofMinutes(2));
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void should_LogOneTraceIdInEveryService_When_OneObservationIsPostedThroughTheGateway() throws Exception {
        double current = api.getOk("/api/v1/observations?entity=" + ENTITY + "&indicator=" + INDICATOR
                + "&period=2023").get(0).path("value").asDouble();
        String correlationId = "trace-it-" + UUID.randomUUID();
        // A value far above the cohort's best: the entity's assessment and roadmap change.
        Response posted = api.request("POST", "/api/v1/observations").header("X-Correlation-Id", correlationId)
                .json(JSON.writeValueAsString(Map.of("observations", List.of(Map.of("entity", ENTITY,
                        "indicator", INDICATOR, "period", "2023", "value", current * 3 + 10, "source", "trace-it")))))
                .send();
        assertThat(posted.status()).isEqualTo(200);
        assertThat(posted.body().path("accepted").asInt()).isEqualTo(1);

        // The trace the gateway started for the request, from its access line.
        JsonNode access = awaitLine(Service.GATEWAY, l -> correlationId.equals(l.path("correlationId").asString(null))
                && l.path("message").asString("").startsWith("POST /api/v1/observations"));
        String traceId = access.path("traceId").asString(null);
        assertThat(traceId).as("the gateway's access line has a trace id: %s", access).matches("[0-9a-f]{32}");

        JsonNode stored = awaitLine(Service.INDICATOR, inTrace(traceId, "observations stored"));
        assertThat(stored.path("message").asString()).contains("1 accepted");
        JsonNode assessed = awaitLine(Service.ASSESSMENT, inTrace(traceId, "cohort-period"));
        assertThat(assessed.path("message").asString()).contains("CN-PROVINCES").contains("2023").contains("assessed");
        JsonNode planned = awaitLine(Service.ROADMAP, inTrace(traceId, "planned"));
        assertThat(planned.path("message").asString()).contains("CN-PROVINCES").contains("2023");
        // The correlation id came along as baggage, over HTTP, the outboxes, Kafka and both marks.
        for (JsonNode line : List.of(stored, assessed, planned)) {
            assertThat(line.path("correlationId").asString(null)).as("correlationId of %s", line)
                    .isEqualTo(correlationId);
            assertThat(line.path("spanId").asString(null)).matches("[0-9a-f]{16}");
        }

        // The launcher's log files stay one JSON object per line.
        for (Service service : List.of(Service.GATEWAY, Service.INDICATOR, Service.ASSESSMENT, Service.ROADMAP)) {
            for (String line : Files.readAllLines(log(service))) {
                assertThat(parse(line)).as("%s: a JSON object per line, got: %s", service.module(), line).isNotNull();
            }
        }
    }

    private static Predicate<JsonNode> inTrace(String traceId, String messageFragment) {
        return l -> traceId.equals(l.path("traceId").asString(null))
                && l.path("message").asString("").contains(messageFragment);
    }

    private static JsonNode awaitLine(Service service, Predicate<JsonNode> wanted) {
        return Poll.until("a log line of " + service.module(), Duration.ofMinutes(2), Duration.ofMillis(500),
                () -> lines(service).stream().filter(wanted).findFirst().orElse(null), l -> l != null);
    }

    private static List<JsonNode> lines(Service service) throws IOException {
        List<JsonNode> parsed = new ArrayList<>();
        for (String line : Files.readAllLines(log(service))) {
            JsonNode node = parse(line);
            if (node != null) {
                parsed.add(node);
            }
        }
        return parsed;
    }

    private static Path log(Service service) {
        return logs.resolve(service.module() + ".log");
    }

    private static JsonNode parse(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            return node != null && node.isObject() ? node : null;
        }
        catch (RuntimeException e) {
            return null;
        }
    }
}

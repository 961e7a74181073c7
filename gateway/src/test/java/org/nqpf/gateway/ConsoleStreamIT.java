package org.nqpf.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.nqpf.testsupport.ServiceTest;
import org.nqpf.testsupport.TestIdentity;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's live stream without a browser: who may open it (401 and 403 as problem+json), and that it asks the
 * services with the caller's own token and reports a service that does not answer as unavailable instead of failing.
 * Indicator and roadmap are stub servers; nothing listens on assessment's port.
 */
@ServiceTest
@AutoConfigureWebTestClient
class ConsoleStreamIT {

    private static final ParameterizedTypeReference<ServerSentEvent<String>> EVENTS = new ParameterizedTypeReference<>() {
    };

    static final StubService indicator = StubService.start("indicator-service");
    static final StubService roadmap = StubService.start("roadmap-service");
    static final String stoppedAssessment = StubService.stoppedUrl();
    static final TestIssuer issuer = TestIssuer.shared();
    static final JsonMapper json = JsonMapper.builder().build();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("nqpf.services.indicator", indicator::url);
        registry.add("nqpf.services.assessment", () -> stoppedAssessment);
        registry.add("nqpf.services.roadmap", roadmap::url);
        registry.add("nqpf.console.stream-interval", () -> "300ms");
        registry.add("nqpf.console.recent-interval", () -> "1s");
        issuer.register(registry);
    }

    @AfterAll
    static void stopStubs() {
        indicator.close();
        roadmap.close();
    }

    WebTestClient anonymous;

    @Autowired
    void client(WebTestClient client) {
        this.anonymous = client.mutate().responseTimeout(Duration.ofSeconds(30)).build();
    }

    @Test
    void should_Answer401ProblemWithBearerChallenge_When_StreamOpenedWithoutToken() {
        anonymous.get().uri("/console/api/stream").accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://nqpf.org/problems/unauthorized")
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.instance").isEqualTo("/console/api/stream");
    }

    @Test
    void should_Answer403ProblemNamingOperator_When_PortalAnalystOrStewardOpensTheStream() {
        int before = indicator.received.size();
        for (String role : new String[] {"PORTAL", "ANALYST", "STEWARD", "FEED"}) {
            anonymous.get().uri("/console/api/stream").accept(MediaType.TEXT_EVENT_STREAM)
                    .header(HttpHeaders.AUTHORIZATION, issuer.bearer("not-an-operator", role)).exchange()
                    .expectStatus().isForbidden()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type").isEqualTo("https://nqpf.org/problems/forbidden")
                    .jsonPath("$.status").isEqualTo(403)
                    .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("OPERATOR"));
        }
        // Refused before anything was asked of the services on the caller's behalf
        assertThat(indicator.received.subList(before, indicator.received.size()))
                .noneMatch(r -> r.uri().startsWith("/api/v1/operations"));
    }

    @Test
    void should_StreamStatusAskedWithTheOperatorsToken_AndMarkAStoppedServiceUnavailable() throws Exception {
        String bearer = issuer.bearer("console-operator", "OPERATOR");
        List<ServerSentEvent<String>> events = anonymous.get().uri("/console/api/stream")
                .accept(MediaType.TEXT_EVENT_STREAM).header(HttpHeaders.AUTHORIZATION, bearer).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
                .returnResult(EVENTS).getResponseBody()
                .takeUntil(new SeenBoth())
                .collectList().block(Duration.ofSeconds(30));

        assertThat(events).isNotNull();
        assertThat(events.get(0).event()).isEqualTo("hello");
        assertThat(json.readTree(events.get(0).data()).path("subject").asString()).isEqualTo("console-operator");

        JsonNode status = json.readTree(events.stream().filter(e -> "status".equals(e.event())).findFirst()
                .orElseThrow().data());
        assertThat(status.path("services")).hasSize(3);
        JsonNode ops = byService(status.path("operations"), "assessment-service");
        assertThat(ops.path("status").path("available").asBoolean()).isFalse();
        assertThat(ops.path("status").path("reason").asString()).contains("connection refused");
        assertThat(status.path("recomputeBacklog").path("available").asBoolean()).isFalse();
        JsonNode indicatorOps = byService(status.path("operations"), "indicator-service");
        assertThat(indicatorOps.path("status").path("available").asBoolean()).isTrue();
        assertThat(indicatorOps.path("key").asString()).isEqualTo("indicator");

        // Each service was asked as the caller: its own authorization decides what the operator sees
        assertThat(indicator.received).filteredOn(r -> r.uri().equals("/api/v1/operations/status"))
                .isNotEmpty().extracting(StubService.Received::authorization).containsOnly(bearer);
        assertThat(indicator.received).filteredOn(r -> r.uri().startsWith("/api/v1/operations/dead-letters"))
                .isNotEmpty().allSatisfy(r -> assertThat(r.uri()).contains("status=NEW"))
                .extracting(StubService.Received::authorization).containsOnly(bearer);
        assertThat(roadmap.received).filteredOn(r -> r.uri().equals("/api/v1/operations/status"))
                .extracting(StubService.Received::authorization).containsOnly(bearer);
        assertThat(indicator.received).filteredOn(r -> r.uri().equals("/actuator/metrics/nqpf.outbox.pending"))
                .extracting(StubService.Received::authorization).contains(bearer);

        JsonNode recent = json.readTree(events.stream().filter(e -> "recent".equals(e.event())).findFirst()
                .orElseThrow().data());
        // The cohorts came from the indicator stub, the rankings would come from the stopped assessment-service
        assertThat(recent.path("assessments")).isEmpty();
        assertThat(recent.path("at").isMissingNode()).isFalse();
    }

    @Test
    void should_EndTheStreamWithAnExpiredEvent_When_TheCallersTokenExpires() {
        String shortLived = TestIdentity.shared().mint("brief-operator", List.of("OPERATOR"), Duration.ofSeconds(3),
                "nqpf", false);
        long started = System.nanoTime();
        List<ServerSentEvent<String>> events = anonymous.get().uri("/console/api/stream")
                .accept(MediaType.TEXT_EVENT_STREAM).header(HttpHeaders.AUTHORIZATION, "Bearer " + shortLived)
                .exchange()
                .expectStatus().isOk()
                .returnResult(EVENTS).getResponseBody()
                .collectList().block(Duration.ofSeconds(30));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(25));
        assertThat(events).isNotNull().isNotEmpty();
        assertThat(events.get(events.size() - 1).event()).isEqualTo("expired");
        assertThat(events).extracting(ServerSentEvent::event).contains("hello", "status");
    }

    private static JsonNode byService(JsonNode operations, String service) {
        for (JsonNode o : operations) {
            if (service.equals(o.path("service").asString())) {
                return o;
            }
        }
        throw new AssertionError("no operations of " + service + " in " + operations);
    }

    /** True once both a status and a recent event arrived. */
    private static final class SeenBoth implements java.util.function.Predicate<ServerSentEvent<String>> {
        private final List<String> seen = new ArrayList<>();

        @Override
        public boolean test(ServerSentEvent<String> event) {
            seen.add(event.event());
            return seen.contains("status") && seen.contains("recent");
        }
    }
}

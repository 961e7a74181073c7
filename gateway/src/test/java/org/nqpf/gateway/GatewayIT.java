package org.nqpf.gateway;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.nqpf.web.ProblemTypes;
import reactor.core.publisher.Flux;

import org.nqpf.testsupport.ServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway in front of real HTTP servers standing in for the services: indicator and roadmap run, assessment is
 * stopped (nothing listens on its port); tokens come from a real issuer ({@link TestIssuer}). The routing tests call
 * as an OPERATOR; the security tests call with no token, other roles, and tokens the gateway must refuse.
 */
@ServiceTest
@AutoConfigureWebTestClient
class GatewayIT {

    private static final Pattern UUID_PATTERN =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final int LIMIT_BYTES = 64 * 1024;

    static final StubService indicator = StubService.start("indicator-service");
    static final StubService roadmap = StubService.start("roadmap-service");
    static final String stoppedAssessment = StubService.stoppedUrl();
    static final TestIssuer issuer = TestIssuer.shared();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("nqpf.services.indicator", indicator::url);
        registry.add("nqpf.services.assessment", () -> stoppedAssessment);
        registry.add("nqpf.services.roadmap", roadmap::url);
        registry.add("nqpf.gateway.max-request-size", () -> "64KB");
        issuer.register(registry);
    }

    @AfterAll
    static void stopStubs() {
        indicator.close();
        roadmap.close();
    }

    /** Calls as an OPERATOR (any role passes the gateway's API rule; OPERATOR also the console and actuator). */
    @Autowired
    RouteLocator routes;

    WebTestClient client;
    /** Calls without a token. */
    WebTestClient anonymous;

    // WebTestClient's default 5 s is the whole budget of a first request on a busy 2-core CI machine (a scrape once
    // timed out there); the routes' own time limits are what the tests assert, not the client's.
    @Autowired
    void client(WebTestClient client) {
        this.anonymous = client.mutate().responseTimeout(Duration.ofSeconds(30)).build();
        this.client = anonymous.mutate()
                .defaultHeader(HttpHeaders.AUTHORIZATION, issuer.bearer("gateway-it", "OPERATOR")).build();
    }

    private WebTestClient as(String subject, String... roles) {
        return anonymous.mutate().defaultHeader(HttpHeaders.AUTHORIZATION, issuer.bearer(subject, roles)).build();
    }

    @Test
    void should_ReachIndicatorService_When_CatalogPathRequested() {
        client.get().uri("/api/v1/indicators?framework=v1").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.service").isEqualTo("indicator-service")
                .jsonPath("$.path").isEqualTo("/api/v1/indicators");

        assertThat(indicator.received).anyMatch(r -> r.uri().equals("/api/v1/indicators?framework=v1"));
    }

    @Test
    void should_RouteBarePathsAndSubPaths_When_EachServiceOwnsThem() {
        for (String path : new String[] {"/api/v1/entities", "/api/v1/cohorts/c-1", "/api/v1/frameworks",
                "/api/v1/observations", "/api/v1/api-keys", "/api/v1/api-keys/k-1"}) {
            client.get().uri(path).exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.service").isEqualTo("indicator-service");
        }
        for (String path : new String[] {"/api/v1/roadmaps/region-7", "/api/v1/actions"}) {
            client.get().uri(path).exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.service").isEqualTo("roadmap-service");
        }
    }

    @Test
    void should_PassServiceProblemThroughUnchanged_When_ServiceAnswers404() {
        client.get().uri("/api/v1/entities/missing").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail").isEqualTo("No entity 'missing' in indicator-service")
                .jsonPath("$.instance").isEqualTo("/api/v1/entities/missing");
    }

    @Test
    void should_PassServiceErrorThroughAsIs_When_ServiceAnswers500() {
        client.get().uri("/api/v1/frameworks/broken").exchange()
                .expectStatus().isEqualTo(500)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail").isEqualTo("indicator-service failed on purpose");
    }

    @Test
    void should_Answer503NamingTheService_When_ServiceStopped_AndOtherRoutesKeepWorking() {
        long started = System.nanoTime();
        client.get().uri("/api/v1/assessments/region-7?period=2024").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists("X-Correlation-Id")
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://nqpf.org/problems/service-unavailable")
                .jsonPath("$.title").isEqualTo("Service Unavailable")
                .jsonPath("$.status").isEqualTo(503)
                .jsonPath("$.detail").value(detail -> assertThat((String) detail)
                        .contains("assessment-service is unavailable").contains("connection refused"))
                .jsonPath("$.instance").isEqualTo("/api/v1/assessments/region-7")
                .jsonPath("$.service").isEqualTo("assessment-service");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));

        client.post().uri("/api/v1/assessments/region-7/recompute").bodyValue("{}").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.instance").isEqualTo("/api/v1/assessments/region-7/recompute");

        client.get().uri("/api/v1/indicators").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.service").isEqualTo("indicator-service");
    }

    @Test
    void should_WaitForSlowAnswer_When_ServiceTakesLongerThanBreakerDefault() {
        client.get().uri("/api/v1/roadmaps/region-7/slow").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.slow").isEqualTo(true);
    }

    @Test
    void should_GenerateCorrelationId_AndForwardIt_When_RequestHasNone() {
        String id = client.get().uri("/api/v1/frameworks/generated-id").exchange()
                .expectStatus().isOk()
                .returnResult(String.class).getResponseHeaders().getFirst("X-Correlation-Id");

        assertThat(id).matches(UUID_PATTERN);
        assertThat(indicator.received)
                .filteredOn(r -> r.uri().equals("/api/v1/frameworks/generated-id"))
                .extracting(StubService.Received::correlationId).containsExactly(id);
    }

    @Test
    void should_KeepCorrelationId_AndForwardIt_When_RequestCarriesOne() {
        String given = "test-" + UUID.randomUUID();
        client.get().uri("/api/v1/frameworks/given-id").header("X-Correlation-Id", given).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Correlation-Id", given);

        assertThat(indicator.received)
                .filteredOn(r -> r.uri().equals("/api/v1/frameworks/given-id"))
                .extracting(StubService.Received::correlationId).containsExactly(given);
    }

    @Test
    void should_ReturnCorrelationId_When_GatewayAnswersWithFallbackOrError() {
        String given = "fallback-" + UUID.randomUUID();
        client.get().uri("/api/v1/assessments/x").header("X-Correlation-Id", given).exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals("X-Correlation-Id", given)
                .expectBody().jsonPath("$.correlationId").isEqualTo(given);

        client.get().uri("/no/such/api").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists("X-Correlation-Id");
    }

    @Test
    void should_AnswerInTheServicesProblemVocabulary_When_ClientAsksForAPathNoServiceHas() {
        client.get().uri("/api/v1/no-such-resource").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(ProblemTypes.BASE + "not-found")
                .jsonPath("$.status").isEqualTo(404)
                .jsonPath("$.instance").isEqualTo("/api/v1/no-such-resource");
    }

    @Test
    void should_ReplaceCorrelationId_When_SuppliedOneIsNotAPlainToken() {
        String id = client.get().uri("/api/v1/frameworks/bad-id").header("X-Correlation-Id", "not a token; {\"x\": 1}")
                .exchange()
                .expectStatus().isOk()
                .returnResult(String.class).getResponseHeaders().getFirst("X-Correlation-Id");
        assertThat(id).matches(UUID_PATTERN);
    }

    @Test
    void should_ForwardPostBody_When_WithinSizeLimit() {
        byte[] body = new byte[LIMIT_BYTES - 1];
        client.post().uri("/api/v1/observations").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isEqualTo(202)
                .expectBody().jsonPath("$.receivedBytes").isEqualTo(LIMIT_BYTES - 1);
    }

    @Test
    void should_Answer413_When_DeclaredBodyExceedsLimit() {
        int before = indicator.received.size();
        client.post().uri("/api/v1/observations").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(new byte[LIMIT_BYTES + 1]).exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists("X-Correlation-Id")
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://nqpf.org/problems/request-too-large")
                .jsonPath("$.status").isEqualTo(413)
                .jsonPath("$.maxRequestSize").isEqualTo(LIMIT_BYTES)
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("64KB"))
                .jsonPath("$.instance").isEqualTo("/api/v1/observations");
        assertThat(indicator.received.subList(before, indicator.received.size()))
                .noneMatch(r -> r.method().equals("POST") && r.bodyBytes() > LIMIT_BYTES);
    }

    @Test
    void should_Answer413_When_ChunkedBodyCrossesLimit() {
        DefaultDataBufferFactory buffers = DefaultDataBufferFactory.sharedInstance;
        Flux<DataBuffer> chunks = Flux.range(0, 9).map(i -> buffers.wrap(new byte[10 * 1024])); // 90KB, no length
        client.post().uri("/api/v1/observations").contentType(MediaType.APPLICATION_JSON)
                .body(BodyInserters.fromDataBuffers(chunks)).exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://nqpf.org/problems/request-too-large");
    }

    @Test
    void should_ServeEachServicesOpenApiDocument_When_ApiDocsRequested() {
        client.get().uri("/api-docs/indicator").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.info.title").isEqualTo("indicator-service");
        assertThat(indicator.received).anyMatch(r -> r.uri().equals("/v3/api-docs"));

        client.get().uri("/api-docs/assessment").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.service").isEqualTo("assessment-service");
    }

    @Test
    void should_ReportUpForRunningAndDownForStoppedService_When_ConsoleStatusAsked() {
        client.get().uri("/console/api/status").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.length()").isEqualTo(3)
                .jsonPath("$[?(@.service == 'indicator-service')].status").isEqualTo("UP")
                .jsonPath("$[?(@.service == 'indicator-service')].url").isEqualTo(indicator.url())
                .jsonPath("$[?(@.service == 'indicator-service')].outboxPending").isEqualTo(42)
                .jsonPath("$[?(@.service == 'roadmap-service')].outboxPending").isEqualTo((Object) null)
                .jsonPath("$[?(@.service == 'roadmap-service')].status").isEqualTo("UP")
                .jsonPath("$[?(@.service == 'assessment-service')].status").isEqualTo("DOWN")
                .jsonPath("$[?(@.service == 'assessment-service')].url").isEqualTo(stoppedAssessment);
    }

    @Test
    void should_ServeConsolePage_When_ConsoleOpened() {
        client.get().uri("/console").exchange()
                .expectStatus().isFound()
                .expectHeader().location("/console/index.html");
        client.get().uri("/console/index.html").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).value(html -> assertThat(html)
                        .contains("/console/api/status").contains("/actuator/health").contains("/api-docs/indicator")
                        .contains("/api/v1/roadmaps/CN-62/report?format=html"));
    }

    @Test
    void should_ReportGatewayUp_When_AServiceIsDown() {
        client.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    void should_ExposePrometheusMetrics_When_Scraped() {
        client.get().uri("/api/v1/indicators").exchange().expectStatus().isOk();
        client.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(text -> assertThat(text).contains("jvm_memory_used_bytes"));
    }

    @Test
    void should_Answer401ProblemWithBearerChallenge_When_ApiCalledWithoutToken() {
        int before = indicator.received.size();
        // Asked as a browser asks: still problem+json, never a login page or a redirect to one.
        anonymous.get().uri("/api/v1/indicators").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectHeader().exists("X-Correlation-Id")
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://nqpf.org/problems/unauthorized")
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.instance").isEqualTo("/api/v1/indicators");
        assertThat(indicator.received.subList(before, indicator.received.size()))
                .noneMatch(r -> r.uri().startsWith("/api/v1/indicators"));
    }

    @Test
    void should_Answer401ProblemNamingTheTokenError_When_TokenExpiredForeignOrForAnotherAudience() {
        for (String token : new String[] {issuer.expiredToken("late", "ANALYST"),
                issuer.tokenForAudience("someone-else", "stray", "ANALYST"),
                issuer.tokenSignedByAnotherKey("forger", "OPERATOR"), "not-a-jwt"}) {
            anonymous.get().uri("/api/v1/frameworks").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE,
                            challenge -> assertThat(challenge).startsWith("Bearer error=\"invalid_token\""))
                    .expectBody()
                    .jsonPath("$.type").isEqualTo("https://nqpf.org/problems/unauthorized");
        }
    }

    @Test
    void should_RelayAuthorizationHeaderUnchanged_When_AnyRoleCallsTheApi() {
        String bearer = issuer.bearer("portal-a", "PORTAL");
        anonymous.get().uri("/api/v1/entities/relayed").header(HttpHeaders.AUTHORIZATION, bearer).exchange()
                .expectStatus().isOk();
        assertThat(indicator.received).filteredOn(r -> r.uri().equals("/api/v1/entities/relayed"))
                .extracting(StubService.Received::authorization).containsExactly(bearer);
    }

    @Test
    void should_PassApiKeyIngestToIndicatorService_When_FeedSendsKeyWithoutToken() {
        anonymous.post().uri("/api/v1/observations").header("X-Api-Key", "nqpf_feed7_s3cret")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isEqualTo(202);
        anonymous.post().uri("/api/v1/imports").header("X-Api-Key", "nqpf_feed7_s3cret")
                .contentType(MediaType.parseMediaType("text/csv")).bodyValue("a,b\n").exchange()
                .expectStatus().isEqualTo(202);
        assertThat(indicator.received).filteredOn(r -> "nqpf_feed7_s3cret".equals(r.apiKey()))
                .extracting(StubService.Received::uri).contains("/api/v1/observations", "/api/v1/imports");
    }

    @Test
    void should_Answer401_When_ApiKeyIsSentAnywhereButTheIngestPosts() {
        anonymous.get().uri("/api/v1/observations").header("X-Api-Key", "nqpf_feed7_s3cret").exchange()
                .expectStatus().isUnauthorized();
        anonymous.post().uri("/api/v1/entities").header("X-Api-Key", "nqpf_feed7_s3cret")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isUnauthorized();
        anonymous.get().uri("/api/v1/imports/42").header("X-Api-Key", "nqpf_feed7_s3cret").exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void should_RefuseActuatorOtherThanHealth_When_CallerIsNotOperator() {
        anonymous.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        as("analyst", "ANALYST", "STEWARD").get().uri("/actuator/metrics").exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://nqpf.org/problems/forbidden")
                .jsonPath("$.status").isEqualTo(403)
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("OPERATOR"));
        as("operator", "OPERATOR").get().uri("/actuator/metrics").exchange().expectStatus().isOk();

        anonymous.get().uri("/actuator/health").exchange().expectStatus().isOk();
        anonymous.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
    }

    @Test
    void should_RouteEachServicesOperationsApiToIt_ForOperatorsOnly() {
        client.get().uri("/api/v1/operations/indicator/status").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.service").isEqualTo("indicator-service")
                .jsonPath("$.path").isEqualTo("/api/v1/operations/status");
        client.post().uri("/api/v1/operations/roadmap/dead-letters/replay").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"ids\": [1]}").exchange()
                .expectStatus().isAccepted()
                .expectBody().jsonPath("$.service").isEqualTo("roadmap-service");
        assertThat(roadmap.received).anyMatch(r -> r.method().equals("POST")
                && r.uri().equals("/api/v1/operations/dead-letters/replay"));
        client.get().uri("/api/v1/operations/roadmap/dead-letters?status=NEW").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.path").isEqualTo("/api/v1/operations/dead-letters");
        assertThat(roadmap.received).anyMatch(r -> r.uri().equals("/api/v1/operations/dead-letters?status=NEW"));
        client.get().uri("/api/v1/operations/assessment/status").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail)
                        .contains("assessment-service"));

        anonymous.get().uri("/api/v1/operations/indicator/status").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        for (String role : new String[] {"STEWARD", "ANALYST", "PORTAL", "FEED"}) {
            as("not-an-operator", role).post().uri("/api/v1/operations/indicator/dead-letters/replay")
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"ids\": [1]}").exchange()
                    .expectStatus().isForbidden()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        assertThat(indicator.received).noneMatch(r -> r.uri().startsWith("/api/v1/operations/dead-letters"));
    }

    @Test
    void should_RefuseConsoleStatus_When_CallerIsNotOperator_AndServeThePageToAnyone() {
        anonymous.get().uri("/console/api/status").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        as("portal-a", "PORTAL").get().uri("/console/api/status").exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("https://nqpf.org/problems/forbidden");

        anonymous.get().uri("/console/index.html").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(html -> assertThat(html).contains("sessionStorage")
                        .contains("Authorization"));
    }

    @Test
    void should_ServeOpenApiDocuments_When_CallerHasNoToken() {
        anonymous.get().uri("/api-docs/indicator").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.info.title").isEqualTo("indicator-service");
    }

    @Test
    void should_Answer431_When_RequestHeadersExceed16KB() {
        client.get().uri("/api/v1/indicators").header("X-Padding", "x".repeat(17 * 1024)).exchange()
                .expectStatus().isEqualTo(431)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://nqpf.org/problems/request-header-fields-too-large")
                .jsonPath("$.status").isEqualTo(431)
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("16KB"));
        client.get().uri("/api/v1/indicators").header("X-Padding", "x".repeat(12 * 1024)).exchange()
                .expectStatus().isOk();
    }

    @Test
    void should_GiveEveryRouteItsOwnResponseTimeout_ShorterForQueriesThanForBatches() {
        Map<String, Object> timeouts = new HashMap<>();
        routes.getRoutes().doOnNext(route -> timeouts.put(route.getId(),
                route.getMetadata().get(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR))).blockLast(Duration.ofSeconds(10));
        assertThat(timeouts).doesNotContainValue(null);
        assertThat(timeouts).containsEntry("indicator-service-batches", 60000)
                .containsEntry("indicator-service-imports", 60000)
                .containsEntry("indicator-service", 30000)
                .containsEntry("assessment-service", 30000)
                .containsEntry("roadmap-service", 30000)
                .containsEntry("roadmap-service-api-docs", 10000)
                .containsEntry("indicator-service-operations", 30000)
                .containsEntry("assessment-service-operations", 30000)
                .containsEntry("roadmap-service-operations", 30000);
    }
}

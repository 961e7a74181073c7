package org.nqpf.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every rate limiter store must do, run by one IT per store (memory, Redis, Redis down): with a limit of 1
 * request per second and bursts of 3, a client that sends more gets 429 problem+json with Retry-After and the
 * limiter's headers, while another client is still served. Each test uses fresh client names, so runs against a
 * shared Redis never meet an earlier run's buckets.
 */
abstract class RateLimitITSupport {

    static final int BURST = 3;
    /** Enough requests to use up a burst of 3 even if each took a second to answer. */
    static final int ATTEMPTS = 12;

    static final TestIssuer issuer = TestIssuer.shared();

    static void register(DynamicPropertyRegistry registry, StubService indicator, String store) {
        registry.add("nqpf.services.indicator", indicator::url);
        registry.add("nqpf.services.assessment", StubService::stoppedUrl);
        registry.add("nqpf.services.roadmap", StubService::stoppedUrl);
        registry.add("nqpf.gateway.rate-limit.store", () -> store);
        registry.add("nqpf.gateway.rate-limit.replenish-rate", () -> "1");
        registry.add("nqpf.gateway.rate-limit.burst-capacity", () -> Integer.toString(BURST));
        issuer.register(registry);
    }

    WebTestClient anonymous;

    /** The stand-in for indicator-service that the subclass started. */
    abstract StubService indicator();

    @Autowired
    void client(WebTestClient client) {
        this.anonymous = client.mutate().responseTimeout(Duration.ofSeconds(30)).build();
    }

    WebTestClient as(String subject, String... roles) {
        return anonymous.mutate().defaultHeader(HttpHeaders.AUTHORIZATION, issuer.bearer(subject, roles)).build();
    }

    static String fresh(String name) {
        return name + "-" + UUID.randomUUID();
    }

    /** Sends the same GET {@link #ATTEMPTS} times, stopping at the first refusal. */
    static List<EntityExchangeResult<byte[]>> untilRefused(WebTestClient client, String path) {
        List<EntityExchangeResult<byte[]>> results = new ArrayList<>();
        for (int i = 0; i < ATTEMPTS; i++) {
            EntityExchangeResult<byte[]> result = client.get().uri(path).exchange().expectBody().returnResult();
            results.add(result);
            if (result.getStatus().value() == 429) {
                break;
            }
        }
        return results;
    }

    static EntityExchangeResult<byte[]> refusal(List<EntityExchangeResult<byte[]>> results) {
        EntityExchangeResult<byte[]> last = results.get(results.size() - 1);
        assertThat(last.getStatus().value()).as("a refusal within %d requests", ATTEMPTS).isEqualTo(429);
        return last;
    }

    @Test
    void should_Answer429ProblemWithRetryAfter_When_ClientExceedsItsLimit_WhileAnotherClientIsServed() {
        String greedy = fresh("greedy");
        List<EntityExchangeResult<byte[]>> results = untilRefused(as(greedy, "ANALYST"),
                "/api/v1/indicators?client=" + greedy);
        assertThat(results.subList(0, BURST)).as("a fresh client's burst")
                .allSatisfy(r -> assertThat(r.getStatus().value()).isEqualTo(200));

        EntityExchangeResult<byte[]> refused = refusal(results);
        HttpHeaders headers = refused.getResponseHeaders();
        assertThat(headers.getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(headers.getFirst(HttpHeaders.RETRY_AFTER)).as("Retry-After").isNotNull()
                .satisfies(seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 3L));
        assertThat(headers.getFirst("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(headers.getFirst("X-RateLimit-Replenish-Rate")).isEqualTo("1");
        assertThat(headers.getFirst("X-RateLimit-Burst-Capacity")).isEqualTo(Integer.toString(BURST));
        assertThat(headers.getFirst("X-Correlation-Id")).isNotBlank();
        String body = new String(refused.getResponseBody(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(body).contains("\"type\":\"https://nqpf.org/problems/too-many-requests\"")
                .contains("\"status\":429")
                .contains("1 requests per second with bursts of " + BURST)
                .contains("\"instance\":\"/api/v1/indicators\"");
        assertThat(indicator().received).as("only the allowed requests reached the service")
                .filteredOn(r -> r.uri().equals("/api/v1/indicators?client=" + greedy)).hasSize(results.size() - 1);

        as(fresh("patient"), "ANALYST").get().uri("/api/v1/indicators").exchange()
                .expectStatus().isOk()
                .expectHeader().exists("X-RateLimit-Remaining");
    }

    @Test
    void should_CountApiKeyCallsAgainstTheKeyIdNotTheSecret() {
        String keyId = "feed" + UUID.randomUUID().toString().substring(0, 8);
        int status = 0;
        for (int i = 0; i < ATTEMPTS && status != 429; i++) {
            // A new secret each time: were the secret the key, every call would start a fresh bucket.
            status = anonymous.post().uri("/api/v1/observations").header("X-Api-Key", "nqpf_" + keyId + "_secret" + i)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                    .expectBody().returnResult().getStatus().value();
        }
        assertThat(status).as("the key id's bucket ran out").isEqualTo(429);

        anonymous.post().uri("/api/v1/observations").header("X-Api-Key", "nqpf_other" + keyId + "_secret")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isEqualTo(202);
    }
}

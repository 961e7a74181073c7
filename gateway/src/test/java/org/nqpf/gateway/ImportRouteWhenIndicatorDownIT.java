package org.nqpf.gateway;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.nqpf.testsupport.ServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/** The import route while indicator-service is stopped (nothing listens on its port). */
@ServiceTest
@AutoConfigureWebTestClient
class ImportRouteWhenIndicatorDownIT {

    private static final MediaType CSV = MediaType.parseMediaType("text/csv");

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("nqpf.services.indicator", StubService::stoppedUrl);
        registry.add("nqpf.services.assessment", StubService::stoppedUrl);
        registry.add("nqpf.services.roadmap", StubService::stoppedUrl);
        registry.add("nqpf.gateway.max-import-size", () -> "64MB");
        TestIssuer.shared().register(registry);
    }

    WebTestClient client;

    @Autowired
    void client(WebTestClient client) {
        this.client = client.mutate()
                .defaultHeader(HttpHeaders.AUTHORIZATION, TestIssuer.shared().bearer("import-it", "STEWARD")).build();
    }

    @Test
    void should_Answer503NamingIndicatorService_When_ImportFilePostedWhileItIsStopped() {
        // Larger than the 16MB request limit, so only the import route's limit lets it through to the breaker.
        byte[] file = new byte[20 * 1024 * 1024];
        long started = System.nanoTime();
        client.mutate().responseTimeout(Duration.ofSeconds(30)).build()
                .post().uri("/api/v1/imports").contentType(CSV).bodyValue(file).exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists("X-Correlation-Id")
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://nqpf.org/problems/service-unavailable")
                .jsonPath("$.status").isEqualTo(503)
                .jsonPath("$.service").isEqualTo("indicator-service")
                .jsonPath("$.instance").isEqualTo("/api/v1/imports")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail)
                        .contains("indicator-service is unavailable").contains("POST /api/v1/imports"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void should_Answer503_When_ChunkedImportPostedOrJobReadWhileItIsStopped() {
        Flux<DataBuffer> chunks = Flux.range(0, 32).map(i -> DefaultDataBufferFactory.sharedInstance
                .wrap(new byte[64 * 1024]));
        client.post().uri("/api/v1/imports").contentType(CSV).body(BodyInserters.fromDataBuffers(chunks)).exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.service").isEqualTo("indicator-service");

        client.get().uri("/api/v1/imports/42").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.service").isEqualTo("indicator-service")
                .jsonPath("$.instance").isEqualTo("/api/v1/imports/42");
    }
}

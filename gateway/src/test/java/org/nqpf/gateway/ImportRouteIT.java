package org.nqpf.gateway;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.nqpf.testsupport.Poll;
import org.nqpf.testsupport.ServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
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

/**
 * The import route ({@code /api/v1/imports}) in front of a real HTTP server standing in for indicator-service: its
 * own size limit, far above the other routes', and a body that streams through rather than being gathered first.
 */
@ServiceTest
@AutoConfigureWebTestClient
class ImportRouteIT {

    private static final int REQUEST_LIMIT = 64 * 1024;
    private static final int IMPORT_LIMIT = 1024 * 1024;
    private static final MediaType CSV = MediaType.parseMediaType("text/csv");

    static final StubService indicator = StubService.start("indicator-service");

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("nqpf.services.indicator", indicator::url);
        registry.add("nqpf.services.assessment", StubService::stoppedUrl);
        registry.add("nqpf.services.roadmap", StubService::stoppedUrl);
        registry.add("nqpf.gateway.max-request-size", () -> "64KB");
        registry.add("nqpf.gateway.max-import-size", () -> "1MB");
        TestIssuer.shared().register(registry);
    }

    /** A steward's token: imports need an authenticated caller at the gateway. */
    private static final String BEARER = TestIssuer.shared().bearer("import-it", "STEWARD");

    @AfterAll
    static void stopStub() {
        indicator.close();
    }

    WebTestClient client;

    @Autowired
    void client(WebTestClient client) {
        this.client = client.mutate().defaultHeader(HttpHeaders.AUTHORIZATION, BEARER).build();
    }

    @LocalServerPort
    int port;

    @Test
    void should_StreamImportBodyToService_When_ServiceReadsBeforeClientFinishes() throws Exception {
        assertThat(upload(indicator.url(), true)).as("the stub reads as bytes arrive").startsWith("HTTP/1.1 202");
        assertThat(upload("http://localhost:" + port, false)).startsWith("HTTP/1.1 202");
        assertThat(upload("http://localhost:" + port, true)).startsWith("HTTP/1.1 202");
    }

    /**
     * Uploads 8 chunks of 64KB (512KB: above the 64KB request limit, within the 1MB import limit), each sent only
     * once the service has read the ones before: a gateway that gathered the body before forwarding it would never
     * let the service read anything, and the upload would stall. Returns the status line.
     */
    private static String upload(String base, boolean chunked) throws Exception {
        int chunk = 64 * 1024;
        long before = indicator.streamedBytes.get();
        URI uri = URI.create(base);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/imports HTTP/1.1\r\nHost: " + uri.getHost() + "\r\nContent-Type: text/csv\r\n"
                    + (chunked ? "Transfer-Encoding: chunked" : "Content-Length: " + 8 * chunk)
                    + "\r\nAuthorization: " + BEARER + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 8; i++) {
                awaitStreamed(before + (long) i * chunk, chunked);
                if (chunked) {
                    out.write((Integer.toHexString(chunk) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                }
                out.write(new byte[chunk]);
                if (chunked) {
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
            }
            if (chunked) {
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).contains("\"receivedBytes\":" + 8 * chunk);
            return response;
        }
    }

    @Test
    void should_ForwardImportFile_When_LargerThanRequestLimitButWithinImportLimit() {
        client.post().uri("/api/v1/imports").contentType(CSV).bodyValue(new byte[IMPORT_LIMIT]).exchange()
                .expectStatus().isEqualTo(202)
                .expectBody().jsonPath("$.receivedBytes").isEqualTo(IMPORT_LIMIT);
    }

    @Test
    void should_Answer413NamingImportLimit_When_ImportFileExceedsIt() {
        client.post().uri("/api/v1/imports").contentType(CSV).bodyValue(new byte[IMPORT_LIMIT + 1]).exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://nqpf.org/problems/request-too-large")
                .jsonPath("$.maxRequestSize").isEqualTo(IMPORT_LIMIT)
                .jsonPath("$.detail").value(detail -> assertThat((String) detail)
                        .contains("1MB").contains("nqpf.gateway.max-import-size"))
                .jsonPath("$.instance").isEqualTo("/api/v1/imports");
    }

    @Test
    void should_Answer413_When_ChunkedImportCrossesImportLimit() {
        Flux<DataBuffer> chunks = Flux.range(0, 17).map(i -> DefaultDataBufferFactory.sharedInstance
                .wrap(new byte[64 * 1024])); // 1088KB, no length
        client.post().uri("/api/v1/imports").contentType(CSV).body(BodyInserters.fromDataBuffers(chunks)).exchange()
                .expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.maxRequestSize").isEqualTo(IMPORT_LIMIT);
    }

    @Test
    void should_KeepRequestLimit_When_BodyGoesToAnyOtherRoute() {
        client.post().uri("/api/v1/observations").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(new byte[REQUEST_LIMIT + 1]).exchange()
                .expectStatus().isEqualTo(413)
                .expectBody()
                .jsonPath("$.maxRequestSize").isEqualTo(REQUEST_LIMIT)
                .jsonPath("$.detail").value(detail -> assertThat((String) detail)
                        .contains("nqpf.gateway.max-request-size"));
        // A path that only starts like the import route is not one.
        client.post().uri("/api/v1/importsx").contentType(CSV).bodyValue(new byte[REQUEST_LIMIT + 1]).exchange()
                .expectStatus().isEqualTo(413);
    }

    @Test
    void should_RouteBareAndSubPathsOfImports_When_JobsAreRead() {
        for (String path : new String[] {"/api/v1/imports", "/api/v1/imports/42", "/api/v1/imports/42/rejections"}) {
            client.get().uri(path + "?limit=5").exchange()
                    .expectStatus().isOk()
                    .expectBody()
                    .jsonPath("$.service").isEqualTo("indicator-service")
                    .jsonPath("$.path").isEqualTo(path);
        }
        assertThat(indicator.received).anyMatch(r -> r.uri().equals("/api/v1/imports/42/rejections?limit=5"));
    }

    private static void awaitStreamed(long bytes, boolean chunked) {
        Poll.until("the service reading " + bytes + " bytes (chunked: " + chunked + "); a gateway holding the body back"
                + " never lets it", Duration.ofSeconds(10), Duration.ofMillis(5), indicator.streamedBytes::get,
                read -> read >= bytes);
    }
}

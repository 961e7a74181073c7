package org.nqpf.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.nqpf.testsupport.HttpStubs.respond;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client every service test uses, against a real HTTP server that answers the way the services do. */
class ApiClientTest {

    private static HttpServer server;
    private static ApiClient api;
    private static final AtomicInteger polls = new AtomicInteger();

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/echo", ex -> respond(ex, 200, "application/json",
                "{\"method\":\"" + ex.getRequestMethod() + "\",\"type\":\"" + ex.getRequestHeaders().getFirst("Content-Type")
                        + "\",\"body\":" + new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8) + "}"));
        server.createContext("/missing", ex -> respond(ex, 404, "application/problem+json",
                "{\"type\":\"about:blank\",\"status\":404,\"detail\":\"no such thing\"}"));
        server.createContext("/plain-404", ex -> respond(ex, 404, "text/plain", "nothing"));
        server.createContext("/counter", ex -> respond(ex, 200, "application/json",
                "{\"count\":" + polls.incrementAndGet() + "}"));
        server.start();
        api = new ApiClient("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @Test
    void should_SendJsonAndReadItBack_AsTreeAndAsPlainValues() {
        ApiClient.Response r = api.postJson("/echo", java.util.Map.of("value", 2.5));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().path("method").asString()).isEqualTo("POST");
        assertThat(r.body().path("type").asString()).isEqualTo("application/json");
        assertThat(r.body().path("body").path("value").asDouble()).isEqualTo(2.5);
        assertThat(r.map()).containsEntry("method", "POST");
    }

    @Test
    void should_ReturnErrorStatusesRatherThanThrow_And_RecogniseAProblem() {
        ApiClient.Response missing = api.get("/missing");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.problemJson()).isTrue();
        assertThat(missing.assertProblem(404).path("detail").asString()).isEqualTo("no such thing");
        assertThatThrownBy(() -> missing.assertProblem(400)).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> api.get("/plain-404").assertProblem(404)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("text/plain");
        assertThatThrownBy(() -> api.getOk("/missing")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("GET").hasMessageContaining("/missing").hasMessageContaining("404");
    }

    @Test
    void should_PollUntilTheAnswerShowsTheCondition_And_SayWhatItLastSaw_When_ItNeverDoes() {
        int start = polls.get();
        ApiClient.Response third = api.awaitUntil("/counter", r -> r.body().path("count").asInt() >= start + 3,
                Duration.ofSeconds(10), Duration.ofMillis(10));
        assertThat(third.body().path("count").asInt()).isEqualTo(start + 3);

        assertThatThrownBy(() -> api.awaitUntil("/counter", r -> false, Duration.ofMillis(100), Duration.ofMillis(10)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("/counter").hasMessageContaining("count");
        assertThatThrownBy(() -> api.awaitUntil("/missing", r -> true, Duration.ofMillis(100), Duration.ofMillis(10)))
                .as("a 404 never satisfies the wait").isInstanceOf(AssertionError.class);
    }

    @Test
    void should_GiveTheLastValue_When_AskedNotToFail() {
        AtomicInteger reads = new AtomicInteger();
        Integer last = Poll.untilOrLast(Duration.ofMillis(100), Duration.ofMillis(10), reads::incrementAndGet,
                n -> false);
        assertThat(last).isEqualTo(reads.get()).isPositive();
        Integer none = Poll.<Integer>untilOrLast(Duration.ofMillis(50), Duration.ofMillis(10), () -> {
            throw new IllegalStateException("not yet");
        }, n -> true);
        assertThat(none).as("every read failed").isNull();
    }
}

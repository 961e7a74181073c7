package org.nqpf.gateway;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.nqpf.testsupport.Poll;
import org.nqpf.testsupport.ServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Redis store while Redis does not answer: the limiter points at a port where nothing listens. Limits still hold
 * (the shared tests pass on the in-memory fallback), the fallback is counted, and once a Redis starts on that port
 * the limiter uses it again.
 */
@ServiceTest
@AutoConfigureWebTestClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RateLimitRedisDownIT extends RateLimitITSupport {

    static final StubService indicator = StubService.start("indicator-service");
    static final int redisPort = freePort();
    static Process redisServer;

    @Override
    StubService indicator() {
        return indicator;
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        register(registry, indicator, "redis");
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", () -> Integer.toString(redisPort));
        registry.add("nqpf.gateway.rate-limit.redis-retry-interval", () -> "200ms");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        indicator.close();
        if (redisServer != null) {
            redisServer.destroy();
            redisServer.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Autowired
    MeterRegistry meters;

    @Autowired
    ReactiveStringRedisTemplate redis;

    double fallbacks() {
        return meters.counter("nqpf.gateway.rate.limit.fallback").count();
    }

    @Test
    void should_StillLimitInMemory_AndCountTheFallback_When_RedisDoesNotAnswer() {
        double before = fallbacks();
        refusal(untilRefused(as(fresh("during-outage"), "ANALYST"), "/api/v1/indicators"));
        assertThat(fallbacks()).as("requests decided in memory").isGreaterThanOrEqualTo(before + BURST + 1);

        as(fresh("operator"), "OPERATOR").get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(text -> assertThat(text)
                        .containsPattern("nqpf_gateway_rate_limit_fallback_total(\\{[^}]*})? [1-9]"));
    }

    @Test
    @Order(Integer.MAX_VALUE) // last: the other tests need Redis down
    void should_ReturnToRedis_When_ItAnswersAgain() throws IOException {
        as(fresh("before-redis"), "ANALYST").get().uri("/api/v1/indicators").exchange().expectStatus().isOk();
        assertThat(fallbacks()).isPositive();

        redisServer = new ProcessBuilder("redis-server", "--port", Integer.toString(redisPort), "--bind",
                "127.0.0.1", "--save", "", "--appendonly", "no")
                .redirectErrorStream(true).redirectOutput(new File("target/redis-" + redisPort + ".log")).start();

        String subject = fresh("after-redis");
        WebTestClient client = as(subject, "ANALYST");
        // Calls keep coming; once Redis answers, a call leaves no fallback count behind.
        Poll.until("the limiter deciding in Redis again", Duration.ofSeconds(20), Duration.ofMillis(300), () -> {
            double counted = fallbacks();
            client.get().uri("/api/v1/indicators").exchange().expectStatus().isOk();
            return fallbacks() == counted;
        }, back -> back);
        refusal(untilRefused(client, "/api/v1/indicators"));
        assertThat(redis.hasKey("request_rate_limiter.{gateway.sub:" + subject + "}.tokens")
                .block(Duration.ofSeconds(5))).as("the bucket in the Redis that came up").isTrue();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

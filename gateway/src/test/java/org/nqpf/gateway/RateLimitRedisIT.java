package org.nqpf.gateway;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.nqpf.testsupport.ServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The rate limit with the Redis store, on the real Redis at localhost:6379 (as in docker compose). */
@ServiceTest
@AutoConfigureWebTestClient
class RateLimitRedisIT extends RateLimitITSupport {

    static final StubService indicator = StubService.start("indicator-service");

    @Override
    StubService indicator() {
        return indicator;
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        register(registry, indicator, "redis");
        registry.add("spring.data.redis.host", () -> "localhost");
        registry.add("spring.data.redis.port", () -> "6379");
    }

    @AfterAll
    static void stopStub() {
        indicator.close();
    }

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Autowired
    MeterRegistry meters;

    @Test
    void should_KeepTheClientsBucketInRedis_AndNeverFallBack_When_RedisAnswers() {
        String subject = fresh("shared");
        as(subject, "ANALYST").get().uri("/api/v1/indicators").exchange().expectStatus().isOk();
        as(subject, "ANALYST").get().uri("/api-docs/indicator").exchange().expectStatus().isOk();

        // One bucket per client across routes (not one per route), under the key Spring Cloud Gateway's
        // RedisRateLimiter uses; 1 token left, or 2 when Redis's clock ticked a second in between.
        String tokens = redis.opsForValue().get("request_rate_limiter.{gateway.sub:" + subject + "}.tokens")
                .block(Duration.ofSeconds(5));
        assertThat(tokens).as("the bucket in Redis after two calls on two routes").isIn("1", "2");
        assertThat(meters.counter("nqpf.gateway.rate.limit.fallback").count()).isZero();
    }
}

package org.nqpf.gateway.limits;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.data.redis.RedisConnectionFailureException;

import static org.assertj.core.api.Assertions.assertThat;

class ClientRateLimiterTest {

    /**
     * Stands in for the stock RedisRateLimiter over {@link FailureReportingRedisTemplate}: while down it does what
     * the stock one does with a failed call (allows the request) after the template reported the failure.
     */
    static final class FlakyRedis extends RedisRateLimiter {

        volatile boolean down = true;
        final AtomicInteger calls = new AtomicInteger();

        FlakyRedis() {
            super(1, 2);
        }

        @Override
        public Mono<Response> isAllowed(String routeId, String id) {
            calls.incrementAndGet();
            if (!down) {
                return Mono.just(new Response(true, Map.of("X-RateLimit-Remaining", "1")));
            }
            return Mono.deferContextual(context -> {
                context.<AtomicReference<Throwable>>get(FailureReportingRedisTemplate.FAILURE)
                        .set(new RedisConnectionFailureException("Unable to connect to Redis"));
                return Mono.just(new Response(true, Map.of("X-RateLimit-Remaining", "-1")));
            });
        }
    }

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final FlakyRedis redis = new FlakyRedis();

    private ClientRateLimiter limiter(Duration retryInterval) {
        return new ClientRateLimiter(new RateLimitSettings(RateLimitSettings.Store.REDIS, 1, 2, 100,
                Duration.ofMillis(500), retryInterval), redis, meters);
    }

    private double fallbacks() {
        return meters.counter(ClientRateLimiter.FALLBACK_METER).count();
    }

    @Test
    void should_LimitInMemoryWithTheSameLimits_AndCountIt_When_RedisFails() {
        ClientRateLimiter limiter = limiter(Duration.ZERO);
        assertThat(limiter.isAllowed("any-route", "sub:a").block().isAllowed()).isTrue();
        assertThat(limiter.isAllowed("any-route", "sub:a").block().isAllowed()).isTrue();
        assertThat(limiter.isAllowed("any-route", "sub:a").block().isAllowed())
                .as("the burst of 2 is used up, though the stock limiter would have allowed it").isFalse();
        assertThat(fallbacks()).isEqualTo(3);
        assertThat(limiter.inOutage()).isTrue();
    }

    @Test
    void should_ReturnToRedis_When_ItAnswersAgain() {
        ClientRateLimiter limiter = limiter(Duration.ZERO);
        limiter.isAllowed("r", "sub:a").block();
        redis.down = false;
        assertThat(limiter.isAllowed("r", "sub:a").block().getHeaders()).containsEntry("X-RateLimit-Remaining", "1");
        assertThat(limiter.inOutage()).isFalse();
        assertThat(fallbacks()).isEqualTo(1);
    }

    @Test
    void should_AskRedisOnlyOncePerRetryInterval_While_ItFails() {
        ClientRateLimiter limiter = limiter(Duration.ofHours(1));
        for (int i = 0; i < 5; i++) {
            limiter.isAllowed("r", "sub:" + i).block();
        }
        assertThat(redis.calls).as("the first call found Redis down; the rest waited for the retry").hasValue(1);
        assertThat(fallbacks()).isEqualTo(5);
    }

    @Test
    void should_KeepOneBucketPerClientAcrossRoutes() {
        ClientRateLimiter limiter = new ClientRateLimiter(new RateLimitSettings(RateLimitSettings.Store.MEMORY, 1, 2,
                100, Duration.ofMillis(500), Duration.ofSeconds(1)), null, meters);
        assertThat(limiter.isAllowed("indicator-service", "sub:a").block().isAllowed()).isTrue();
        assertThat(limiter.isAllowed("roadmap-service", "sub:a").block().isAllowed()).isTrue();
        assertThat(limiter.isAllowed("assessment-service", "sub:a").block().isAllowed()).isFalse();
        assertThat(redis.calls).hasValue(0);
    }
}

package org.nqpf.gateway.limits;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryRateLimiterTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    private boolean allowed(InMemoryRateLimiter limiter, String id) {
        RateLimiter.Response response = limiter.isAllowed("gateway", id).block();
        return response.isAllowed();
    }

    private void advanceMillis(long millis) {
        nanos.addAndGet(millis * 1_000_000L);
    }

    @Test
    void should_AllowABurst_ThenRefuse_ThenRefillAtTheReplenishRate() {
        InMemoryRateLimiter limiter = new InMemoryRateLimiter(2, 4, 100, nanos::get);
        for (int i = 0; i < 4; i++) {
            assertThat(allowed(limiter, "a")).as("request %d of the burst", i + 1).isTrue();
        }
        assertThat(allowed(limiter, "a")).isFalse();
        assertThat(allowed(limiter, "b")).as("another client has its own bucket").isTrue();

        advanceMillis(499);
        assertThat(allowed(limiter, "a")).as("just under one token back").isFalse();
        advanceMillis(1);
        assertThat(allowed(limiter, "a")).as("one token after 1/2 s at 2 per second").isTrue();
        assertThat(allowed(limiter, "a")).isFalse();

        advanceMillis(60_000);
        for (int i = 0; i < 4; i++) {
            assertThat(allowed(limiter, "a")).isTrue();
        }
        assertThat(allowed(limiter, "a")).as("never more than the burst, however long the pause").isFalse();
    }

    @Test
    void should_SetTheRateLimitHeadersOfTheRedisLimiter() {
        InMemoryRateLimiter limiter = new InMemoryRateLimiter(20, 40, 100, nanos::get);
        RateLimiter.Response response = limiter.isAllowed("gateway", "a").block();
        assertThat(response.getHeaders())
                .containsEntry("X-RateLimit-Remaining", "39")
                .containsEntry("X-RateLimit-Replenish-Rate", "20")
                .containsEntry("X-RateLimit-Burst-Capacity", "40")
                .containsEntry("X-RateLimit-Requested-Tokens", "1");
    }

    @Test
    void should_ForgetIdleClients_AndStayWithinItsBound_When_ManyClientsCall() {
        InMemoryRateLimiter limiter = new InMemoryRateLimiter(10, 20, 1000, nanos::get);
        for (int i = 0; i < 5000; i++) {
            limiter.isAllowed("gateway", "client-" + i).block();
            advanceMillis(1);
        }
        assertThat(limiter.trackedKeys()).as("bounded by max-clients").isLessThanOrEqualTo(1000);

        advanceMillis(10_000); // every bucket is full again: forgetting them changes nothing
        limiter.isAllowed("gateway", "late").block();
        assertThat(limiter.trackedKeys()).isEqualTo(1);
    }
}

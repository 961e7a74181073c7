package org.nqpf.gateway.limits;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TooManyRequestsHandlerTest {

    private final TooManyRequestsHandler handler = new TooManyRequestsHandler(null,
            new RateLimitSettings(RateLimitSettings.Store.MEMORY, 20, 40, 10, Duration.ofMillis(500),
                    Duration.ofSeconds(1)));

    @Test
    void should_ComputeRetryAfterFromTheBucket() {
        assertThat(handler.retryAfterSeconds(Map.of("X-RateLimit-Remaining", "0", "X-RateLimit-Replenish-Rate", "20",
                "X-RateLimit-Requested-Tokens", "1"))).as("a token comes within a second").isEqualTo(1);
        assertThat(handler.retryAfterSeconds(Map.of("X-RateLimit-Remaining", "0", "X-RateLimit-Replenish-Rate", "1",
                "X-RateLimit-Requested-Tokens", "3"))).as("3 tokens at 1 per second").isEqualTo(3);
        assertThat(handler.retryAfterSeconds(Map.of("X-RateLimit-Remaining", "1", "X-RateLimit-Replenish-Rate", "2",
                "X-RateLimit-Requested-Tokens", "6"))).as("5 missing at 2 per second, rounded up").isEqualTo(3);
        assertThat(handler.retryAfterSeconds(Map.of())).as("no headers: the configured rate").isEqualTo(1);
    }
}

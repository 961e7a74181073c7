package org.nqpf.gateway.limits;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The per-client rate limit ({@code nqpf.gateway.rate-limit.*}): a token bucket per client (token {@code sub}, API
 * key id, or client IP) across all routes.
 *
 * @param store              where the buckets live: {@code memory} (this instance only; the embedded local platform)
 *                           or {@code redis} (shared by every gateway instance; docker compose, production)
 * @param replenishRate      tokens added per second: the sustained requests per second a client may make
 * @param burstCapacity      the bucket's size: how many requests a client may make at once after a pause
 * @param maxClients         how many clients the in-memory limiter tracks at most; idle clients (whose bucket is
 *                           full again) are forgotten first, so memory stays bounded whatever the traffic
 * @param redisTimeout       how long one Redis call may take before the request is decided in memory instead
 * @param redisRetryInterval while Redis fails, how often one request tries it again (the others go to memory at once)
 */
@ConfigurationProperties("nqpf.gateway.rate-limit")
public record RateLimitSettings(
        @DefaultValue("memory") Store store,
        @DefaultValue("20") int replenishRate,
        @DefaultValue("40") int burstCapacity,
        @DefaultValue("100000") int maxClients,
        @DefaultValue("500ms") Duration redisTimeout,
        @DefaultValue("1s") Duration redisRetryInterval) {

    public enum Store {
        MEMORY, REDIS
    }

    public RateLimitSettings {
        if (replenishRate < 1) {
            throw new IllegalArgumentException("nqpf.gateway.rate-limit.replenish-rate must be at least 1, not "
                    + replenishRate);
        }
        if (burstCapacity < replenishRate) {
            throw new IllegalArgumentException("nqpf.gateway.rate-limit.burst-capacity (" + burstCapacity
                    + ") must be at least the replenish rate (" + replenishRate + ")");
        }
        if (maxClients < 1) {
            throw new IllegalArgumentException("nqpf.gateway.rate-limit.max-clients must be at least 1");
        }
    }

    /** "20 requests per second with bursts of 40", as the 429 names the limit. */
    public String describe() {
        return replenishRate + " requests per second with bursts of " + burstCapacity;
    }
}

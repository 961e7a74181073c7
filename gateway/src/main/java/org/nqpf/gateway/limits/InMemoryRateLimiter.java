package org.nqpf.gateway.limits;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.ratelimit.AbstractRateLimiter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.support.ConfigurationService;

/**
 * A token bucket per key in this instance's memory, with the semantics of Spring Cloud Gateway's
 * {@link RedisRateLimiter} (and its {@link RedisRateLimiter.Config}): the bucket holds at most {@code burstCapacity}
 * tokens, gains {@code replenishRate} per second, and a request takes {@code requestedTokens} or is refused; the same
 * {@code X-RateLimit-*} headers.
 * <p>
 * Memory stays bounded: a bucket that has been idle long enough to be full again is the same as a new one, so it is
 * forgotten (swept at most every few seconds), and beyond {@code maxKeys} keys the idlest are dropped first (a dropped
 * client starts again with a full bucket, at worst one extra burst).
 */
public class InMemoryRateLimiter extends AbstractRateLimiter<RedisRateLimiter.Config> {

    public static final String CONFIGURATION_PROPERTY_NAME = "in-memory-rate-limiter";

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long SWEEP_INTERVAL_NANOS = 5 * NANOS_PER_SECOND;

    private final RedisRateLimiter.Config defaults;
    private final int maxKeys;
    private final LongSupplier nanoClock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong lastSweep;

    public InMemoryRateLimiter(int replenishRate, long burstCapacity, int maxKeys) {
        this(replenishRate, burstCapacity, maxKeys, System::nanoTime);
    }

    InMemoryRateLimiter(int replenishRate, long burstCapacity, int maxKeys, LongSupplier nanoClock) {
        super(RedisRateLimiter.Config.class, CONFIGURATION_PROPERTY_NAME, (ConfigurationService) null);
        this.defaults = new RedisRateLimiter.Config().setReplenishRate(replenishRate).setBurstCapacity(burstCapacity);
        this.maxKeys = maxKeys;
        this.nanoClock = nanoClock;
        this.lastSweep = new AtomicLong(nanoClock.getAsLong());
    }

    @Override
    public Mono<Response> isAllowed(String routeId, String id) {
        return Mono.fromSupplier(() -> decide(routeId, id));
    }

    /** How many keys are tracked now (for tests of the memory bound). */
    int trackedKeys() {
        return buckets.size();
    }

    private Response decide(String routeId, String id) {
        RedisRateLimiter.Config config = getConfig().getOrDefault(routeId, defaults);
        long now = nanoClock.getAsLong();
        sweepIfDue(now);
        Bucket bucket = buckets.computeIfAbsent(routeId + "." + id, k -> new Bucket(config.getBurstCapacity(), now));
        long left;
        boolean allowed;
        synchronized (bucket) {
            bucket.refill(config, now);
            allowed = bucket.tokens >= config.getRequestedTokens();
            if (allowed) {
                bucket.tokens -= config.getRequestedTokens();
            }
            left = (long) Math.floor(bucket.tokens);
        }
        if (buckets.size() > maxKeys) {
            evictIdlest(now);
        }
        return new Response(allowed, headers(config, left));
    }

    private static Map<String, String> headers(RedisRateLimiter.Config config, long tokensLeft) {
        Map<String, String> headers = new HashMap<>();
        headers.put(RedisRateLimiter.REMAINING_HEADER, Long.toString(tokensLeft));
        headers.put(RedisRateLimiter.REPLENISH_RATE_HEADER, Integer.toString(config.getReplenishRate()));
        headers.put(RedisRateLimiter.BURST_CAPACITY_HEADER, Long.toString(config.getBurstCapacity()));
        headers.put(RedisRateLimiter.REQUESTED_TOKENS_HEADER, Integer.toString(config.getRequestedTokens()));
        return headers;
    }

    /** Forgets buckets idle long enough to be full again: keeping them changes nothing. */
    private void sweepIfDue(long now) {
        long last = lastSweep.get();
        if (now - last < SWEEP_INTERVAL_NANOS || !lastSweep.compareAndSet(last, now)) {
            return;
        }
        long fillNanos = fillNanos(defaults);
        buckets.values().removeIf(bucket -> bucket.idleNanos(now) >= fillNanos);
    }

    /** Beyond the bound even after the sweep (many clients at once): drops the idlest tenth. */
    private synchronized void evictIdlest(long now) {
        if (buckets.size() <= maxKeys) {
            return;
        }
        buckets.values().removeIf(bucket -> bucket.idleNanos(now) >= fillNanos(defaults));
        int excess = buckets.size() - maxKeys + Math.max(1, maxKeys / 10);
        if (excess <= 0) {
            return;
        }
        long[] idle = buckets.values().stream().mapToLong(b -> b.idleNanos(now)).sorted().toArray();
        long threshold = idle[Math.max(0, idle.length - excess)];
        Iterator<Bucket> it = buckets.values().iterator();
        while (it.hasNext() && excess > 0) {
            if (it.next().idleNanos(now) >= threshold) {
                it.remove();
                excess--;
            }
        }
    }

    private static long fillNanos(RedisRateLimiter.Config config) {
        return (long) Math.ceil((double) config.getBurstCapacity() / config.getReplenishRate() * NANOS_PER_SECOND);
    }

    private static final class Bucket {

        double tokens;
        long refilledAt;

        Bucket(long capacity, long now) {
            this.tokens = capacity;
            this.refilledAt = now;
        }

        void refill(RedisRateLimiter.Config config, long now) {
            long elapsed = Math.max(0, now - refilledAt);
            tokens = Math.min(config.getBurstCapacity(),
                    tokens + (double) elapsed / NANOS_PER_SECOND * config.getReplenishRate());
            refilledAt = now;
        }

        synchronized long idleNanos(long now) {
            return now - refilledAt;
        }
    }
}

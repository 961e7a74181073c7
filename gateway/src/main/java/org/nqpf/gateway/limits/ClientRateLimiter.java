package org.nqpf.gateway.limits;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.ratelimit.AbstractRateLimiter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.support.ConfigurationService;

/**
 * The gateway's rate limiter: one token bucket per client across all routes (the limit is the client's, not a
 * route's), kept in Redis when {@code nqpf.gateway.rate-limit.store=redis}, else in this instance's memory.
 * <p>
 * When Redis fails (an error or no answer within {@code redis-timeout}), the request is not let through as the stock
 * {@link RedisRateLimiter} would: it is decided by the in-memory limiter with the same limits, counted in
 * {@code nqpf_gateway_rate_limit_fallback_total}, and the outage is logged once. While it lasts, one request per
 * {@code redis-retry-interval} tries Redis again (the others go to memory at once, without waiting on a dead
 * server); the first that gets an answer ends the outage.
 */
public class ClientRateLimiter extends AbstractRateLimiter<RedisRateLimiter.Config> {

    public static final String FALLBACK_METER = "nqpf.gateway.rate.limit.fallback";

    /** The one "route" every request is counted under, so a client has one bucket whatever it calls. */
    static final String BUCKET = "gateway";

    private static final Logger log = LoggerFactory.getLogger(ClientRateLimiter.class);

    private final RedisRateLimiter redis;
    private final InMemoryRateLimiter memory;
    private final Counter fallbacks;
    private final long retryNanos;
    private final LongSupplier nanoClock;
    private final AtomicBoolean outage = new AtomicBoolean();
    private final AtomicLong nextTry = new AtomicLong();

    /**
     * @param redis the Redis limiter, or null for the memory store; its configuration for {@link #BUCKET} is set here
     */
    public ClientRateLimiter(RateLimitSettings settings, RedisRateLimiter redis, MeterRegistry meters) {
        super(RedisRateLimiter.Config.class, "nqpf-rate-limiter", (ConfigurationService) null);
        this.redis = redis;
        this.memory = new InMemoryRateLimiter(settings.replenishRate(), settings.burstCapacity(),
                settings.maxClients());
        if (redis != null) {
            redis.getConfig().put(BUCKET, new RedisRateLimiter.Config().setReplenishRate(settings.replenishRate())
                    .setBurstCapacity(settings.burstCapacity()));
        }
        this.fallbacks = Counter.builder(FALLBACK_METER)
                .description("Requests whose rate limit was decided in this instance's memory because Redis failed")
                .register(meters);
        this.retryNanos = settings.redisRetryInterval().toNanos();
        this.nanoClock = System::nanoTime;
    }

    @Override
    public Mono<Response> isAllowed(String routeId, String id) {
        if (redis == null) {
            return memory.isAllowed(BUCKET, id);
        }
        if (outage.get() && !mayTryRedis()) {
            return fallback(id, null);
        }
        AtomicReference<Throwable> failure = new AtomicReference<>();
        return Mono.defer(() -> redis.isAllowed(BUCKET, id))
                .contextWrite(context -> context.put(FailureReportingRedisTemplate.FAILURE, failure))
                .onErrorResume(error -> {
                    failure.compareAndSet(null, error);
                    return Mono.empty();
                })
                .filter(response -> failure.get() == null)
                .doOnNext(response -> recovered())
                .switchIfEmpty(Mono.defer(() -> fallback(id, failure.get())));
    }

    /** During an outage: whether this request is the one that tries Redis again now. */
    private boolean mayTryRedis() {
        long now = nanoClock.getAsLong();
        long next = nextTry.get();
        return now - next >= 0 && nextTry.compareAndSet(next, now + retryNanos);
    }

    private Mono<Response> fallback(String id, Throwable cause) {
        fallbacks.increment();
        if (cause != null && outage.compareAndSet(false, true)) {
            nextTry.set(nanoClock.getAsLong() + retryNanos);
            log.warn("Redis does not answer the rate limiter ({}): limits are kept in this instance's memory until it"
                    + " does, so they hold per gateway instance; counted in nqpf_gateway_rate_limit_fallback_total",
                    cause.toString());
        }
        return memory.isAllowed(BUCKET, id);
    }

    private void recovered() {
        if (outage.compareAndSet(true, false)) {
            log.info("Redis answers the rate limiter again: limits are shared by all gateway instances again");
        }
    }

    /** For the log and tests: whether Redis is currently taken for failed. */
    boolean inOutage() {
        return outage.get();
    }
}

package org.nqpf.gateway.limits;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import reactor.core.publisher.Flux;

import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The template {@link org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter} runs its script with, made
 * to tell when Redis failed. The stock limiter swallows every Redis error and allows the request; this template
 * gives each script call a time limit and records its error in the {@link AtomicReference} the caller put into the
 * Reactor context under {@link #FAILURE}, so {@link ClientRateLimiter} can decide that request in memory instead.
 */
class FailureReportingRedisTemplate extends ReactiveStringRedisTemplate {

    /** Context key of the {@code AtomicReference<Throwable>} that receives a failed call's error. */
    static final String FAILURE = FailureReportingRedisTemplate.class.getName() + ".failure";

    private final Duration timeout;

    FailureReportingRedisTemplate(ReactiveRedisConnectionFactory connections, Duration timeout) {
        super(connections);
        this.timeout = timeout;
    }

    @Override
    public <T> Flux<T> execute(RedisScript<T> script, List<String> keys, List<?> args) {
        return Flux.deferContextual(context -> super.execute(script, keys, args)
                .timeout(timeout)
                .doOnError(error -> context.<AtomicReference<Throwable>>getOrEmpty(FAILURE)
                        .ifPresent(failure -> failure.set(error))));
    }
}

package org.nqpf.gateway.limits;

import java.util.List;

import io.lettuce.core.ClientOptions;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The {@code RequestRateLimiter} filter's parts (application.yml puts the filter on every route): who a request
 * counts against ({@link ClientKeyResolver}) and the limiter ({@link ClientRateLimiter}) over Redis or memory.
 */
@Configuration(proxyBeanMethods = false)
public class RateLimiting {

    @Bean
    KeyResolver clientKeyResolver() {
        return new ClientKeyResolver();
    }

    /**
     * Spring Cloud Gateway's own Redis limiter, on a template that reports failures; named like the stock bean so
     * that one is not made as well. It opens no connection until {@link ClientRateLimiter} calls it (store redis).
     */
    @Bean
    RedisRateLimiter redisRateLimiter(ReactiveRedisConnectionFactory connections,
            @Qualifier(RedisRateLimiter.REDIS_SCRIPT_NAME) RedisScript<List<Long>> script,
            ConfigurationService configurationService, RateLimitSettings settings) {
        return new RedisRateLimiter(new FailureReportingRedisTemplate(connections, settings.redisTimeout()), script,
                configurationService);
    }

    @Bean
    @Primary
    ClientRateLimiter clientRateLimiter(RateLimitSettings settings, RedisRateLimiter redis, MeterRegistry meters) {
        return new ClientRateLimiter(settings, settings.store() == RateLimitSettings.Store.REDIS ? redis : null,
                meters);
    }

    /**
     * While the connection to Redis is down, Lettuce would queue commands until it reconnects; refused at once,
     * they go to the in-memory limiter without waiting for the time limit.
     */
    @Bean
    LettuceClientOptionsBuilderCustomizer rejectCommandsWhileDisconnected() {
        return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }
}

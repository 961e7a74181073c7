package org.nqpf.gateway.routing;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;

import org.nqpf.gateway.GatewaySettings;
import org.nqpf.gateway.problem.RequestTooLargeException;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One breaker per service (the routes name it, e.g. {@code indicator-service}).
 * <p>
 * Only failures to get an answer count: a refused connection, a timeout. Any HTTP answer, 4xx and 5xx included,
 * is the service speaking and passes through unchanged. The time limiter sits a little above the HTTP client's
 * response timeout, so large batch POSTs are not cut by the breaker first (resilience4j's default is 1s). The import
 * route has its own breaker ({@value #IMPORTS}) whose limit is {@code nqpf.gateway.import-timeout}: its call lasts
 * as long as the file takes to upload.
 */
@Configuration(proxyBeanMethods = false)
public class CircuitBreakers {

    /** The import route's breaker: its calls carry whole files, so its time limit is the upload's. */
    public static final String IMPORTS = "indicator-service-imports";

    @Bean
    Customizer<ReactiveResilience4JCircuitBreakerFactory> perServiceBreakers(GatewaySettings settings) {
        return factory -> factory.configureDefault(id -> breaker(id,
                IMPORTS.equals(id) ? settings.importTimeout() : settings.upstreamTimeout()));
    }

    private static Resilience4JConfigBuilder.Resilience4JCircuitBreakerConfiguration breaker(String id,
            Duration timeout) {
        return new Resilience4JConfigBuilder(id)
                .timeLimiterConfig(TimeLimiterConfig.custom().timeoutDuration(timeout.plusSeconds(5)).build())
                .circuitBreakerConfig(CircuitBreakerConfig.custom()
                        .slidingWindowSize(20)
                        .minimumNumberOfCalls(10)
                        .failureRateThreshold(50)
                        // Short enough that a restarted service is back in use quickly.
                        .waitDurationInOpenState(Duration.ofSeconds(10))
                        .permittedNumberOfCallsInHalfOpenState(3)
                        .slowCallDurationThreshold(timeout)
                        // The client's fault, not the service's.
                        .ignoreException(t -> RequestTooLargeException.findIn(t) != null)
                        .build())
                .build();
    }
}

package org.nqpf.gateway.routing;

import java.util.List;

import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.stereotype.Component;

/**
 * {@code StreamingCircuitBreaker}: a breaker for routes whose bodies are files, with the same 503 problem+json as
 * the others.
 * <p>
 * Spring Cloud Gateway's own {@code CircuitBreaker} filter turns on request-body caching for its route, so that a
 * forwarded fallback could read the body again: every upload would be gathered whole in the gateway's heap before
 * the service saw a byte, and a file larger than the heap would fail with 500. This one answers the fallback itself
 * instead of forwarding it, never needs the body twice, and so lets it stream through.
 */
@Component
public class StreamingCircuitBreakerGatewayFilterFactory
        extends AbstractGatewayFilterFactory<StreamingCircuitBreakerGatewayFilterFactory.Config> {

    /**
     * @param name    the breaker's id (its settings come from {@link CircuitBreakers})
     * @param service the service key named in the 503, as in {@code /fallback/{service}}, e.g. {@code indicator}
     */
    public static class Config {

        private String name;
        private String service;

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getService() {
            return service;
        }

        public void setService(String service) {
            this.service = service;
        }
    }

    private final ReactiveCircuitBreakerFactory<?, ?> breakers;
    private final FallbackController fallback;

    public StreamingCircuitBreakerGatewayFilterFactory(ReactiveCircuitBreakerFactory<?, ?> breakers,
            FallbackController fallback) {
        super(Config.class);
        this.breakers = breakers;
        this.fallback = fallback;
    }

    @Override
    public List<String> shortcutFieldOrder() {
        return List.of("name", "service");
    }

    @Override
    public GatewayFilter apply(Config config) {
        ReactiveCircuitBreaker breaker = breakers.create(config.getName());
        return (exchange, chain) -> breaker.run(chain.filter(exchange),
                error -> fallback.unavailable(config.getService(), error, exchange));
    }
}

package org.nqpf.gateway.correlation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Takes {@code X-Correlation-Id} from the request or makes one, passes it to the service, returns it on the response
 * and writes one access log line with it.
 * <p>
 * A {@link WebFilter} rather than a gateway GlobalFilter: it must also cover what the gateway answers itself
 * (fallbacks, 413, 404, the console), not only routed requests.
 */
@Component
public class CorrelationIdFilter implements WebFilter, Ordered {

    private static final Logger ACCESS = LoggerFactory.getLogger("org.nqpf.gateway.access");

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String id = CorrelationId.acceptOrGenerate(exchange.getRequest().getHeaders().getFirst(CorrelationId.HEADER));
        exchange.getAttributes().put(CorrelationId.ATTRIBUTE, id);
        exchange.getAttributes().put(CorrelationId.ORIGINAL_PATH_ATTRIBUTE, exchange.getRequest().getPath().value());

        // Set now and again just before commit: copying the service's response headers or writing an error
        // response may replace the header set.
        exchange.getResponse().getHeaders().set(CorrelationId.HEADER, id);
        exchange.getResponse().beforeCommit(() -> {
            exchange.getResponse().getHeaders().set(CorrelationId.HEADER, id);
            return Mono.empty();
        });

        ServerWebExchange forwarded = exchange.mutate()
                .request(request -> request.headers(headers -> headers.set(CorrelationId.HEADER, id)))
                .build();
        long started = System.nanoTime();
        String method = exchange.getRequest().getMethod().name();
        String path = exchange.getRequest().getPath().value();
        return chain.filter(forwarded).doFinally(signal -> {
            HttpStatusCode status = exchange.getResponse().getStatusCode();
            ACCESS.info("{} {} -> {} in {} ms [correlationId={}]{}", method, path,
                    status != null ? status.value() : "-", (System.nanoTime() - started) / 1_000_000, id,
                    switch (signal) {
                        case CANCEL -> " (client went away)";
                        case ON_ERROR -> " (error)";
                        default -> "";
                    });
        });
    }
}

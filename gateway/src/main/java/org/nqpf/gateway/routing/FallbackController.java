package org.nqpf.gateway.routing;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.nqpf.gateway.GatewaySettings;
import org.nqpf.gateway.correlation.CorrelationId;
import org.nqpf.gateway.problem.Problems;
import org.nqpf.gateway.problem.RequestTooLargeException;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * Where a route's CircuitBreaker forwards when its service gave no answer ({@code forward:/fallback/{service}}):
 * 503 problem+json naming the service, with the path the client asked for as {@code instance}.
 */
@RestController
public class FallbackController {

    private static final Logger log = LoggerFactory.getLogger(FallbackController.class);

    private final Problems problems;
    private final GatewaySettings settings;

    public FallbackController(Problems problems, GatewaySettings settings) {
        this.problems = problems;
        this.settings = settings;
    }

    @RequestMapping("/fallback/{service}") // every method: the forward keeps the client's
    public Mono<Void> fallback(@PathVariable String service, ServerWebExchange exchange) {
        Throwable cause = exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        if (cause == null) {
            // Called from outside rather than forwarded by a breaker: there is nothing here.
            return problems.write(exchange, HttpStatus.NOT_FOUND,
                    "No API at " + exchange.getRequest().getPath().value() + ".");
        }
        return unavailable(service, cause, exchange);
    }

    /**
     * The answer when {@code service} (a key such as {@code indicator}) gave none: 413 when the cause is a body over
     * the size limit, else 503 naming the service. Also used by routes that answer without a forward.
     */
    public Mono<Void> unavailable(String service, Throwable cause, ServerWebExchange exchange) {
        // A chunked body crossing the size limit surfaces here when the breaker wraps the upload.
        RequestTooLargeException tooLarge = RequestTooLargeException.findIn(cause);
        if (tooLarge != null) {
            return problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE, Problems.REQUEST_TOO_LARGE,
                    tooLarge.getMessage(), Map.of("maxRequestSize", tooLarge.limitBytes()));
        }

        String name = Downstream.nameOf(service);
        String method = exchange.getRequest().getMethod().name();
        String path = CorrelationId.originalPath(exchange);
        String why = reason(cause, exchange);
        log.warn("{} unavailable for {} {}: {} [correlationId={}]", name, method, path, cause.toString(),
                CorrelationId.of(exchange));
        return problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, Problems.SERVICE_UNAVAILABLE,
                name + " is unavailable (" + why + "), so " + method + " " + path
                        + " could not be served; try again shortly.",
                Map.of("service", name));
    }

    /** The route's own response timeout (its metadata, in ms), else the HTTP client's. */
    private Duration responseTimeout(ServerWebExchange exchange) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        Object millis = route == null ? null : route.getMetadata().get(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR);
        if (millis instanceof Number number) {
            return Duration.ofMillis(number.longValue());
        }
        if (millis != null) {
            try {
                return Duration.ofMillis(Long.parseLong(millis.toString().trim()));
            }
            catch (NumberFormatException e) {
                // fall through to the client's
            }
        }
        return settings.upstreamTimeout();
    }

    private String reason(Throwable cause, ServerWebExchange exchange) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof CallNotPermittedException) {
                return "circuit open after repeated failures";
            }
            // Before ConnectException: netty's connect timeout is one.
            if (t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
                return t instanceof ConnectException ? "no connection within the connect timeout"
                        : "no answer within " + responseTimeout(exchange).toSeconds() + "s";
            }
            if (t instanceof UnknownHostException) {
                return "unknown host";
            }
            if (t instanceof ConnectException) {
                String message = t.getMessage();
                return message != null && message.toLowerCase().contains("refused") ? "connection refused"
                        : "cannot connect";
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return "no answer";
    }
}

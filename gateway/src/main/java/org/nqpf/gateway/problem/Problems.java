package org.nqpf.gateway.problem;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.nqpf.gateway.correlation.CorrelationId;
import org.nqpf.web.ProblemTypes;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Writes the RFC 9457 {@code application/problem+json} answers the gateway gives itself (fallbacks, size limit,
 * unknown paths, its own failures) in the services' vocabulary ({@link ProblemTypes}); answers from the services
 * pass through untouched.
 */
@Component
public class Problems {

    public static final String SERVICE_UNAVAILABLE = ProblemTypes.of("service-unavailable").toString();
    public static final String REQUEST_TOO_LARGE = ProblemTypes.forStatus(HttpStatus.CONTENT_TOO_LARGE).toString();
    public static final String TOO_MANY_REQUESTS = ProblemTypes.forStatus(HttpStatus.TOO_MANY_REQUESTS).toString();
    public static final String UNAUTHORIZED = ProblemTypes.forStatus(HttpStatus.UNAUTHORIZED).toString();
    public static final String FORBIDDEN = ProblemTypes.forStatus(HttpStatus.FORBIDDEN).toString();

    private final JsonMapper json;

    public Problems(JsonMapper json) {
        this.json = json;
    }

    /** Writes the problem; {@code extensions} become extra members (e.g. {@code service}). */
    public Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String type, String detail,
            Map<String, Object> extensions) {
        return write(exchange, status, type, detail, extensions, headers -> {
        });
    }

    /**
     * Writes the problem with headers of its own ({@code Retry-After}, {@code WWW-Authenticate}, ...), set after the
     * response's earlier headers were cleared.
     */
    public Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String type, String detail,
            Map<String, Object> extensions, Consumer<HttpHeaders> headers) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            // Too late to answer: the client already has a status line and headers.
            return Mono.empty();
        }
        String correlationId = CorrelationId.of(exchange);

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("instance", CorrelationId.originalPath(exchange));
        body.putAll(extensions);
        if (correlationId != null) {
            body.put("correlationId", correlationId);
        }
        byte[] bytes = json.writeValueAsBytes(body);

        // Headers of a failed attempt (e.g. a partial copy of the service's) must not leak into this answer.
        response.getHeaders().clear();
        if (correlationId != null) {
            response.getHeaders().set(CorrelationId.HEADER, correlationId);
        }
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getHeaders().setContentLength(bytes.length);
        headers.accept(response.getHeaders());
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(bytes)));
    }

    public Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String detail) {
        return write(exchange, status, ProblemTypes.forStatus(status).toString(), detail, Map.of());
    }
}

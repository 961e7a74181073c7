package org.nqpf.gateway.problem;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.nqpf.gateway.correlation.CorrelationId;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

/**
 * Turns every error the gateway raises itself into problem+json, ahead of Boot's default error handler (order -1),
 * whose JSON is not RFC 9457.
 */
@Component
@Order(-2)
public class ProblemExceptionHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    private final Problems problems;

    public ProblemExceptionHandler(Problems problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        String method = exchange.getRequest().getMethod().name();
        String path = CorrelationId.originalPath(exchange);

        RequestTooLargeException tooLarge = RequestTooLargeException.findIn(error);
        if (tooLarge != null) {
            return problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE, Problems.REQUEST_TOO_LARGE,
                    tooLarge.getMessage(), Map.of("maxRequestSize", tooLarge.limitBytes()));
        }
        if (error instanceof ResponseStatusException rse) {
            HttpStatus status = HttpStatus.resolve(rse.getStatusCode().value());
            if (status == null) {
                status = HttpStatus.INTERNAL_SERVER_ERROR;
            }
            String detail = status == HttpStatus.NOT_FOUND
                    ? "No API at " + method + " " + path + "; see /console for the available paths."
                    : (rse.getReason() != null ? rse.getReason() : status.getReasonPhrase())
                            + " (" + method + " " + path + ")";
            if (status.is5xxServerError()) {
                log.error("{} {} failed [correlationId={}]", method, path, CorrelationId.of(exchange), error);
            }
            return problems.write(exchange, status, detail);
        }
        log.error("{} {} failed [correlationId={}]", method, path, CorrelationId.of(exchange), error);
        return problems.write(exchange, HttpStatus.INTERNAL_SERVER_ERROR,
                "The gateway failed to handle " + method + " " + path + "; the log has the details under correlation id "
                        + CorrelationId.of(exchange) + ".");
    }
}

package org.nqpf.web.reactive;

import org.nqpf.web.ProblemTypes;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The errors Spring WebFlux answers itself (no static resource, wrong method, ...) under the platform's type of
 * their status instead of {@code about:blank}, as the servlet services answer them.
 */
@RestControllerAdvice
public class ReactiveProblemAdvice extends ResponseEntityExceptionHandler {

    @Override
    protected Mono<ResponseEntity<Object>> createResponseEntity(Object body, HttpHeaders headers,
            HttpStatusCode status, ServerWebExchange exchange) {
        if (body instanceof ProblemDetail problem) {
            problem.setType(ProblemTypes.orForStatus(problem.getType(), status));
        }
        return super.createResponseEntity(body, headers, status, exchange);
    }
}

package org.nqpf.gateway.limits;

import java.util.LinkedHashMap;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.nqpf.gateway.problem.Problems;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

/**
 * The 429 of the gateway's {@code RequestRateLimiter} filter as problem+json. The stock filter answers 429 with an
 * empty body; with {@code throw-on-limit} it raises {@link HttpClientErrorException} (429, carrying the response's
 * headers so far) instead, and this handler, ahead of {@link org.nqpf.gateway.problem.ProblemExceptionHandler},
 * writes the problem naming the limit, keeps the filter's {@code X-RateLimit-*} headers and adds
 * {@code Retry-After}: the whole seconds until the client's bucket holds the tokens one request takes.
 */
@Component
@Order(-3)
public class TooManyRequestsHandler implements WebExceptionHandler {

    private final Problems problems;
    private final RateLimitSettings settings;

    public TooManyRequestsHandler(Problems problems, RateLimitSettings settings) {
        this.problems = problems;
        this.settings = settings;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (!(error instanceof HttpClientErrorException refused)
                || refused.getStatusCode().value() != HttpStatus.TOO_MANY_REQUESTS.value()
                || exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        HttpHeaders limiterHeaders = refused.getResponseHeaders() != null ? refused.getResponseHeaders()
                : exchange.getResponse().getHeaders();
        Map<String, String> rateLimit = new LinkedHashMap<>();
        limiterHeaders.forEach((name, values) -> {
            if (name.regionMatches(true, 0, "X-RateLimit-", 0, "X-RateLimit-".length()) && !values.isEmpty()) {
                rateLimit.put(name, values.get(0));
            }
        });
        long retryAfter = retryAfterSeconds(rateLimit);
        String method = exchange.getRequest().getMethod().name();
        String path = exchange.getRequest().getPath().value();
        String detail = "Too many requests from this client: the gateway allows each client " + settings.describe()
                + " (nqpf.gateway.rate-limit.*), so " + method + " " + path + " was refused; retry after "
                + retryAfter + " s.";
        return problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, Problems.TOO_MANY_REQUESTS, detail,
                Map.of("replenishRate", settings.replenishRate(), "burstCapacity", settings.burstCapacity(),
                        "retryAfterSeconds", retryAfter),
                headers -> {
                    rateLimit.forEach(headers::set);
                    headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
                });
    }

    /**
     * Seconds until the bucket holds the requested tokens again: (requested - remaining) / replenish rate, rounded
     * up, at least 1 (Retry-After counts whole seconds).
     */
    long retryAfterSeconds(Map<String, String> headers) {
        long remaining = number(headers.get(RedisRateLimiter.REMAINING_HEADER), 0);
        long rate = number(headers.get(RedisRateLimiter.REPLENISH_RATE_HEADER), settings.replenishRate());
        long requested = number(headers.get(RedisRateLimiter.REQUESTED_TOKENS_HEADER), 1);
        long missing = Math.max(1, requested - Math.max(0, remaining));
        return Math.max(1, (missing + Math.max(1, rate) - 1) / Math.max(1, rate));
    }

    private static long number(String value, long otherwise) {
        if (value == null) {
            return otherwise;
        }
        try {
            return Long.parseLong(value.trim());
        }
        catch (NumberFormatException e) {
            return otherwise;
        }
    }
}

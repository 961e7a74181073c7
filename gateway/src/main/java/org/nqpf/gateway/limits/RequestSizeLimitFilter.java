package org.nqpf.gateway.limits;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.nqpf.gateway.GatewaySettings;
import org.nqpf.gateway.problem.Problems;
import org.nqpf.gateway.problem.RequestTooLargeException;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.WebFilterChain;

/**
 * A request size limit for every path: {@code nqpf.gateway.max-request-size} (default 16MB: observation batches are
 * the largest bodies), except import files on {@code /api/v1/imports}, which get {@code nqpf.gateway.max-import-size}
 * (default 2GB; the body streams through to indicator-service, nothing holds it whole). A declared Content-Length
 * over the limit is refused at once without reading the body; a chunked body is counted as it arrives and refused
 * when it crosses the limit. Both answer 413 problem+json.
 * <p>
 * Unlike the gateway's RequestSize filter, which only looks at Content-Length and answers with an empty body.
 */
@Component
public class RequestSizeLimitFilter implements WebFilter, Ordered {

    /** One limit and the property that sets it, named in the 413 so the operator knows what to change. */
    private record Limit(long maxBytes, String property, String advice) {
    }

    private final Limit requests;
    private final Limit imports;
    private final Problems problems;

    public RequestSizeLimitFilter(GatewaySettings settings, Problems problems) {
        this.requests = new Limit(settings.maxRequestSize().toBytes(), "nqpf.gateway.max-request-size",
                "Split the batch into smaller requests.");
        this.imports = new Limit(settings.maxImportSize().toBytes(), "nqpf.gateway.max-import-size",
                "Split the file into smaller files.");
        this.problems = problems;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10; // right after the correlation id, so the 413 carries it
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Limit limit = GatewaySettings.isImport(exchange.getRequest().getPath().value()) ? imports : requests;
        long maxBytes = limit.maxBytes();
        long declared = exchange.getRequest().getHeaders().getContentLength();
        if (declared > maxBytes) {
            return problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE, Problems.REQUEST_TOO_LARGE,
                    tooLarge(exchange, limit, declared + " bytes"), Map.of("maxRequestSize", maxBytes));
        }
        if (declared >= 0) {
            return chain.filter(exchange);
        }
        String detail = tooLarge(exchange, limit, "more than " + maxBytes + " bytes");
        ServerHttpRequestDecorator counted = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                AtomicLong seen = new AtomicLong();
                return super.getBody().handle((buffer, sink) -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > maxBytes) {
                        DataBufferUtils.release(buffer);
                        sink.error(new RequestTooLargeException(detail, maxBytes));
                    }
                    else {
                        sink.next(buffer);
                    }
                });
            }
        };
        return chain.filter(exchange.mutate().request(counted).build());
    }

    private static String tooLarge(ServerWebExchange exchange, Limit limit, String size) {
        return "The body of " + exchange.getRequest().getMethod().name() + " " + exchange.getRequest().getPath().value()
                + " is " + size + "; the gateway accepts at most " + describe(limit.maxBytes())
                + " (" + limit.property() + "). " + limit.advice();
    }

    private static String describe(long bytes) {
        DataSize size = DataSize.ofBytes(bytes);
        if (bytes % DataSize.ofGigabytes(1).toBytes() == 0) {
            return size.toGigabytes() + "GB";
        }
        if (bytes % DataSize.ofMegabytes(1).toBytes() == 0) {
            return size.toMegabytes() + "MB";
        }
        if (bytes % DataSize.ofKilobytes(1).toBytes() == 0) {
            return size.toKilobytes() + "KB";
        }
        return bytes + " bytes";
    }
}

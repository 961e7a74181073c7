package org.nqpf.gateway.correlation;

import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
import org.springframework.stereotype.Component;

/**
 * Settles the request's correlation id before the server observation starts, and hands it to the tracer as the
 * {@code correlationId} baggage field ({@code management.tracing.baggage.remote-fields}): the propagator then puts it
 * in the gateway's MDC and sends it with the trace context to every service, whose MDC gets it too, over HTTP and
 * (through the outboxes) Kafka.
 * <p>
 * A decorator of the whole {@link HttpHandler}, not a filter: the server observation extracts the trace context and
 * baggage from the request headers before any WebFilter runs. Whatever the client sent as {@code correlationId} is
 * replaced, so only an id {@link CorrelationId#acceptOrGenerate} allowed reaches the logs.
 */
@Component
class CorrelationBaggage implements HttpHandlerDecoratorFactory {

    /** The baggage field, and so the header name the propagator reads and writes, and the MDC key. */
    static final String FIELD = "correlationId";

    @Override
    public HttpHandler apply(HttpHandler handler) {
        return (request, response) -> {
            String id = CorrelationId.acceptOrGenerate(request.getHeaders().getFirst(CorrelationId.HEADER));
            return handler.handle(request.mutate().headers(headers -> {
                headers.set(CorrelationId.HEADER, id);
                headers.set(FIELD, id);
            }).build(), response);
        };
    }
}

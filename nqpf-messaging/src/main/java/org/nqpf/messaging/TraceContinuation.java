package org.nqpf.messaging;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Carries a trace across a hop the tracer cannot see: work written down in one transaction (an outbox row, a dirty
 * mark) and done later on another thread. {@link #current} captures the trace context as W3C headers with the
 * tracer's own propagator (the one HTTP and Kafka use); {@link #continueTrace} runs the later work in a span that
 * is a child of it, so its logs, HTTP calls and Kafka records belong to the same trace. Without a tracer (none on
 * the classpath) both are no-ops.
 */
public class TraceContinuation {

    private final Tracer tracer;
    private final Propagator propagator;

    public TraceContinuation(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** No tracing: captures nothing and runs work as it is. */
    public static TraceContinuation none() {
        return new TraceContinuation(Tracer.NOOP, Propagator.NOOP);
    }

    /** The trace context of the calling thread, or {@link TraceHeaders#NONE} outside any trace. */
    public TraceHeaders current() {
        Span span = tracer.currentSpan();
        if (span == null) {
            return TraceHeaders.NONE;
        }
        Map<String, String> carrier = new LinkedHashMap<>();
        propagator.inject(span.context(), carrier, Map::put);
        return TraceHeaders.of(carrier);
    }

    /**
     * Runs work in a new span named {@code name}: a child of {@code parent}, or the root of a new trace when there is
     * none (so the work's logs still have a trace id of their own).
     */
    public <T> T continueTrace(String name, TraceHeaders parent, Supplier<T> work) {
        Span span = (parent.isEmpty() ? tracer.spanBuilder() : propagator.extract(parent.asMap(), Map::get))
                .name(name).start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return work.get();
        }
        catch (RuntimeException e) {
            span.error(e);
            throw e;
        }
        finally {
            span.end();
        }
    }

    public void continueTrace(String name, TraceHeaders parent, Runnable work) {
        continueTrace(name, parent, () -> {
            work.run();
            return null;
        });
    }
}

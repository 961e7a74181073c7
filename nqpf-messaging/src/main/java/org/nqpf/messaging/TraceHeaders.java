package org.nqpf.messaging;

import io.cloudevents.CloudEvent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A W3C trace context kept with work that continues later on another thread: an outbox row, a recompute or planning
 * mark. {@code traceparent} and {@code tracestate} are the CloudEvents Distributed Tracing extension's attributes;
 * {@code baggage} (W3C Baggage) carries the correlation id. Any of them may be null.
 */
public record TraceHeaders(String traceparent, String tracestate, String baggage) {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";
    public static final String BAGGAGE = "baggage";

    /** No trace: work started outside any request or event (a scheduled job, a migration). */
    public static final TraceHeaders NONE = new TraceHeaders(null, null, null);

    public static TraceHeaders of(Map<String, ?> values) {
        return new TraceHeaders(string(values.get(TRACEPARENT)), string(values.get(TRACESTATE)),
                string(values.get(BAGGAGE)));
    }

    /** The trace an event carries in its Distributed Tracing extension attributes, or {@link #NONE}. */
    public static TraceHeaders of(CloudEvent event) {
        return new TraceHeaders(string(event.getExtension(TRACEPARENT)), string(event.getExtension(TRACESTATE)),
                string(event.getExtension(BAGGAGE)));
    }

    private static String string(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

    public boolean isEmpty() {
        return traceparent == null;
    }

    /** The non-null values by their W3C header names (also valid CloudEvents extension names). */
    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        if (traceparent != null) {
            map.put(TRACEPARENT, traceparent);
        }
        if (tracestate != null) {
            map.put(TRACESTATE, tracestate);
        }
        if (baggage != null) {
            map.put(BAGGAGE, baggage);
        }
        return map;
    }
}

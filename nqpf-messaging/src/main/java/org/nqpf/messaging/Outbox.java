package org.nqpf.messaging;

import io.cloudevents.CloudEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes events into the transactional outbox. Call it inside the transaction that changes the state the event
 * announces: both commit or neither does. {@link OutboxRelay} then publishes them. A call writes one row per topic
 * (more when it has more events for one than a row holds), holding its events in order.
 * <p>
 * Each row keeps the W3C trace context of the work that wrote it (the CloudEvents Distributed Tracing extension,
 * {@code traceparent} and {@code tracestate}, and the {@code baggage} with the correlation id) in its extensions: the
 * relay sends it later from another thread, and restores that context so the record continues the same trace.
 */
public class Outbox {

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final TraceContinuation trace;
    private final int rowEvents;

    public Outbox(JdbcTemplate jdbc, JsonMapper json) {
        this(jdbc, json, TraceContinuation.none());
    }

    public Outbox(JdbcTemplate jdbc, JsonMapper json, TraceContinuation trace) {
        this(jdbc, json, trace, 2_000);
    }

    /** {@code rowEvents}: the most events one row holds, so the relay never reads more at once than its batch. */
    public Outbox(JdbcTemplate jdbc, JsonMapper json, TraceContinuation trace, int rowEvents) {
        if (rowEvents < 1) {
            throw new IllegalArgumentException("an outbox row holds at least one event, not " + rowEvents);
        }
        this.jdbc = jdbc;
        this.json = json;
        this.trace = trace;
        this.rowEvents = rowEvents;
    }

    public record Entry(String topic, String key, CloudEvent event) {
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void append(String topic, String key, CloudEvent event) {
        appendAll(List.of(new Entry(topic, key, event)));
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void appendAll(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        // One batch, one transaction, one thread: the same trace context for every row.
        Map<String, String> traceContext = trace.current().asMap();
        // One row per topic (per rowEvents of a topic), in the order of the list: each attribute one array, its
        // events in the batch's order.
        Map<String, List<Entry>> byTopic = new LinkedHashMap<>();
        for (Entry entry : entries) {
            byTopic.computeIfAbsent(entry.topic(), t -> new ArrayList<>()).add(entry);
        }
        List<List<Entry>> rows = new ArrayList<>();
        byTopic.values().forEach(all -> {
            for (int from = 0; from < all.size(); from += rowEvents) {
                rows.add(all.subList(from, Math.min(all.size(), from + rowEvents)));
            }
        });
        rows.forEach(batch -> {
            String topic = batch.get(0).topic();
            List<CloudEvent> events = batch.stream().map(Entry::event).toList();
            jdbc.update("""
                    INSERT INTO outbox_event (topic, events, record_keys, event_ids, event_types, sources, subjects,
                                              event_times, data_content_types, extensions, payloads)
                    VALUES (?, ?, ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::text[],
                            ?::jsonb[], ?::bytea[])""",
                    topic, events.size(),
                    batch.stream().map(Entry::key).toArray(String[]::new),
                    events.stream().map(CloudEvent::getId).toArray(String[]::new),
                    events.stream().map(CloudEvent::getType).toArray(String[]::new),
                    events.stream().map(e -> e.getSource().toString()).toArray(String[]::new),
                    events.stream().map(CloudEvent::getSubject).toArray(String[]::new),
                    events.stream().map(e -> e.getTime() == null ? null : e.getTime().toString())
                            .toArray(String[]::new),
                    events.stream().map(CloudEvent::getDataContentType).toArray(String[]::new),
                    events.stream().map(e -> extensions(e, traceContext)).toArray(String[]::new),
                    events.stream().map(e -> e.getData() == null ? null : e.getData().toBytes())
                            .toArray(byte[][]::new));
        });
    }

    private String extensions(CloudEvent event, Map<String, String> traceContext) {
        if (event.getExtensionNames().isEmpty() && traceContext.isEmpty()) {
            return null;
        }
        // An event that already names the trace it belongs to keeps it.
        Map<String, String> values = new LinkedHashMap<>(event.getExtension(TraceHeaders.TRACEPARENT) == null
                ? traceContext : Map.of());
        for (String name : event.getExtensionNames()) {
            values.put(name, String.valueOf(event.getExtension(name)));
        }
        return json.writeValueAsString(values);
    }
}

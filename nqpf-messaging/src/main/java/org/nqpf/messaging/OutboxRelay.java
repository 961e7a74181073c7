package org.nqpf.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes outbox rows to Kafka in insertion order and deletes them once the broker has acknowledged them.
 * A PostgreSQL advisory lock held for the transaction makes one instance the publisher at a time, so several
 * running instances never publish the same rows twice or out of order. A crash between send and delete re-sends:
 * consumers de-duplicate on the CloudEvent id. Each row holds a batch of events for one topic ({@link Outbox}); an
 * event that can never be sent (too large for the broker, not serialisable, an invalid topic, not an event at all) is
 * moved to {@code outbox_parked} with its reason, so the events behind it go on; a failure that may pass keeps the
 * batch where it is.
 */
public class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final TypeReference<Map<String, String>> EXTENSIONS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final KafkaTemplate<String, byte[]> kafka;
    private final KafkaTemplate<String, byte[]> untraced;
    private final JsonMapper json;
    private final long lockKey;
    private final int batchSize;
    private final Counter published;
    private final long ackTimeoutMs;
    private TraceContinuation trace = TraceContinuation.none();

    public OutboxRelay(JdbcTemplate jdbc, TransactionTemplate tx, KafkaTemplate<String, byte[]> kafka, JsonMapper json,
            String lockName, int batchSize, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.kafka = kafka;
        // The same producer, without Kafka's observation: for rows that carry no trace to continue.
        this.untraced = new KafkaTemplate<>(kafka.getProducerFactory());
        this.untraced.setObservationEnabled(false);
        this.json = json;
        this.lockKey = lockName.hashCode();
        this.batchSize = batchSize;
        // Wait as long as the producer itself may keep trying: giving up sooner leaves records the producer still
        // delivers, and the re-sent batch doubles them on the topic (seen at load average 9: 3,996 records for 3,000).
        Object delivery = kafka.getProducerFactory().getConfigurationProperties()
                .get(org.apache.kafka.clients.producer.ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG);
        this.ackTimeoutMs = (delivery == null ? 120_000L : Long.parseLong(delivery.toString())) + 5_000L;
        this.published = Counter.builder("nqpf.outbox.published").description("events relayed from the outbox to Kafka")
                .register(meters);
        // Read on each scrape: an outbox that grows means the broker is unreachable or the relay falls behind.
        Gauge.builder("nqpf.outbox.pending", this, OutboxRelay::pending)
                .description("events in the outbox not yet acknowledged by Kafka").register(meters);
        Gauge.builder("nqpf.outbox.parked", this, OutboxRelay::parked)
                .description("outbox rows set aside because they can never be sent (GET /api/v1/operations/outbox/parked)")
                .register(meters);
    }

    /** Sends each row within the trace context the outbox stored with it. */
    public OutboxRelay tracing(TraceContinuation trace) {
        this.trace = trace;
        return this;
    }

    /** One event of an outbox row, by the row's id and its place in it: the event, or why it cannot be one. */
    private record Pending(long id, int position, String topic, String key, CloudEvent event, String unreadable) {
    }

    /** Run every {@code nqpf.outbox.poll-interval}: relays until the outbox is empty. */
    public void relay() {
        try {
            int handled;
            do {
                handled = relayBatch();
            }
            while (handled > 0);
        }
        catch (RuntimeException e) {
            // Kafka unreachable or similar: rows stay in the outbox and the next poll tries again.
            log.warn("outbox relay paused: {}", e.getMessage());
        }
    }

    /**
     * Relays one batch; returns how many events it took out of the outbox (published, or parked because they can
     * never be sent). A retriable failure of any event keeps the whole batch for the next try, as it was.
     */
    public int relayBatch() {
        int[] counts = tx.execute(status -> {
            Boolean locked = jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class, lockKey);
            if (!Boolean.TRUE.equals(locked)) {
                return new int[] {0, 0};
            }
            // Whole outbox rows, oldest first, until they hold batchSize events (at least one row, however large).
            // The running count reads only the rows' event counts, not their arrays.
            List<Pending> pending = new ArrayList<>();
            List<Long> ids = new ArrayList<>();
            jdbc.query("""
                    WITH head AS (
                        SELECT id, sum(events) OVER (ORDER BY id) - events AS before FROM outbox_event
                        ORDER BY id LIMIT ?)
                    SELECT o.id, o.topic, o.events, o.record_keys, o.event_ids, o.event_types, o.sources, o.subjects,
                           o.event_times, o.data_content_types, o.extensions::text[], o.payloads
                    FROM head JOIN outbox_event o ON o.id = head.id WHERE head.before < ? ORDER BY o.id""",
                    rs -> {
                        ids.add(rs.getLong(1));
                        pending.addAll(events(rs));
                    }, batchSize, batchSize);
            if (pending.isEmpty()) {
                return new int[] {0, 0};
            }
            List<CompletableFuture<?>> acks = new ArrayList<>(pending.size());
            for (Pending event : pending) {
                // Binary mode: the SDK maps the attributes onto ce_* headers and the data onto the value. Sent in
                // the trace of the transaction that wrote it: Kafka's observation adds its traceparent header.
                // An event written outside any trace (a feed's batch) is sent as it is, by the unobserved template: a
                // span per record, the root of a trace nobody started, cost the feed path a third of its rate.
                if (event.event() == null) {
                    acks.add(null);
                    continue;
                }
                TraceHeaders context = TraceHeaders.of(event.event());
                acks.add(context.isEmpty() ? send(untraced, event)
                        : trace.continueTrace("outbox relay", context, () -> send(kafka, event)));
            }
            Map<Pending, String> parked = new LinkedHashMap<>();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ackTimeoutMs);
            for (int i = 0; i < pending.size(); i++) {
                Pending event = pending.get(i);
                if (event.event() == null) {
                    parked.put(event, event.unreadable());
                    continue;
                }
                String never = neverSent(acks.get(i), deadline);
                if (never != null) {
                    parked.put(event, never);
                }
            }
            if (!parked.isEmpty()) {
                park(parked);
            }
            jdbc.update("DELETE FROM outbox_event WHERE id = ANY(?)", (Object) ids.toArray(Long[]::new));
            return new int[] {pending.size() - parked.size(), parked.size()};
        });
        int sent = counts == null ? 0 : counts[0];
        int set = counts == null ? 0 : counts[1];
        published.increment(sent);
        return sent + set;
    }

    private static CompletableFuture<?> send(KafkaTemplate<String, byte[]> template, Pending row) {
        try {
            return template.send(KafkaMessageFactory.createWriter(row.topic(), null, null, row.key())
                    .writeBinary(row.event()));
        }
        catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e); // thrown rather than returned: judged the same way
        }
    }

    /**
     * Waits for one acknowledgement: null once acknowledged, the reason when the broker or producer will never take
     * the record (too large, unserialisable, an invalid topic); a failure that may pass throws, keeping the batch.
     */
    private static String neverSent(CompletableFuture<?> ack, long deadline) {
        try {
            ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return null;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        }
        catch (ExecutionException e) {
            Throwable cause = permanent(e.getCause());
            if (cause != null) {
                return cause.getClass().getSimpleName() + ": " + cause.getMessage();
            }
            throw new IllegalStateException("broker did not acknowledge the outbox batch", e.getCause());
        }
        catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("broker did not acknowledge the outbox batch in time", e);
        }
    }

    /** The failure in the chain that no retry will mend, or null. */
    private static Throwable permanent(Throwable failure) {
        if (Outages.isOutage(failure)) {
            return null;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RecordTooLargeException || t instanceof RecordBatchTooLargeException
                    || t instanceof SerializationException || t instanceof InvalidTopicException) {
                return t;
            }
        }
        return null;
    }

    /**
     * Moves events to the parked table with their reason, in the relay's transaction: they leave the outbox with it.
     * Each keeps its outbox row's id and its place in that row.
     */
    private void park(Map<Pending, String> reasons) {
        jdbc.update("""
                INSERT INTO outbox_parked (id, position, topic, record_key, event_id, event_type, source, subject,
                                           event_time, data_content_type, extensions, payload, created_at, reason)
                SELECT o.id, r.position, o.topic, o.record_keys[r.position],
                       coalesce(o.event_ids[r.position], 'unknown'), coalesce(o.event_types[r.position], 'unknown'),
                       o.sources[r.position], o.subjects[r.position], o.event_times[r.position],
                       o.data_content_types[r.position], o.extensions[r.position], o.payloads[r.position],
                       o.created_at, r.reason
                FROM outbox_event o JOIN unnest(?::bigint[], ?::int[], ?::text[]) AS r(id, position, reason)
                    ON r.id = o.id
                ON CONFLICT (id, position) DO NOTHING""",
                reasons.keySet().stream().map(Pending::id).toArray(Long[]::new),
                reasons.keySet().stream().map(Pending::position).toArray(Integer[]::new),
                reasons.values().stream().map(OutboxRelay::printable).toArray(String[]::new));
        reasons.forEach((row, reason) -> log.error("outbox row {} event {} can never be sent, parked: {}", row.id(),
                row.position(), reason));
    }

    /** PostgreSQL text cannot hold NUL. */
    private static String printable(String s) {
        return s == null ? "unknown" : s.replace((char) 0, ' ');
    }

    /** The events of one outbox row, in their order. */
    private List<Pending> events(ResultSet rs) throws SQLException {
        long id = rs.getLong(1);
        String topic = rs.getString(2);
        int count = rs.getInt(3);
        Object[] keys = array(rs, 4);
        Object[] eventIds = array(rs, 5);
        Object[] types = array(rs, 6);
        Object[] sources = array(rs, 7);
        Object[] subjects = array(rs, 8);
        Object[] times = array(rs, 9);
        Object[] contentTypes = array(rs, 10);
        Object[] extensions = array(rs, 11);
        Object[] payloads = array(rs, 12);
        List<Pending> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String key = (String) at(keys, i);
            try {
                CloudEventBuilder event = CloudEventBuilder.v1()
                        .withId((String) at(eventIds, i))
                        .withType((String) at(types, i))
                        .withSource(URI.create((String) at(sources, i)))
                        .withSubject((String) at(subjects, i))
                        .withTime(time(at(times, i)))
                        .withDataContentType((String) at(contentTypes, i))
                        .withData((byte[]) at(payloads, i));
                String extension = (String) at(extensions, i);
                if (extension != null) {
                    json.readValue(extension, EXTENSIONS).forEach(event::withExtension);
                }
                events.add(new Pending(id, i + 1, topic, key, event.build(), null));
            }
            catch (RuntimeException e) {
                // An event that is none now never will be: set aside rather than block every event behind it.
                events.add(new Pending(id, i + 1, topic, key, null, "not an event: "
                        + e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
        }
        return events;
    }

    private static Object[] array(ResultSet rs, int column) throws SQLException {
        java.sql.Array array = rs.getArray(column);
        return array == null ? new Object[0] : (Object[]) array.getArray();
    }

    /** The element at {@code i}, or null where the row's array is shorter than its count. */
    private static Object at(Object[] values, int i) {
        return i < values.length ? values[i] : null;
    }

    private static OffsetDateTime time(Object value) {
        if (value == null || value instanceof OffsetDateTime) {
            return (OffsetDateTime) value;
        }
        return ((java.sql.Timestamp) value).toInstant().atOffset(java.time.ZoneOffset.UTC);
    }

    /** Rows set aside because they can never be sent: an operator's to look at. */
    public long parked() {
        Long n = jdbc.queryForObject("SELECT count(*) FROM outbox_parked", Long.class);
        return n == null ? 0 : n;
    }

    /** Rows waiting to be published: an operator's measure of lag. */
    public long pending() {
        Long n = jdbc.queryForObject("SELECT coalesce(sum(events), 0) FROM outbox_event", Long.class);
        return n == null ? 0 : n;
    }
}

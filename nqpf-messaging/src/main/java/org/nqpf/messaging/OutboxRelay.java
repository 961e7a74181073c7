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
 * consumers de-duplicate on the CloudEvent id. A row that can never be sent (too large for the broker, not
 * serialisable, an invalid topic, not an event at all) is moved to {@code outbox_parked} with its reason, so the rows
 * behind it go on; a failure that may pass keeps the batch where it is.
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

    /** An outbox row as read: its event, or why it cannot be one. */
    private record Row(long id, String topic, String key, CloudEvent event, String unreadable) {
    }

    /** Run every {@code nqpf.outbox.poll-interval}: relays until the outbox is empty. */
    public void relay() {
        try {
            int handled;
            do {
                handled = relayBatch();
            }
            while (handled == batchSize);
        }
        catch (RuntimeException e) {
            // Kafka unreachable or similar: rows stay in the outbox and the next poll tries again.
            log.warn("outbox relay paused: {}", e.getMessage());
        }
    }

    /**
     * Relays one batch; returns how many rows it took out of the outbox (published, or parked because they can
     * never be sent). A retriable failure of any row keeps the whole batch for the next try, as it was.
     */
    public int relayBatch() {
        int[] counts = tx.execute(status -> {
            Boolean locked = jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class, lockKey);
            if (!Boolean.TRUE.equals(locked)) {
                return new int[] {0, 0};
            }
            List<Row> rows = jdbc.query("""
                    SELECT id, topic, record_key, event_id, event_type, source, subject, event_time,
                           data_content_type, extensions::text, payload
                    FROM outbox_event ORDER BY id LIMIT ?""", this::row, batchSize);
            if (rows.isEmpty()) {
                return new int[] {0, 0};
            }
            List<CompletableFuture<?>> acks = new ArrayList<>(rows.size());
            for (Row row : rows) {
                // Binary mode: the SDK maps the attributes onto ce_* headers and the data onto the value. Sent in
                // the trace of the transaction that wrote the row: Kafka's observation adds its traceparent header.
                // A row written outside any trace (a feed's batch) is sent as it is, by the unobserved template: a
                // span per record, the root of a trace nobody started, cost the feed path a third of its rate.
                if (row.event() == null) {
                    acks.add(null);
                    continue;
                }
                TraceHeaders context = TraceHeaders.of(row.event());
                acks.add(context.isEmpty() ? send(untraced, row)
                        : trace.continueTrace("outbox relay", context, () -> send(kafka, row)));
            }
            Map<Long, String> parked = new LinkedHashMap<>();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ackTimeoutMs);
            for (int i = 0; i < rows.size(); i++) {
                Row row = rows.get(i);
                if (row.event() == null) {
                    parked.put(row.id(), row.unreadable());
                    continue;
                }
                String never = neverSent(acks.get(i), deadline);
                if (never != null) {
                    parked.put(row.id(), never);
                }
            }
            if (!parked.isEmpty()) {
                park(parked);
            }
            jdbc.update("DELETE FROM outbox_event WHERE id = ANY(?)",
                    (Object) rows.stream().map(Row::id).toArray(Long[]::new));
            return new int[] {rows.size() - parked.size(), parked.size()};
        });
        int sent = counts == null ? 0 : counts[0];
        int set = counts == null ? 0 : counts[1];
        published.increment(sent);
        return sent + set;
    }

    private static CompletableFuture<?> send(KafkaTemplate<String, byte[]> template, Row row) {
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

    /** Moves rows to the parked table with their reason, in the relay's transaction: they leave the outbox with it. */
    private void park(Map<Long, String> reasons) {
        jdbc.update("""
                INSERT INTO outbox_parked (id, topic, record_key, event_id, event_type, source, subject, event_time,
                                           data_content_type, extensions, payload, created_at, reason)
                SELECT o.id, o.topic, o.record_key, o.event_id, o.event_type, o.source, o.subject, o.event_time,
                       o.data_content_type, o.extensions, o.payload, o.created_at, r.reason
                FROM outbox_event o JOIN unnest(?::bigint[], ?::text[]) AS r(id, reason) ON r.id = o.id
                ON CONFLICT (id) DO NOTHING""",
                reasons.keySet().toArray(Long[]::new),
                reasons.values().stream().map(OutboxRelay::printable).toArray(String[]::new));
        reasons.forEach((id, reason) -> log.error("outbox row {} can never be sent, parked: {}", id, reason));
    }

    /** PostgreSQL text cannot hold NUL. */
    private static String printable(String s) {
        return s == null ? "unknown" : s.replace((char) 0, ' ');
    }

    private Row row(ResultSet rs, int n) throws SQLException {
        long id = rs.getLong(1);
        String topic = rs.getString(2);
        String key = rs.getString(3);
        try {
            CloudEventBuilder event = CloudEventBuilder.v1()
                    .withId(rs.getString(4))
                    .withType(rs.getString(5))
                    .withSource(URI.create(rs.getString(6)))
                    .withSubject(rs.getString(7))
                    .withTime(rs.getObject(8, OffsetDateTime.class))
                    .withDataContentType(rs.getString(9))
                    .withData(rs.getBytes(11));
            String extensions = rs.getString(10);
            if (extensions != null) {
                json.readValue(extensions, EXTENSIONS).forEach(event::withExtension);
            }
            return new Row(id, topic, key, event.build(), null);
        }
        catch (RuntimeException e) {
            // A row that is no event now never will be: set aside rather than block every row behind it.
            return new Row(id, topic, key, null, "not an event: " + e.getClass().getSimpleName() + ": "
                    + e.getMessage());
        }
    }

    /** Rows set aside because they can never be sent: an operator's to look at. */
    public long parked() {
        Long n = jdbc.queryForObject("SELECT count(*) FROM outbox_parked", Long.class);
        return n == null ? 0 : n;
    }

    /** Rows waiting to be published: an operator's measure of lag. */
    public long pending() {
        Long n = jdbc.queryForObject("SELECT count(*) FROM outbox_event", Long.class);
        return n == null ? 0 : n;
    }
}

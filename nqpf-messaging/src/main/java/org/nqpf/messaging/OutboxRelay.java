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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
 * consumers de-duplicate on the CloudEvent id.
 */
public class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final TypeReference<Map<String, String>> EXTENSIONS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final KafkaTemplate<String, byte[]> kafka;
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
    }

    /** Sends each row within the trace context the outbox stored with it. */
    public OutboxRelay tracing(TraceContinuation trace) {
        this.trace = trace;
        return this;
    }

    private record Row(long id, String topic, String key, CloudEvent event) {
    }

    /** Run every {@code nqpf.outbox.poll-interval}: relays until the outbox is empty. */
    public void relay() {
        try {
            int sent;
            do {
                sent = relayBatch();
            }
            while (sent == batchSize);
        }
        catch (RuntimeException e) {
            // Kafka unreachable or similar: rows stay in the outbox and the next poll tries again.
            log.warn("outbox relay paused: {}", e.getMessage());
        }
    }

    /** Relays one batch; returns how many rows it published. */
    public int relayBatch() {
        Integer count = tx.execute(status -> {
            Boolean locked = jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class, lockKey);
            if (!Boolean.TRUE.equals(locked)) {
                return 0;
            }
            List<Row> rows = jdbc.query("""
                    SELECT id, topic, record_key, event_id, event_type, source, subject, event_time,
                           data_content_type, extensions::text, payload
                    FROM outbox_event ORDER BY id LIMIT ?""", this::row, batchSize);
            if (rows.isEmpty()) {
                return 0;
            }
            List<CompletableFuture<?>> acks = new ArrayList<>(rows.size());
            for (Row row : rows) {
                // Binary mode: the SDK maps the attributes onto ce_* headers and the data onto the value. Sent in
                // the trace of the transaction that wrote the row: Kafka's observation adds its traceparent header.
                // A row written outside any trace (a feed's batch) is sent as it is: no span of our own per record.
                TraceHeaders context = traceOf(row.event());
                java.util.function.Supplier<CompletableFuture<?>> send = () -> kafka.send(
                        KafkaMessageFactory.createWriter(row.topic(), null, null, row.key()).writeBinary(row.event()));
                acks.add(context.isEmpty() ? send.get() : trace.continueTrace("outbox relay", context, send));
            }
            try {
                CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(ackTimeoutMs, TimeUnit.MILLISECONDS);
            }
            catch (Exception e) {
                throw new IllegalStateException("broker did not acknowledge the outbox batch", e);
            }
            jdbc.update("DELETE FROM outbox_event WHERE id = ANY(?)",
                    (Object) rows.stream().map(Row::id).toArray(Long[]::new));
            return rows.size();
        });
        int n = count == null ? 0 : count;
        published.increment(n);
        return n;
    }

    private Row row(ResultSet rs, int n) throws SQLException {
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
        return new Row(rs.getLong(1), rs.getString(2), rs.getString(3), event.build());
    }

    private static TraceHeaders traceOf(CloudEvent event) {
        return new TraceHeaders(extension(event, TraceHeaders.TRACEPARENT), extension(event, TraceHeaders.TRACESTATE),
                extension(event, TraceHeaders.BAGGAGE));
    }

    private static String extension(CloudEvent event, String name) {
        Object value = event.getExtension(name);
        return value == null ? null : value.toString();
    }

    /** Rows waiting to be published: an operator's measure of lag. */
    public long pending() {
        Long n = jdbc.queryForObject("SELECT count(*) FROM outbox_event", Long.class);
        return n == null ? 0 : n;
    }
}

package org.nqpf.indicator.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.tracing.BaggageInScope;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.nqpf.contracts.EventTypes;
import org.nqpf.messaging.Events;
import org.nqpf.messaging.Outbox;
import org.nqpf.testsupport.KafkaProbe;
import org.nqpf.testsupport.ServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outbox hop keeps the trace: a row written inside a span carries that span's W3C trace context in its
 * extensions, and the record the relay sends later, from its own thread, continues it (same trace id, a new parent
 * span: the relay's send) with the correlation id still in its baggage.
 */
@ServiceTest
class OutboxTraceContextIT {

    @Autowired
    Outbox outbox;

    @Autowired
    Events events;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    Tracer tracer;

    @Autowired
    JsonMapper json;

    @Test
    void should_ContinueTheWritersTrace_When_TheRelaySendsAnOutboxRow() {
        String topic = "nqpf.test.outbox-trace-" + UUID.randomUUID();
        String correlationId = "outbox-trace-" + UUID.randomUUID();
        Span writer = tracer.nextSpan().name("writer").start();
        JsonNode stored;
        String eventId;
        try (Tracer.SpanInScope scope = tracer.withSpan(writer);
                BaggageInScope baggage = tracer.createBaggageInScope("correlationId", correlationId)) {
            var event = events.create(EventTypes.OBSERVATION_RECORDED, "CN-11", Map.of("seq", 1));
            eventId = event.getId();
            // Read back inside the writing transaction: the relay cannot see the row before it commits.
            stored = tx.execute(status -> {
                outbox.append(topic, "CN-11", event);
                return json.readTree(jdbc.queryForObject("""
                        SELECT o.extensions[array_position(o.event_ids, ?)]::text FROM outbox_event o
                        WHERE ? = ANY(o.event_ids)""", String.class, eventId, eventId));
            });
        }
        finally {
            writer.end();
        }
        String traceId = writer.context().traceId();
        assertThat(stored.path("traceparent").asString())
                .isEqualTo("00-" + traceId + "-" + writer.context().spanId() + "-01");
        assertThat(stored.path("baggage").asString()).contains("correlationId=" + correlationId);

        try (KafkaProbe probe = new KafkaProbe()) {
            List<ConsumerRecord<String, byte[]>> records = probe.read(topic,
                    r -> eventId.equals(KafkaProbe.header(r, "ce_id")), 1, Duration.ofSeconds(30));
            assertThat(records).as("the relayed record").hasSize(1);
            ConsumerRecord<String, byte[]> record = records.get(0);
            String traceparent = KafkaProbe.header(record, "traceparent");
            assertThat(traceparent).as("Kafka's trace header: the same trace").startsWith("00-" + traceId + "-");
            assertThat(traceparent).as("a child span, the relay's send").doesNotContain(writer.context().spanId());
            // The event itself names the context it was written in (CloudEvents Distributed Tracing extension).
            assertThat(KafkaProbe.header(record, "ce_traceparent")).isEqualTo(stored.path("traceparent").asString());
            assertThat(KafkaProbe.header(record, "correlationId")).isEqualTo(correlationId);
        }
    }
}

package org.nqpf.messaging;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes events into the transactional outbox. Call it inside the transaction that changes the state the event
 * announces: both commit or neither does. {@link OutboxRelay} then publishes them.
 */
public class Outbox {

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    public Outbox(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
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
        List<Object[]> rows = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            // Binary mode: the SDK maps the attributes onto ce_* headers and the data onto the value.
            ProducerRecord<String, byte[]> record = KafkaMessageFactory
                    .createWriter(entry.topic(), null, null, entry.key())
                    .writeBinary(entry.event());
            Map<String, String> headers = new LinkedHashMap<>();
            for (Header header : record.headers()) {
                headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
            rows.add(new Object[] {entry.topic(), entry.key(), entry.event().getId(), entry.event().getType(),
                    json.writeValueAsString(headers), record.value()});
        }
        jdbc.batchUpdate("""
                INSERT INTO outbox_event (topic, record_key, event_id, event_type, headers, payload)
                VALUES (?, ?, ?, ?, ?::jsonb, ?)""", rows);
    }
}

package org.nqpf.messaging;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.nio.charset.StandardCharsets;
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
        int n = entries.size();
        String[] topic = new String[n];
        String[] key = new String[n];
        String[] id = new String[n];
        String[] type = new String[n];
        String[] headers = new String[n];
        byte[][] payload = new byte[n][];
        for (int i = 0; i < n; i++) {
            Entry entry = entries.get(i);
            // Binary mode: the SDK maps the attributes onto ce_* headers and the data onto the value.
            ProducerRecord<String, byte[]> record = KafkaMessageFactory
                    .createWriter(entry.topic(), null, null, entry.key())
                    .writeBinary(entry.event());
            Map<String, String> h = new LinkedHashMap<>();
            for (Header header : record.headers()) {
                h.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
            topic[i] = entry.topic();
            key[i] = entry.key();
            id[i] = entry.event().getId();
            type[i] = entry.event().getType();
            headers[i] = json.writeValueAsString(h);
            payload[i] = record.value();
        }
        // One statement for the batch: each column travels as one array, ids keep the order of the list.
        jdbc.update("""
                INSERT INTO outbox_event (topic, record_key, event_id, event_type, headers, payload)
                SELECT topic, record_key, event_id, event_type, headers, payload
                FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::jsonb[], ?::bytea[])
                WITH ORDINALITY AS e(topic, record_key, event_id, event_type, headers, payload, n) ORDER BY n""",
                topic, key, id, type, headers, payload);
    }
}

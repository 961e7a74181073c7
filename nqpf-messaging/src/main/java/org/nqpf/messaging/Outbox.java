package org.nqpf.messaging;

import io.cloudevents.CloudEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        String[] source = new String[n];
        String[] subject = new String[n];
        String[] time = new String[n];
        String[] contentType = new String[n];
        String[] extensions = new String[n];
        byte[][] data = new byte[n][];
        for (int i = 0; i < n; i++) {
            Entry entry = entries.get(i);
            CloudEvent event = entry.event();
            topic[i] = entry.topic();
            key[i] = entry.key();
            id[i] = event.getId();
            type[i] = event.getType();
            source[i] = event.getSource().toString();
            subject[i] = event.getSubject();
            time[i] = event.getTime() == null ? null : event.getTime().toString();
            contentType[i] = event.getDataContentType();
            extensions[i] = extensions(event);
            data[i] = event.getData() == null ? null : event.getData().toBytes();
        }
        // One statement for the batch: each column travels as one array; ids follow the order of the list.
        jdbc.update("""
                INSERT INTO outbox_event (topic, record_key, event_id, event_type, source, subject, event_time,
                                          data_content_type, extensions, payload)
                SELECT topic, record_key, event_id, event_type, source, subject, event_time, data_content_type,
                       extensions, payload
                FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[],
                            ?::text[], ?::jsonb[], ?::bytea[])
                WITH ORDINALITY AS e(topic, record_key, event_id, event_type, source, subject, event_time,
                                     data_content_type, extensions, payload, n)
                ORDER BY n""",
                topic, key, id, type, source, subject, time, contentType, extensions, data);
    }

    private String extensions(CloudEvent event) {
        if (event.getExtensionNames().isEmpty()) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : event.getExtensionNames()) {
            values.put(name, String.valueOf(event.getExtension(name)));
        }
        return json.writeValueAsString(values);
    }
}

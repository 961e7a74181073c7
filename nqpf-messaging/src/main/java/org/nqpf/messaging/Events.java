package org.nqpf.messaging;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.nqpf.contracts.EventTypes;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns payloads into CloudEvents and back, with the CloudEvents SDK doing the Kafka protocol binding
 * (binary mode out; binary or structured mode in).
 */
public class Events {

    private final JsonMapper json;
    private final URI source;

    public Events(JsonMapper json, String source) {
        this.json = json;
        this.source = URI.create(source);
    }

    public URI source() {
        return source;
    }

    /** A new event with a random id. */
    public CloudEvent create(String type, String subject, Object payload) {
        return create(UUID.randomUUID().toString(), type, subject, payload);
    }

    /** A new event whose id is chosen by the caller, e.g. derived from what it announces so re-sends dedupe. */
    public CloudEvent create(String id, String type, String subject, Object payload) {
        EventTypes.of(type); // fail fast on an unknown type
        return CloudEventBuilder.v1()
                .withId(id)
                .withType(type)
                .withSource(source)
                .withSubject(subject)
                .withTime(OffsetDateTime.now(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(json.writeValueAsBytes(payload))
                .build();
    }

    /** Reads a record written in either CloudEvents Kafka mode; a record that is no CloudEvent is rejected. */
    public static CloudEvent read(ConsumerRecord<String, byte[]> record) {
        try {
            return KafkaMessageFactory.createReader(record).toEvent();
        }
        catch (RuntimeException e) {
            throw new RejectedEventException("not a CloudEvent: " + e.getMessage(), e);
        }
    }

    /** The event's JSON data as the payload class of its contract; a type or body that does not fit is rejected. */
    public <T> T payload(CloudEvent event, Class<T> type) {
        if (event.getData() == null) {
            throw new RejectedEventException("event " + event.getId() + " has no data");
        }
        try {
            return json.readValue(event.getData().toBytes(), type);
        }
        catch (JacksonException e) {
            throw new RejectedEventException("event " + event.getId() + " data is not a valid " + type.getSimpleName()
                    + ": " + e.getOriginalMessage(), e);
        }
    }
}

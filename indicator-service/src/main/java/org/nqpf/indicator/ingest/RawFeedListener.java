package org.nqpf.indicator.ingest;

import io.cloudevents.CloudEvent;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.nqpf.contracts.EventTypes;
import org.nqpf.contracts.ObservationSubmitted;
import org.nqpf.contracts.Topics;
import org.nqpf.messaging.Events;
import org.nqpf.messaging.ProcessedEvents;
import org.nqpf.messaging.RejectedEventException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Kafka edge of ingestion: government data feeds. An invalid record is rejected to the dead-letter topic with its
 * reason; a redelivered event (same {@code ce_id}) changes nothing.
 */
@Component
class RawFeedListener {

    static final String CONSUMER = "indicator-service:raw-feed";

    private final Ingestion ingestion;
    private final Events events;
    private final ProcessedEvents processed;

    RawFeedListener(Ingestion ingestion, Events events, ProcessedEvents processed) {
        this.ingestion = ingestion;
        this.events = events;
        this.processed = processed;
    }

    @KafkaListener(topics = Topics.OBSERVATIONS_RAW)
    @Transactional
    public void on(ConsumerRecord<String, byte[]> record) {
        CloudEvent event = Events.read(record);
        if (!EventTypes.OBSERVATION_SUBMITTED.equals(event.getType())) {
            throw new RejectedEventException("unexpected event type " + event.getType() + " on " + record.topic()
                    + ", expected " + EventTypes.OBSERVATION_SUBMITTED);
        }
        if (!processed.firstDelivery(CONSUMER, event.getId())) {
            return;
        }
        ObservationSubmitted s = events.payload(event, ObservationSubmitted.class);
        String source = s.source() != null ? s.source() : event.getSource().toString();
        IngestResult result = ingestion.ingest(
                List.of(ObservationRow.of(1, s.entity(), s.indicator(), s.period(), s.value(), s.unit(), source)),
                Channel.KAFKA);
        if (!result.rejected().isEmpty()) {
            Rejection r = result.rejected().get(0);
            throw new RejectedEventException("event " + event.getId() + " rejected: " + r.field() + ": " + r.detail());
        }
    }
}

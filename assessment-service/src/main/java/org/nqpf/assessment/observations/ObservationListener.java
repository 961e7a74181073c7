package org.nqpf.assessment.observations;

import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.nqpf.contracts.EventTypes;
import org.nqpf.contracts.ObservationRecorded;
import org.nqpf.contracts.Topics;
import org.nqpf.messaging.Events;
import org.nqpf.messaging.ProcessedEvents;
import org.nqpf.messaging.RejectedEventException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The Kafka edge: canonical observations from indicator-service into the projection, once per event id. */
@Component
class ObservationListener {

    static final String CONSUMER = "assessment-service";

    private final Events events;
    private final ProcessedEvents processed;
    private final ObservationProjection projection;

    ObservationListener(Events events, ProcessedEvents processed, ObservationProjection projection) {
        this.events = events;
        this.processed = processed;
        this.projection = projection;
    }

    @KafkaListener(topics = Topics.OBSERVATIONS)
    @Transactional
    public void on(ConsumerRecord<String, byte[]> record) {
        CloudEvent event = Events.read(record);
        if (!EventTypes.OBSERVATION_RECORDED.equals(event.getType())) {
            throw new RejectedEventException("event " + event.getId() + " on " + record.topic() + " has type "
                    + event.getType() + ", expected " + EventTypes.OBSERVATION_RECORDED);
        }
        if (!processed.firstDelivery(CONSUMER, event.getId())) {
            return; // a redelivery changes nothing
        }
        projection.apply(events.payload(event, ObservationRecorded.class));
    }
}

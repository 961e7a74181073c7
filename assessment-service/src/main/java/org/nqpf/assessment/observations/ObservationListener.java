package org.nqpf.assessment.observations;

import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.nqpf.contracts.EventTypes;
import org.nqpf.contracts.ObservationRecorded;
import org.nqpf.contracts.Topics;
import org.nqpf.messaging.EventDispatcher;
import org.nqpf.messaging.InboundEvents;
import org.nqpf.messaging.TraceHeaders;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The Kafka edge: canonical observations from indicator-service into the projection, once per event id. Taken in
 * batches, one transaction each: a feed's burst costs one commit and one mark per cohort-period per batch, where a
 * transaction per observation waited each time on the mark a running recompute holds.
 */
@Component
class ObservationListener {

    static final String CONSUMER = "assessment-service";

    private final EventDispatcher dispatcher;
    private final ObservationProjection projection;

    ObservationListener(InboundEvents inbound, ObservationProjection projection) {
        this.projection = projection;
        this.dispatcher = inbound.consumer(CONSUMER)
                .accept(EventTypes.OBSERVATION_RECORDED, ObservationRecorded.class)
                .build();
    }

    @KafkaListener(topics = Topics.OBSERVATIONS, batch = "true")
    public void on(List<ConsumerRecord<String, byte[]>> records) {
        dispatcher.dispatchBatch(records, ObservationRecorded.class,
                batch -> projection.apply(batch.stream()
                        .map(in -> new ObservationProjection.Change(in.payload(), TraceHeaders.of(in.event())))
                        .toList()));
    }
}

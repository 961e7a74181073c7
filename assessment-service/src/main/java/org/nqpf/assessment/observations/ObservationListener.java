package org.nqpf.assessment.observations;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.nqpf.contracts.EventTypes;
import org.nqpf.contracts.ObservationRecorded;
import org.nqpf.contracts.Topics;
import org.nqpf.messaging.EventDispatcher;
import org.nqpf.messaging.InboundEvents;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** The Kafka edge: canonical observations from indicator-service into the projection, once per event id. */
@Component
class ObservationListener {

    static final String CONSUMER = "assessment-service";

    private final EventDispatcher dispatcher;

    ObservationListener(InboundEvents inbound, ObservationProjection projection) {
        this.dispatcher = inbound.consumer(CONSUMER)
                .on(EventTypes.OBSERVATION_RECORDED, ObservationRecorded.class,
                        (event, observation) -> projection.apply(observation))
                .build();
    }

    @KafkaListener(topics = Topics.OBSERVATIONS)
    public void on(ConsumerRecord<String, byte[]> record) {
        dispatcher.dispatch(record);
    }
}

package org.nqpf.roadmap.access;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.nqpf.contracts.EntityChanged;
import org.nqpf.contracts.EventTypes;
import org.nqpf.contracts.Topics;
import org.nqpf.messaging.EventDispatcher;
import org.nqpf.messaging.InboundEvents;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** The Kafka edge of tenancy: the registry's entities, each event once, into {@link EntityTenants}. */
@Component
class EntityListener {

    /** The inbox name of this consumer; the Kafka group is the service's own (spring.kafka.consumer.group-id). */
    static final String CONSUMER = "roadmap-service.entities";

    private final EventDispatcher dispatcher;
    private final EntityTenants tenants;

    EntityListener(InboundEvents inbound, EntityTenants tenants) {
        this.tenants = tenants;
        this.dispatcher = inbound.consumer(CONSUMER)
                .on(EventTypes.ENTITY_CHANGED, EntityChanged.class, (event, entity) -> tenants.apply(entity))
                .build();
    }

    @KafkaListener(topics = Topics.ENTITIES)
    public void on(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            if (record.key() != null) {
                tenants.remove(record.key());
            }
            return;
        }
        dispatcher.dispatch(record);
    }
}

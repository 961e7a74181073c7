package org.nqpf.security.tenancy;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.nqpf.contracts.EntityChanged;
import org.nqpf.contracts.EventTypes;
import org.nqpf.contracts.Topics;
import org.nqpf.messaging.EventDispatcher;
import org.nqpf.messaging.InboundEvents;
import org.springframework.kafka.annotation.KafkaListener;

/** The Kafka edge of tenancy: the registry's entities, each event once, into {@link EntityTenants}. */
public class EntityListener {

    private final EventDispatcher dispatcher;
    private final EntityTenants tenants;

    /**
     * @param consumer the inbox name of this consumer; the Kafka group is the service's own
     *                 (spring.kafka.consumer.group-id)
     */
    public EntityListener(InboundEvents inbound, EntityTenants tenants, String consumer) {
        this.tenants = tenants;
        this.dispatcher = inbound.consumer(consumer)
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

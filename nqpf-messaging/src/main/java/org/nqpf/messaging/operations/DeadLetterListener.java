package org.nqpf.messaging.operations;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.MessageListener;

/** The Kafka edge of dead letters: every record on the service's dead-letter topics into its table, once. */
class DeadLetterListener implements MessageListener<String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterListener.class);

    private final DeadLetterRecords records;

    DeadLetterListener(DeadLetterRecords records) {
        this.records = records;
    }

    @Override
    public void onMessage(ConsumerRecord<String, byte[]> record) {
        if (records.store(record)) {
            log.info("dead letter kept from {}-{}@{}", record.topic(), record.partition(), record.offset());
        }
    }
}

package org.nqpf.indicator.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.nqpf.contracts.EventTypes;
import org.nqpf.messaging.Events;
import org.nqpf.messaging.Outbox;
import org.nqpf.messaging.OutboxRelay;
import org.nqpf.testsupport.KafkaProbe;
import org.nqpf.testsupport.ServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Several instances of a service relay one outbox: each event is published once, each key's events in order. */
@ServiceTest
class OutboxRelayIT {

    private static final int EVENTS = 3000;
    private static final int KEYS = 10;

    @Autowired
    Outbox outbox;

    @Autowired
    Events events;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    KafkaTemplate<?, ?> kafka;

    @Autowired
    JsonMapper json;

    @Autowired
    MeterRegistry meters;

    @Test
    @SuppressWarnings("unchecked")
    void should_PublishEachEventOnceAndInOrder_When_SeveralInstancesRelayTheSameOutbox() throws Exception {
        String topic = "nqpf.test.outbox-" + UUID.randomUUID();
        for (int from = 0; from < EVENTS; from += 1000) {
            List<Outbox.Entry> entries = new ArrayList<>();
            for (int n = from; n < from + 1000; n++) {
                String key = "key-" + n % KEYS;
                entries.add(new Outbox.Entry(topic, key, events.create(EventTypes.OBSERVATION_RECORDED, key,
                        Map.of("seq", n))));
            }
            tx.executeWithoutResult(status -> outbox.appendAll(entries));
        }

        // Two more instances' relays, small batches so they contend many times, beside the service's own.
        List<CompletableFuture<Void>> instances = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            OutboxRelay relay = new OutboxRelay(jdbc, tx, (KafkaTemplate<String, byte[]>) kafka, json,
                    "outbox:indicator-service", 50, meters);
            instances.add(CompletableFuture.runAsync(() -> {
                while (pending(topic) > 0) {
                    relay.relayBatch();
                }
            }));
        }
        CompletableFuture.allOf(instances.toArray(CompletableFuture[]::new)).get(120, java.util.concurrent.TimeUnit.SECONDS);

        try (KafkaProbe probe = new KafkaProbe()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> probe.count(topic) >= EVENTS);
            assertThat(probe.count(topic)).as("records on the topic: no event published twice").isEqualTo(EVENTS);
            List<ConsumerRecord<String, byte[]>> records = probe.read(topic, r -> true, EVENTS, Duration.ofSeconds(30));
            Set<String> ids = new HashSet<>();
            Map<String, Integer> lastSeq = new HashMap<>();
            for (ConsumerRecord<String, byte[]> r : records) {
                ids.add(KafkaProbe.header(r, "ce_id"));
                int seq = json.readTree(r.value()).path("seq").asInt();
                Integer before = lastSeq.put(r.key(), seq);
                assertThat(before == null || before < seq).as("key %s: %s after %s", r.key(), seq, before).isTrue();
            }
            assertThat(ids).hasSize(EVENTS);
        }
    }

    private int pending(String topic) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM outbox_event WHERE topic = ?", Integer.class, topic);
        return n == null ? 0 : n;
    }
}

package org.nqpf.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.nqpf.contracts.EventTypes;
import org.nqpf.messaging.operations.DeadLetterRecords;
import org.nqpf.testsupport.KafkaProbe;
import org.nqpf.testsupport.NqpfInfrastructure;
import org.nqpf.testsupport.Poll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An outbox row that can never be sent does not hold up the rows behind it: on the real broker, a row larger than the
 * producer may send and a row that is no event are set aside with their reason, and the rest go out in order.
 */
@SpringBootTest(classes = OutboxParkingIT.App.class, properties = {
        "spring.application.name=outbox-parking-it",
        "spring.flyway.schemas=parking", "spring.flyway.default-schema=parking",
        "spring.datasource.hikari.schema=parking",
        "spring.flyway.locations=classpath:db/it-service",
        "spring.kafka.listener.auto-startup=false",
        "nqpf.outbox.poll-interval=100ms"})
@NqpfInfrastructure
class OutboxParkingIT {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }

    final KafkaProbe kafka = KafkaProbe.shared();

    @Autowired
    Outbox outbox;

    @Autowired
    Events events;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    tools.jackson.databind.json.JsonMapper json;

    @Autowired
    DeadLetterRecords records;

    @Autowired
    MeterRegistry meters;

    @Test
    void should_PublishTheEventsBesideAndBehindInOrder_And_ParkTheEventsThatCanNeverBeSentWithTheirReason() {
        String topic = "it.parking." + UUID.randomUUID();
        CloudEvent first = event("first", 1);
        CloudEvent tooLarge = event("too-large", 1_500_000); // over the producer's max.request.size (1 MB)
        CloudEvent fourth = event("fourth", 1);
        CloudEvent fifth = event("fifth", 1);
        tx.executeWithoutResult(s -> outbox.appendAll(List.of(new Outbox.Entry(topic, "k", first),
                new Outbox.Entry(topic, "k", tooLarge))));
        // A row whose middle event is no event at all (its source is no URI), between two good ones.
        tx.executeWithoutResult(s -> jdbc.update("""
                INSERT INTO outbox_event (topic, events, record_keys, event_ids, event_types, sources, payloads)
                VALUES (?, 3, '{k,k,k}', '{second,unreadable,third}', ARRAY[?, ?, ?],
                        '{/s,"http://[not a uri",/s}', '{"\\\\x7b7d","\\\\x7b7d","\\\\x7b7d"}')""", topic,
                EventTypes.OBSERVATION_RECORDED, EventTypes.OBSERVATION_RECORDED, EventTypes.OBSERVATION_RECORDED));
        tx.executeWithoutResult(s -> outbox.appendAll(List.of(new Outbox.Entry(topic, "k", fourth),
                new Outbox.Entry(topic, "k", fifth))));

        List<ConsumerRecord<String, byte[]>> published = kafka.read(topic, r -> true, 5, Duration.ofSeconds(30));
        assertThat(published).extracting(r -> KafkaProbe.header(r, "ce_id"))
                .as("the events beside and behind the bad ones, in their order")
                .containsExactly("first", "second", "third", "fourth", "fifth");
        assertThat(kafka.read(topic, r -> true, 6, Duration.ofSeconds(3))).as("nothing else").hasSize(5);

        List<DeadLetterRecords.ParkedRow> parked = Poll.until("both bad rows parked", Duration.ofSeconds(10),
                Duration.ofMillis(100), () -> records.parked(100).stream()
                        .filter(p -> p.topic().equals(topic)).toList(), rows -> rows.size() == 2);
        assertThat(parked).extracting(DeadLetterRecords.ParkedRow::eventId)
                .containsExactlyInAnyOrder("too-large", "unreadable");
        assertThat(parked).filteredOn(p -> p.eventId().equals("too-large")).singleElement()
                .satisfies(p -> assertThat(p.reason()).startsWith("RecordTooLargeException"));
        assertThat(parked).filteredOn(p -> p.eventId().equals("unreadable")).singleElement()
                .satisfies(p -> assertThat(p.reason()).startsWith("not an event"));
        assertThat(jdbc.queryForList("SELECT position FROM outbox_parked WHERE event_id IN ('too-large', 'unreadable')"
                + " ORDER BY event_id", Integer.class)).as("each parked by its place in its outbox row")
                .containsExactly(2, 2);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox_event WHERE topic = ?", Long.class, topic))
                .as("nothing of the topic left in the outbox").isZero();
        assertThat(jdbc.queryForObject("SELECT octet_length(payload) FROM outbox_parked WHERE event_id = 'too-large'",
                Integer.class)).as("the parked row kept as it was").isGreaterThan(1_500_000);
        assertThat(meters.get("nqpf.outbox.parked").gauge().value()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void should_SplitATopicsEventsIntoRowsOfAtMostTheRowSize_And_PublishThemInOrder() {
        String topic = "it.rows." + UUID.randomUUID();
        Outbox small = new Outbox(jdbc, json, TraceContinuation.none(), 2);
        List<Outbox.Entry> entries = new java.util.ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            entries.add(new Outbox.Entry(topic, "k", event("row-" + i, 1)));
        }
        List<Integer> sizes = tx.execute(s -> {
            small.appendAll(entries);
            return jdbc.queryForList("SELECT events FROM outbox_event WHERE topic = ? ORDER BY id", Integer.class,
                    topic);
        });
        assertThat(sizes).as("rows of at most two events, in order").containsExactly(2, 2, 1);
        assertThat(kafka.read(topic, r -> true, 5, Duration.ofSeconds(30)))
                .extracting(r -> KafkaProbe.header(r, "ce_id"))
                .containsExactly("row-1", "row-2", "row-3", "row-4", "row-5");
    }

    private CloudEvent event(String id, int size) {
        return events.create(id, EventTypes.OBSERVATION_RECORDED, "k", Map.of("blob", "x".repeat(size)));
    }
}

package org.nqpf.indicator.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nqpf.contracts.EventTypes;
import org.nqpf.contracts.Topics;
import org.nqpf.testsupport.KafkaProbe;
import org.nqpf.testsupport.Poll;
import org.nqpf.testsupport.ServiceTest;
import org.nqpf.testsupport.TcpProxy;
import org.nqpf.testsupport.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * A PostgreSQL outage longer than every retry the consumer used to make (4 tries of at most 3 s each, then the whole
 * raw-feed batch went to the dead-letter topic): the feed's records wait, and once the database is back each is
 * stored exactly once and none is dead-lettered. The cut is real: the service's datasource goes through a TCP proxy
 * ({@code nqpf.test.database-proxy} in the test profile) that closes every connection and refuses new ones.
 */
@ServiceTest
class DatabaseOutageIT {

    private static final Duration CUT = Duration.ofSeconds(20);
    private static final java.util.regex.Pattern PERIODS = java.util.regex.Pattern.compile(
            "\"period\":\"20(7[1-9]|8\\d|90)\"");

    final KafkaProbe kafka = KafkaProbe.shared();
    final TcpProxy database = TestInfrastructure.postgresProxy();

    @Autowired
    ObservationStore store;

    @Autowired
    JsonMapper json;

    @AfterEach
    void restore() {
        database.restore();
    }

    @Test
    void should_StoreEveryFeedRecordOnce_And_DeadLetterNone_When_TheDatabaseIsCutLongerThanTheRetries()
            throws InterruptedException {
        String feed = Topics.rawFeed("outage-stats");
        // The listener subscribes by pattern: wait until it reads this new feed before the database goes away.
        CloudEvent warmUp = submitted("CN-51", "RD_INTENSITY", "2070", 1.0);
        kafka.send(KafkaMessageFactory.createWriter(feed, null, null, "CN-51").writeBinary(warmUp));
        Poll.until("the feed's first record stored", Duration.ofSeconds(60), Duration.ofMillis(200),
                () -> store.current("CN-51", "RD_INTENSITY", "2070", 1), list -> !list.isEmpty());

        database.cut();
        int refusedBefore = database.refusedConnections();
        List<ProducerRecord<String, byte[]>> burst = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<String> entities = List.of("CN-51", "CN-52", "CN-53");
        for (int i = 0; i < 60; i++) {
            String entity = entities.get(i % entities.size());
            CloudEvent event = submitted(entity, "RD_INTENSITY", String.valueOf(2071 + i / 3), 1 + i / 10.0);
            ids.add(event.getId());
            burst.add(KafkaMessageFactory.createWriter(feed, null, null, entity).writeBinary(event));
        }
        kafka.sendAll(burst);
        Thread.sleep(CUT.toMillis());
        assertThat(database.refusedConnections()).as("the service kept trying its database during the cut")
                .isGreaterThan(refusedBefore);
        database.restore();

        Set<String> wanted = Set.copyOf(ids);
        Poll.until("all 60 records stored after the outage", Duration.ofSeconds(90), Duration.ofMillis(500),
                () -> stored(entities), found -> found.size() >= 60);
        for (int i = 0; i < 60; i++) {
            String entity = entities.get(i % entities.size());
            assertThat(store.history(entity, "RD_INTENSITY", String.valueOf(2071 + i / 3)))
                    .as("record %d stored once", i).extracting(StoredObservation::value).containsExactly(1 + i / 10.0);
        }
        assertThat(kafka.read(Topics.deadLetter(feed), r -> wanted.contains(KafkaProbe.header(r, "ce_id")), 1,
                Duration.ofSeconds(5))).as("nothing dead-lettered for the outage").isEmpty();
        long published = kafka.read(Topics.OBSERVATIONS, r -> entities.contains(r.key())
                && PERIODS.matcher(new String(r.value(), StandardCharsets.UTF_8)).find(), 61,
                Duration.ofSeconds(15)).size();
        assertThat(published).as("one canonical event per stored record, none doubled").isEqualTo(60);
    }

    private List<String> stored(List<String> entities) {
        List<String> found = new ArrayList<>();
        for (String entity : entities) {
            for (int p = 2071; p <= 2090; p++) {
                if (!store.current(entity, "RD_INTENSITY", String.valueOf(p), 1).isEmpty()) {
                    found.add(entity + p);
                }
            }
        }
        return found;
    }

    private CloudEvent submitted(String entity, String indicator, String period, double value) {
        String data = json.writeValueAsString(Map.of("entity", entity, "indicator", indicator, "period", period,
                "value", value, "source", "outage-stats"));
        return CloudEventBuilder.v1().withId(UUID.randomUUID().toString())
                .withType(EventTypes.OBSERVATION_SUBMITTED).withSource(URI.create("/feeds/test"))
                .withDataContentType("application/json").withData(data.getBytes(StandardCharsets.UTF_8)).build();
    }
}

package org.nqpf.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nqpf.contracts.Dimension.LABORERS;
import static org.nqpf.contracts.Subsystem.AI;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.nqpf.contracts.EventTypes;
import org.nqpf.contracts.ObservationRecorded;
import org.nqpf.contracts.Topics;
import org.nqpf.messaging.MessagingAutoConfiguration;
import org.nqpf.testsupport.ApiClient.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import tools.jackson.databind.JsonNode;

/**
 * assessment-service keeps the dead letters of what it consumes and replays them through the Operations API; a
 * replayed observation is applied once however often it is replayed (the inbox knows its ce_id).
 */
class DeadLetterReplayIT extends IntegrationTest {

    private static final String OPS = "/api/v1/operations";

    @Autowired
    JdbcTemplate jdbc;

    private double redeliveries() {
        return meters.counter("nqpf.inbox.redeliveries", "consumer", "assessment-service").count();
    }

    @Test
    void should_ApplyAReplayedObservationOnce_When_ItsDeadLetterIsReplayedTwice() {
        String run = unique();
        String entity = "R-" + run;
        ObservationRecorded observation = observation(entity, List.of("replay-" + run), "L1", LABORERS, AI, 1,
                "2021", 5.0, 1);
        String eventId = UUID.randomUUID().toString();
        CloudEvent event = events.create(eventId, EventTypes.OBSERVATION_RECORDED, entity, observation);
        // A valid observation that an earlier release dead-lettered during a database outage, as it sits on the
        // dead-letter topic: the record as it was, plus the dead-lettering headers.
        ProducerRecord<String, byte[]> dead = KafkaMessageFactory
                .createWriter(Topics.deadLetter(Topics.OBSERVATIONS), null, null, entity).writeBinary(event);
        dead.headers().add(MessagingAutoConfiguration.DLT_REASON_HEADER,
                "Unable to acquire JDBC Connection".getBytes(StandardCharsets.UTF_8));
        dead.headers().add(KafkaHeaders.DLT_ORIGINAL_TOPIC, Topics.OBSERVATIONS.getBytes(StandardCharsets.UTF_8));
        probe().send(dead);

        JsonNode letter = api.awaitUntil(OPS + "/dead-letters?status=NEW&limit=1000", r -> r.body().path("items")
                .valueStream().anyMatch(i -> eventId.equals(i.path("eventId").asString())), WAIT).body()
                .path("items").valueStream().filter(i -> eventId.equals(i.path("eventId").asString())).findFirst()
                .orElseThrow();
        assertThat(letter.path("sourceTopic").asString()).isEqualTo(Topics.OBSERVATIONS);
        assertThat(letter.path("reason").asString()).isEqualTo("Unable to acquire JDBC Connection");
        long id = letter.path("id").asLong();

        double skippedBefore = redeliveries();
        for (int i = 0; i < 2; i++) {
            Response replayed = api.post(OPS + "/dead-letters/replay", "{\"ids\": [" + id + "]}");
            assertThat(replayed.status()).as(replayed.text()).isEqualTo(200);
            assertThat(replayed.map()).containsEntry("replayed", 1);
        }

        JsonNode assessment = awaitAssessment("/api/v1/assessments/" + entity + "?period=2021", n -> true);
        assertThat(assessment.path("explanation").findValuesAsString("indicator")).containsExactly("L1");
        // The second replay arrives with the same ce_id: the inbox recognises it and skips it.
        org.nqpf.testsupport.Poll.until("the second replay skipped", WAIT, Duration.ofMillis(200),
                this::redeliveries, n -> n >= skippedBefore + 1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM processed_event WHERE event_id = ?", Long.class,
                eventId)).as("applied once").isEqualTo(1);

        JsonNode after = api.get(OPS + "/dead-letters?status=REPLAYED&limit=1000").body().path("items").valueStream()
                .filter(i -> i.path("id").asLong() == id).findFirst().orElseThrow();
        assertThat(after.path("replays")).hasSize(2);
        JsonNode status = api.get(OPS + "/status").body();
        assertThat(status.path("service").asString()).isEqualTo("assessment-service");
        assertThat(status.path("consumerLag").valueStream().map(l -> l.path("group").asString()))
                .contains("assessment-service", "assessment-service-dead-letters");
    }
}

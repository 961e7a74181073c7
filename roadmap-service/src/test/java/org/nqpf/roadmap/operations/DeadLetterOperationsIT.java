package org.nqpf.roadmap.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.nqpf.contracts.Topics;
import org.nqpf.testsupport.ApiClient;
import org.nqpf.testsupport.ApiClient.Response;
import org.nqpf.testsupport.KafkaProbe;
import org.nqpf.testsupport.ServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** roadmap-service keeps what it dead-letters and serves it to operators, on its own port, to no one else. */
@ServiceTest
class DeadLetterOperationsIT {

    private static final String OPS = "/api/v1/operations";

    @Autowired
    ApiClient api;

    @Test
    void should_ListADeadLetteredAssessmentWithItsReason_And_DeadLetterItAgain_When_ReplayedUnmended() {
        String key = "DLO-" + UUID.randomUUID();
        KafkaProbe.shared().send(new ProducerRecord<>(Topics.ASSESSMENTS, key,
                "no cloud event".getBytes(StandardCharsets.UTF_8)));

        List<JsonNode> letters = await(key, 1);
        JsonNode letter = letters.get(0);
        assertThat(letter.path("sourceTopic").asString()).isEqualTo(Topics.ASSESSMENTS);
        assertThat(letter.path("reason").asString()).containsIgnoringCase("cloudevent");
        assertThat(letter.path("status").asString()).isEqualTo("NEW");

        JsonNode status = api.get(OPS + "/status").body();
        assertThat(status.path("service").asString()).isEqualTo("roadmap-service");
        assertThat(status.path("deadLetters").path("new").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(status.path("consumerLag").valueStream().map(l -> l.path("group").asString()))
                .contains("roadmap-service", "roadmap-service-dead-letters");

        Response replayed = api.post(OPS + "/dead-letters/replay", "{\"ids\": [" + letter.path("id").asLong() + "]}");
        assertThat(replayed.status()).as(replayed.text()).isEqualTo(200);
        // Still no CloudEvent: the replay is dead-lettered again, a new dead letter; the first is REPLAYED.
        List<JsonNode> again = await(key, 2);
        assertThat(again).extracting(l -> l.path("status").asString()).containsExactlyInAnyOrder("NEW", "REPLAYED");

        assertThat(api.as("demo-analyst").get(OPS + "/dead-letters").status()).isEqualTo(403);
        assertThat(api.anonymous().get(OPS + "/dead-letters").status()).isEqualTo(401);
    }

    private List<JsonNode> await(String key, int count) {
        return api.awaitUntil(OPS + "/dead-letters?limit=1000", r -> r.body().path("items").valueStream()
                .filter(i -> key.equals(i.path("key").asString())).count() >= count, Duration.ofSeconds(45)).body()
                .path("items").valueStream().filter(i -> key.equals(i.path("key").asString())).toList();
    }
}

package org.nqpf.indicator.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.nqpf.contracts.EventTypes;
import org.nqpf.contracts.Topics;
import org.nqpf.testsupport.ApiClient;
import org.nqpf.testsupport.ApiClient.Response;
import org.nqpf.testsupport.KafkaProbe;
import org.nqpf.testsupport.ServiceTest;
import org.nqpf.testsupport.TestIdentity;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Dead letters kept, listed and replayed through the Operations API, on the real broker and database. */
@ServiceTest
class DeadLetterReplayIT {

    private static final String OPS = "/api/v1/operations";

    final KafkaProbe kafka = KafkaProbe.shared();

    @Autowired
    ApiClient api;

    @Autowired
    ObservationStore store;

    @Autowired
    JsonMapper json;

    @Test
    void should_StoreTheObservationOnce_When_ItsDeadLetterIsReplayedTwiceAfterTheEntityIsRegistered() {
        String feed = Topics.rawFeed("replay-stats");
        CloudEvent early = submitted("T-DLR-1", "RD_INTENSITY", "2031", 2.25, "replay-stats");
        kafka.send(KafkaMessageFactory.createWriter(feed, null, null, "T-DLR-1").writeBinary(early));

        // The entity is not registered yet: the record is dead-lettered with its reason and kept for operators.
        JsonNode letter = awaitDeadLetter(early.getId());
        assertThat(letter.path("sourceTopic").asString()).isEqualTo(feed);
        assertThat(letter.path("status").asString()).isEqualTo("NEW");
        assertThat(letter.path("key").asString()).isEqualTo("T-DLR-1");
        assertThat(letter.path("eventType").asString()).isEqualTo(EventTypes.OBSERVATION_SUBMITTED);
        assertThat(letter.path("reason").asString()).contains("T-DLR-1");
        assertThat(letter.path("offset").isNumber()).isTrue();
        assertThat(letter.path("replays").isEmpty()).isTrue();
        assertThat(store.history("T-DLR-1", "RD_INTENSITY", "2031")).isEmpty();
        long id = letter.path("id").asLong();

        // The cause is fixed, then the operator replays it twice (a double click, a retry after a timeout).
        assertThat(api.post("/api/v1/entities", """
                {"id": "T-DLR-1", "kind": "ENTERPRISE", "code": "DLR-1", "nameEn": "Replay Ltd"}""").status())
                .isEqualTo(201);
        Response first = api.post(OPS + "/dead-letters/replay", "{\"ids\": [" + id + "]}");
        assertThat(first.status()).as(first.text()).isEqualTo(200);
        assertThat(first.map()).containsEntry("replayed", 1).containsEntry("by", TestIdentity.TEST_CLIENT)
                .containsKey("at");
        assertThat(api.post(OPS + "/dead-letters/replay", "{\"ids\": [" + id + "]}").status()).isEqualTo(200);

        // Back on its source topic as it was, plus the id it replays.
        List<ConsumerRecord<String, byte[]>> replayed = kafka.read(feed,
                r -> early.getId().equals(KafkaProbe.header(r, "ce_id")), 3, Duration.ofSeconds(10));
        assertThat(replayed).hasSize(3);
        assertThat(replayed.subList(1, 3)).allSatisfy(r -> {
            assertThat(r.key()).isEqualTo("T-DLR-1");
            assertThat(r.value()).isEqualTo(replayed.get(0).value());
            assertThat(KafkaProbe.header(r, "nqpf-replay-of")).isEqualTo(String.valueOf(id));
            assertThat(KafkaProbe.header(r, "ce_type")).isEqualTo(EventTypes.OBSERVATION_SUBMITTED);
            assertThat(KafkaProbe.header(r, "nqpf-dlt-reason")).isNull();
            assertThat(KafkaProbe.header(r, "kafka_dlt-original-topic")).isNull();
        });

        api.awaitUntil(OPS + "/dead-letters?status=REPLAYED&limit=1000", r -> contains(r, id), Duration.ofSeconds(10));
        assertThat(kafka.read(Topics.OBSERVATIONS, r -> "T-DLR-1".equals(r.key()), 1, Duration.ofSeconds(20)))
                .hasSize(1);
        // Both replays were read (a marker behind them on the same key has been stored) and one revision is kept.
        CloudEvent marker = submitted("T-DLR-1", "RD_INTENSITY", "2032", 1.0, "replay-stats");
        kafka.send(KafkaMessageFactory.createWriter(feed, null, null, "T-DLR-1").writeBinary(marker));
        assertThat(kafka.read(Topics.OBSERVATIONS, r -> "T-DLR-1".equals(r.key()), 2, Duration.ofSeconds(20)))
                .hasSize(2);
        assertThat(store.history("T-DLR-1", "RD_INTENSITY", "2031")).extracting(StoredObservation::value)
                .containsExactly(2.25);
        assertThat(kafka.read(Topics.OBSERVATIONS, r -> "T-DLR-1".equals(r.key()), 3, Duration.ofSeconds(3)))
                .as("no second event for the second replay").hasSize(2);

        JsonNode after = find(api.get(OPS + "/dead-letters?status=REPLAYED&limit=1000"), id);
        assertThat(after.path("status").asString()).isEqualTo("REPLAYED");
        assertThat(after.path("replays")).hasSize(2);
        assertThat(after.path("replays").get(0).path("by").asString()).isEqualTo(TestIdentity.TEST_CLIENT);
        assertThat(api.get(OPS + "/dead-letters?status=NEW&limit=1000").body().path("items").findValuesAsString("id"))
                .doesNotContain(String.valueOf(id));
    }

    @Test
    void should_ReplayEveryWaitingDeadLetterOfAReason_And_CountThemByReasonInTheStatus() {
        String feed = Topics.rawFeed("reason-stats");
        CloudEvent a = submitted("CN-41", "NO_SUCH_INDICATOR_R", "2033", 1.0, "reason-stats");
        CloudEvent b = submitted("CN-42", "NO_SUCH_INDICATOR_R", "2033", 1.0, "reason-stats");
        kafka.send(KafkaMessageFactory.createWriter(feed, null, null, "CN-41").writeBinary(a));
        kafka.send(KafkaMessageFactory.createWriter(feed, null, null, "CN-42").writeBinary(b));
        JsonNode first = awaitDeadLetter(a.getId());
        String reason = first.path("reason").asString();
        long second = awaitDeadLetter(b.getId()).path("id").asLong();
        List<Long> originals = List.of(first.path("id").asLong(), second);

        Response status = api.get(OPS + "/status");
        assertThat(status.status()).isEqualTo(200);
        JsonNode body = status.body();
        assertThat(body.path("service").asString()).isEqualTo("indicator-service");
        assertThat(body.path("outbox").path("pending").isNumber()).isTrue();
        assertThat(body.path("outbox").path("parked").isNumber()).isTrue();
        assertThat(body.path("deadLetters").path("new").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(body.path("deadLetters").path("byReason").valueStream()
                .filter(r -> r.path("reason").asString().equals(reason)).findFirst().orElseThrow()
                .path("count").asLong()).as("one reason for both: it names the cause, not the event").isEqualTo(2);
        assertThat(body.path("consumerLag").valueStream().map(l -> l.path("group").asString()))
                .contains("indicator-service", "indicator-service-dead-letters");
        assertThat(body.path("consumerLag").valueStream()).allSatisfy(l -> {
            assertThat(l.path("topic").asString()).isNotBlank();
            assertThat(l.path("lag").asLong()).isGreaterThanOrEqualTo(0);
        });

        Response replayed = api.post(OPS + "/dead-letters/replay", json.writeValueAsString(Map.of("reason", reason)));
        assertThat(replayed.status()).as(replayed.text()).isEqualTo(200);
        assertThat(replayed.map()).containsEntry("replayed", 2);
        // The cause was not fixed: both come back as new dead letters, the first ones stay REPLAYED.
        api.awaitUntil(OPS + "/dead-letters?status=NEW&limit=1000", r -> r.status() == 200
                && r.body().path("items").valueStream().filter(i -> i.path("reason").asString().equals(reason)
                        && !originals.contains(i.path("id").asLong())).count() == 2, Duration.ofSeconds(30));
        assertThat(api.get(OPS + "/dead-letters?status=REPLAYED&limit=1000").body().path("items").valueStream()
                .filter(i -> i.path("reason").asString().equals(reason)).map(i -> i.path("id").asLong()))
                .containsExactlyInAnyOrderElementsOf(originals);
    }

    @Test
    void should_AnswerProblemJson_When_TheReplayOrListingIsWrong() {
        assertThat(api.post(OPS + "/dead-letters/replay", "{\"ids\": [987654321]}").assertProblem(404)
                .path("detail").asString()).contains("987654321");
        api.post(OPS + "/dead-letters/replay", "{\"ids\": []}").assertProblem(400);
        api.post(OPS + "/dead-letters/replay", "{}").assertProblem(400);
        api.post(OPS + "/dead-letters/replay", "{\"ids\": [1], \"reason\": \"x\"}").assertProblem(400);
        api.post(OPS + "/dead-letters/replay", "{\"reason\": \"no dead letter has this reason\"}").assertProblem(400);
        api.post(OPS + "/dead-letters/replay", "{\"ids\": [\"abc\"]}").assertProblem(400);
        api.post(OPS + "/dead-letters/replay", "not json").assertProblem(400);
        api.get(OPS + "/dead-letters?status=LOST").assertProblem(400);
        api.get(OPS + "/dead-letters?limit=0").assertProblem(400);
        api.get(OPS + "/dead-letters?limit=abc").assertProblem(400);
        assertThat(api.get(OPS + "/outbox/parked").status()).isEqualTo(200);
    }

    @Test
    void should_LetOnlyOperatorsIn() {
        assertThat(api.anonymous().get(OPS + "/status").status()).isEqualTo(401);
        for (String client : List.of("demo-steward", "demo-analyst", "demo-feed", "demo-portal-a")) {
            assertThat(api.as(client).get(OPS + "/status").status()).as(client).isEqualTo(403);
            assertThat(api.as(client).post(OPS + "/dead-letters/replay", "{\"ids\": [1]}").status()).as(client)
                    .isEqualTo(403);
        }
        assertThat(api.as("demo-operator").get(OPS + "/dead-letters").status()).isEqualTo(200);
    }

    private JsonNode awaitDeadLetter(String eventId) {
        Response r = api.awaitUntil(OPS + "/dead-letters?limit=1000", x -> x.status() == 200
                && x.body().path("items").valueStream().anyMatch(i -> eventId.equals(i.path("eventId").asString())),
                Duration.ofSeconds(45));
        return r.body().path("items").valueStream().filter(i -> eventId.equals(i.path("eventId").asString()))
                .findFirst().orElseThrow(() -> new AssertionError("no dead letter for " + eventId + ": " + r.text()));
    }

    private static boolean contains(Response r, long id) {
        return r.status() == 200 && r.body().path("items").valueStream().anyMatch(i -> i.path("id").asLong() == id);
    }

    private static JsonNode find(Response r, long id) {
        return r.body().path("items").valueStream().filter(i -> i.path("id").asLong() == id).findFirst()
                .orElseThrow(() -> new AssertionError("no dead letter " + id + ": " + r.text()));
    }

    private CloudEvent submitted(String entity, String indicator, String period, double value, String source) {
        String data = json.writeValueAsString(Map.of("entity", entity, "indicator", indicator, "period", period,
                "value", value, "source", source));
        return CloudEventBuilder.v1().withId(UUID.randomUUID().toString())
                .withType(EventTypes.OBSERVATION_SUBMITTED).withSource(URI.create("/feeds/test"))
                .withDataContentType("application/json").withData(data.getBytes(StandardCharsets.UTF_8)).build();
    }
}

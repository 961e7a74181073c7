package org.nqpf.indicator.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.nqpf.contracts.EventTypes;
import org.nqpf.contracts.Topics;
import org.nqpf.messaging.MessagingAutoConfiguration;
import org.nqpf.testsupport.ApiClient;
import org.nqpf.testsupport.ApiClient.Response;
import org.nqpf.testsupport.EventSchemas;
import org.nqpf.testsupport.KafkaProbe;
import org.nqpf.testsupport.ServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

@ServiceTest
class ObservationIngestIT {

    final KafkaProbe kafka = KafkaProbe.shared();

    @Autowired
    ApiClient api;

    @Autowired
    ObservationStore store;

    @Autowired
    JsonMapper json;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @Test
    void should_StoreGoodRowsAndReportEachBadRow_When_BatchIsMixed() {
        String body = """
                {"observations": [
                  {"entity": "CN-11", "indicator": "RD_INTENSITY", "period": "2041", "value": 6.5, "source": "nbs"},
                  {"entity": "CN-11", "indicator": "NO_SUCH_INDICATOR", "period": "2041", "value": 1, "source": "nbs"},
                  {"entity": "XX-99", "indicator": "RD_INTENSITY", "period": "2041", "value": 1, "source": "nbs"},
                  {"entity": "CN-12", "indicator": "URBANISATION_RATE", "period": "2041", "value": 180, "source": "nbs"},
                  {"entity": "CN-12", "indicator": "RD_INTENSITY", "period": "20x1", "value": 3, "source": "nbs"},
                  {"entity": "CN-12", "indicator": "RD_INTENSITY", "period": "2041", "value": "abc", "source": "nbs"},
                  {"entity": "CN-12", "indicator": "RD_INTENSITY", "period": "2041", "value": 3.1},
                  {"entity": "CN-12", "indicator": "RD_INTENSITY", "period": "2041", "value": 3.1, "unit": "yuan", "source": "nbs"},
                  {"entity": "CN-13", "indicator": "ENERGY_INTENSITY", "period": "2041", "value": 0.8, "unit": "tce per 10k yuan", "source": "nbs"}
                ]}""";
        Response response = post(body);

        assertThat(response.status()).isEqualTo(HttpStatus.OK.value());
        assertThat(response.map()).containsEntry("received", 9).containsEntry("accepted", 2)
                .containsEntry("rejected", 7);
        List<Map<String, Object>> errors = errors(response.map());
        assertThat(errors).extracting(e -> e.get("row"), e -> e.get("field")).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2, "indicator"), org.assertj.core.groups.Tuple.tuple(3, "entity"),
                org.assertj.core.groups.Tuple.tuple(4, "value"), org.assertj.core.groups.Tuple.tuple(5, "period"),
                org.assertj.core.groups.Tuple.tuple(6, "value"), org.assertj.core.groups.Tuple.tuple(7, "source"),
                org.assertj.core.groups.Tuple.tuple(8, "unit"));
        // the platform's field-error shape: the row, the field and why
        assertThat(errors).allSatisfy(e -> assertThat(e).containsOnlyKeys("row", "field", "detail"));
        assertThat(errors.get(0).get("detail").toString()).contains("NO_SUCH_INDICATOR");
        assertThat(errors.get(2).get("detail").toString()).contains("180").contains("range");

        assertThat(store.current("CN-11", "RD_INTENSITY", "2041", 10)).singleElement()
                .satisfies(o -> {
                    assertThat(o.value()).isEqualTo(6.5);
                    assertThat(o.source()).isEqualTo("nbs");
                    assertThat(o.channel()).isEqualTo("HTTP");
                    assertThat(o.revision()).isEqualTo(1);
                });
        assertThat(store.current("CN-12", null, "2041", 10)).isEmpty();

        List<ConsumerRecord<String, byte[]>> published = kafka.read(Topics.OBSERVATIONS,
                r -> "CN-13".equals(r.key()) && new String(r.value(), StandardCharsets.UTF_8).contains("\"2041\""), 1,
                Duration.ofSeconds(20));
        assertThat(published).hasSize(1);
        ConsumerRecord<String, byte[]> event = published.get(0);
        assertThat(KafkaProbe.header(event, "ce_type")).isEqualTo(EventTypes.OBSERVATION_RECORDED);
        assertThat(KafkaProbe.header(event, "ce_source")).isEqualTo("/nqpf/indicator-service");
        assertThat(KafkaProbe.header(event, "ce_id")).isNotBlank();
        assertThat(KafkaProbe.header(event, "content-type")).isEqualTo("application/json");
        EventSchemas.assertValid(EventTypes.OBSERVATION_RECORDED, event.value());
        Map<String, Object> payload = json.readValue(event.value(), new tools.jackson.core.type.TypeReference<>() {
        });
        assertThat(payload).containsEntry("indicator", "ENERGY_INTENSITY").containsEntry("direction", -1)
                .containsEntry("dimension", "MEANS_OF_LABOR").containsEntry("cohorts", List.of("CN-PROVINCES"));
    }

    @Test
    void should_AnswerProblemJson_When_EveryRowIsRejected() {
        Response response = post("""
                {"observations": [{"entity": "CN-11", "indicator": "RD_INTENSITY", "period": "1800", "value": 1, "source": "nbs"}]}""");
        assertThat(response.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT.value());
        assertThat(response.contentType()).isEqualTo(ApiClient.PROBLEM_JSON);
        assertThat(errors(response.map())).singleElement().satisfies(e -> assertThat(e.get("field")).isEqualTo("period"));

        Response notABatch = post("{\"rows\": []}");
        assertThat(notABatch.status()).isEqualTo(HttpStatus.BAD_REQUEST.value());
        assertThat(notABatch.map().get("detail").toString()).contains("observations");
    }

    @Test
    void should_KeepRevisionsAndPublishNothing_When_SameValueIsResent() {
        String first = batch("CN-21", "RD_INTENSITY", "2042", 2.0);
        assertThat(post(first).map()).containsEntry("accepted", 1);
        assertThat(post(first).map()).containsEntry("accepted", 0).containsEntry("unchanged", 1);
        assertThat(post(batch("CN-21", "RD_INTENSITY", "2042", 2.4)).map()).containsEntry("accepted", 1);

        assertThat(store.history("CN-21", "RD_INTENSITY", "2042")).extracting(StoredObservation::revision,
                StoredObservation::value).containsExactly(org.assertj.core.groups.Tuple.tuple(1, 2.0),
                        org.assertj.core.groups.Tuple.tuple(2, 2.4));
        List<ConsumerRecord<String, byte[]>> events = kafka.read(Topics.OBSERVATIONS,
                r -> "CN-21".equals(r.key()) && new String(r.value(), StandardCharsets.UTF_8).contains("\"2042\""), 3,
                Duration.ofSeconds(8));
        assertThat(events).as("one event per stored revision, none for the resend").hasSize(2);
    }

    @Test
    void should_StoreFeedEventOnce_When_SameCloudEventIsRedelivered() {
        String feed = Topics.rawFeed("shanghai-stats");
        CloudEvent event = submitted("CN-31", "URBANISATION_RATE", "2043", 89.3, "shanghai-stats");
        kafka.send(KafkaMessageFactory.createWriter(feed, null, null, "CN-31").writeBinary(event));
        kafka.send(KafkaMessageFactory.createWriter(feed, null, null, "CN-31").writeBinary(event));
        // Structured mode is read as well: a second, different event with a new value.
        CloudEvent revised = submitted("CN-31", "URBANISATION_RATE", "2043", 89.5, "shanghai-stats");
        kafka.send(KafkaMessageFactory.createWriter(feed, null, null, "CN-31")
                .writeStructured(revised, JsonFormat.CONTENT_TYPE));

        // A new feed's topic is found at the listener's next metadata refresh: wait for both, then for a third.
        assertThat(kafka.read(Topics.OBSERVATIONS, r -> "CN-31".equals(r.key())
                && new String(r.value(), StandardCharsets.UTF_8).contains("\"2043\""), 2, Duration.ofSeconds(30)))
                .hasSize(2);
        List<ConsumerRecord<String, byte[]>> events = kafka.read(Topics.OBSERVATIONS,
                r -> "CN-31".equals(r.key()) && new String(r.value(), StandardCharsets.UTF_8).contains("\"2043\""), 3,
                Duration.ofSeconds(5));
        assertThat(events).as("the redelivered event adds nothing").hasSize(2);
        assertThat(store.history("CN-31", "URBANISATION_RATE", "2043")).extracting(StoredObservation::value,
                StoredObservation::channel, StoredObservation::source)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(89.3, "KAFKA", "shanghai-stats"),
                        org.assertj.core.groups.Tuple.tuple(89.5, "KAFKA", "shanghai-stats"));
    }

    @Test
    void should_ChangeNothing_When_FeedEventThatChangedNothingIsResentAfterTheValueMovedOn() {
        String feed = Topics.rawFeed("zhejiang-stats");
        CloudEvent first = submitted("CN-33", "RD_INTENSITY", "2045", 2.5, "zhejiang-stats");
        CloudEvent same = submitted("CN-33", "RD_INTENSITY", "2045", 2.5, "zhejiang-stats");
        CloudEvent revised = submitted("CN-33", "RD_INTENSITY", "2045", 2.7, "zhejiang-stats");
        for (CloudEvent e : List.of(first, same, revised)) {
            kafka.send(KafkaMessageFactory.createWriter(feed, null, null, "CN-33").writeBinary(e));
        }
        assertThat(kafka.read(Topics.OBSERVATIONS, r -> "CN-33".equals(r.key())
                && new String(r.value(), StandardCharsets.UTF_8).contains("\"2045\""), 2, Duration.ofSeconds(30)))
                .hasSize(2);

        // The event that stored nothing comes again (same ce_id), then a marker on the same key, so the same
        // partition: once the marker is published, the re-sent event has been dealt with.
        kafka.send(KafkaMessageFactory.createWriter(feed, null, null, "CN-33").writeBinary(same));
        CloudEvent marker = submitted("CN-33", "RD_INTENSITY", "2046", 1.0, "zhejiang-stats");
        kafka.send(KafkaMessageFactory.createWriter(feed, null, null, "CN-33").writeBinary(marker));
        assertThat(kafka.read(Topics.OBSERVATIONS, r -> "CN-33".equals(r.key())
                && new String(r.value(), StandardCharsets.UTF_8).contains("\"2046\""), 1, Duration.ofSeconds(15)))
                .hasSize(1);

        assertThat(store.history("CN-33", "RD_INTENSITY", "2045")).extracting(StoredObservation::value)
                .as("the re-sent event does not bring the old value back").containsExactly(2.5, 2.7);
        assertThat(store.current("CN-33", "RD_INTENSITY", "2045", 1)).extracting(StoredObservation::value)
                .containsExactly(2.7);
        assertThat(kafka.read(Topics.OBSERVATIONS, r -> "CN-33".equals(r.key())
                && new String(r.value(), StandardCharsets.UTF_8).contains("\"2045\""), 3, Duration.ofSeconds(3)))
                .as("no canonical event for the re-sent one").hasSize(2);
    }

    @Test
    void should_NotBringTheOldValueBack_When_FeedEventThatStoredARevisionIsRedeliveredAfterTheValueMovedOn() {
        // A batch is first stored without looking its events up in the history: this redelivery differs from the
        // current value, so it is only the history's unique index that catches it, and the batch is stored again
        // with the lookup (nqpf.ingest.redelivered-batches).
        double before = meters.counter("nqpf.ingest.redelivered-batches").count();
        String feed = Topics.rawFeed("anhui-stats");
        CloudEvent first = submitted("CN-36", "RD_INTENSITY", "2047", 3.1, "anhui-stats");
        CloudEvent revised = submitted("CN-36", "RD_INTENSITY", "2047", 3.3, "anhui-stats");
        for (CloudEvent e : List.of(first, revised)) {
            kafka.send(KafkaMessageFactory.createWriter(feed, null, null, "CN-36").writeBinary(e));
        }
        assertThat(kafka.read(Topics.OBSERVATIONS, r -> "CN-36".equals(r.key())
                && new String(r.value(), StandardCharsets.UTF_8).contains("\"2047\""), 2, Duration.ofSeconds(30)))
                .hasSize(2);

        kafka.send(KafkaMessageFactory.createWriter(feed, null, null, "CN-36").writeBinary(first));
        CloudEvent marker = submitted("CN-36", "RD_INTENSITY", "2048", 1.0, "anhui-stats");
        kafka.send(KafkaMessageFactory.createWriter(feed, null, null, "CN-36").writeBinary(marker));
        assertThat(kafka.read(Topics.OBSERVATIONS, r -> "CN-36".equals(r.key())
                && new String(r.value(), StandardCharsets.UTF_8).contains("\"2048\""), 1, Duration.ofSeconds(15)))
                .as("the marker beside the redelivered event is stored").hasSize(1);

        assertThat(store.history("CN-36", "RD_INTENSITY", "2047")).extracting(StoredObservation::value)
                .as("the redelivered event is not stored a second time").containsExactly(3.1, 3.3);
        assertThat(store.current("CN-36", "RD_INTENSITY", "2047", 1)).extracting(StoredObservation::value)
                .containsExactly(3.3);
        assertThat(meters.counter("nqpf.ingest.redelivered-batches").count())
                .as("caught by the history's index, not looked up first").isGreaterThan(before);
        assertThat(kafka.read(Topics.OBSERVATIONS, r -> "CN-36".equals(r.key())
                && new String(r.value(), StandardCharsets.UTF_8).contains("\"2047\""), 3, Duration.ofSeconds(3)))
                .as("no canonical event for the redelivery").hasSize(2);
    }

    @Test
    void should_DeadLetterInvalidFeedRecordWithReason_And_KeepProcessingTheNext() {
        String feed = Topics.rawFeed("jiangsu-stats");
        CloudEvent bad = submitted("CN-32", "NO_SUCH_INDICATOR", "2044", 1.0, "jiangsu-stats");
        kafka.send(KafkaMessageFactory.createWriter(feed, null, null, "CN-32").writeBinary(bad));
        kafka.send(new ProducerRecord<>(feed, "CN-32", "not a cloud event".getBytes()));
        CloudEvent good = submitted("CN-32", "RD_INTENSITY", "2044", 3.3, "jiangsu-stats");
        kafka.send(KafkaMessageFactory.createWriter(feed, null, null, "CN-32").writeBinary(good));

        List<ConsumerRecord<String, byte[]>> dead = kafka.read(Topics.deadLetter(feed),
                r -> "CN-32".equals(r.key()), 2, Duration.ofSeconds(30));
        assertThat(dead).hasSize(2);
        assertThat(dead).extracting(r -> KafkaProbe.header(r, MessagingAutoConfiguration.DLT_REASON_HEADER))
                .anySatisfy(reason -> assertThat(reason).contains("indicator").contains("NO_SUCH_INDICATOR"))
                .anySatisfy(reason -> assertThat(reason).containsIgnoringCase("cloudevent"));
        List<ConsumerRecord<String, byte[]>> stored = kafka.read(Topics.OBSERVATIONS,
                r -> "CN-32".equals(r.key()) && new String(r.value(), StandardCharsets.UTF_8).contains("\"2044\""), 1,
                Duration.ofSeconds(15));
        assertThat(stored).hasSize(1);
        assertThat(store.current("CN-32", "RD_INTENSITY", "2044", 1)).extracting(StoredObservation::value)
                .containsExactly(3.3);
    }

    @Test
    void should_DeadLetterRecordUnderAnotherFeedsSource_And_StoreTheRecordsBesideIt() {
        // feed-a may write only its own topic (the broker checks that), but what it writes may claim any source.
        String feedA = Topics.rawFeed("feed-a");
        CloudEvent before = submitted("CN-34", "RD_INTENSITY", "2047", 1.7, "feed-a");
        CloudEvent forged = submitted("CN-34", "RD_INTENSITY", "2048", 9.9, "feed-b");
        CloudEvent unnamed = unsourced("CN-34", "RD_INTENSITY", "2049", 1.9);
        kafka.sendAll(List.of(KafkaMessageFactory.createWriter(feedA, null, null, "CN-34").writeBinary(before),
                KafkaMessageFactory.createWriter(feedA, null, null, "CN-34").writeBinary(forged),
                KafkaMessageFactory.createWriter(feedA, null, null, "CN-34").writeBinary(unnamed)));

        List<ConsumerRecord<String, byte[]>> dead = kafka.read(Topics.deadLetter(feedA),
                r -> "CN-34".equals(r.key()), 1, Duration.ofSeconds(30));
        assertThat(dead).singleElement().satisfies(r -> {
            assertThat(KafkaProbe.header(r, "ce_id")).isEqualTo(forged.getId());
            assertThat(KafkaProbe.header(r, MessagingAutoConfiguration.DLT_REASON_HEADER))
                    .isEqualTo("source 'feed-b' does not belong to feed 'feed-a' that wrote it");
        });
        assertThat(kafka.read(Topics.OBSERVATIONS, r -> "CN-34".equals(r.key())
                && new String(r.value(), StandardCharsets.UTF_8).contains("\"204"), 2, Duration.ofSeconds(30)))
                .hasSize(2);
        assertThat(store.current("CN-34", "RD_INTENSITY", "2047", 1)).extracting(StoredObservation::value,
                StoredObservation::source).containsExactly(org.assertj.core.groups.Tuple.tuple(1.7, "feed-a"));
        assertThat(store.current("CN-34", "RD_INTENSITY", "2048", 1)).as("the forged record").isEmpty();
        assertThat(store.current("CN-34", "RD_INTENSITY", "2049", 1)).extracting(StoredObservation::value,
                StoredObservation::source).as("no source: the feed's")
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1.9, "feed-a"));
    }

    @Test
    void should_StoreTheGoodRecordsOnBothSides_When_BadRecordsSitInTheMiddleOfOneBatch() {
        String feed = Topics.rawFeed("fujian-stats");
        // One burst on one key (one partition), so the listener gets it in one batch: 10 good, one record that is no
        // CloudEvent, 10 good, one naming an unknown indicator, 10 good.
        List<ProducerRecord<String, byte[]>> burst = new java.util.ArrayList<>();
        for (int i = 0; i < 32; i++) {
            if (i == 10) {
                burst.add(new ProducerRecord<>(feed, "CN-35", "{not a cloud event".getBytes()));
            }
            else if (i == 21) {
                burst.add(KafkaMessageFactory.createWriter(feed, null, null, "CN-35")
                        .writeBinary(submitted("CN-35", "NO_SUCH_INDICATOR", "1950", 1.0, "fujian-stats")));
            }
            else {
                burst.add(KafkaMessageFactory.createWriter(feed, null, null, "CN-35")
                        .writeBinary(submitted("CN-35", "RD_INTENSITY", String.valueOf(1950 + i), i / 2.0, "fujian-stats")));
            }
        }
        kafka.sendAll(burst);

        assertThat(kafka.read(Topics.deadLetter(feed), r -> "CN-35".equals(r.key()), 2,
                Duration.ofSeconds(30))).hasSize(2);
        List<ConsumerRecord<String, byte[]>> published = kafka.read(Topics.OBSERVATIONS,
                r -> "CN-35".equals(r.key())
                        && new String(r.value(), StandardCharsets.UTF_8).contains("\"period\":\"19"), 30,
                Duration.ofSeconds(20));
        assertThat(published).as("every good record, before and after each bad one").hasSize(30);
        for (int i = 0; i < 32; i++) {
            if (i != 10 && i != 21) {
                assertThat(store.current("CN-35", "RD_INTENSITY", String.valueOf(1950 + i), 1))
                        .as("record %d", i).extracting(StoredObservation::value).containsExactly(i / 2.0);
            }
        }
    }

    @Test
    void should_RefuseOversizeBatchesRowsAndEvents_SayingWhatIsTooLarge() {
        String feed = Topics.rawFeed("jiangxi-stats");
        String row = "CN-11,RD_INTENSITY,2020,1.5,%,nbs\n";
        Response tooBig = postCsv("entity,indicator,period,value,unit,source\n"
                + row.repeat(16 * 1024 * 1024 / row.length() + 1));
        assertThat(tooBig.status()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE.value());
        assertThat(tooBig.contentType()).isEqualTo(ApiClient.PROBLEM_JSON);
        assertThat(tooBig.map().get("detail").toString()).contains("at most 16MB").contains("/api/v1/imports");

        Response tooManyRows = postCsv("entity,indicator,period,value,unit,source\n"
                + row.repeat(200_001));
        assertThat(tooManyRows.status()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE.value());
        assertThat(tooManyRows.map().get("detail").toString()).contains("200000 rows");

        Response longFields = postCsv("""
                entity,indicator,period,value,unit,source
                %s,RD_INTENSITY,2048,1.5,%%,nbs
                CN-36,RD_INTENSITY,2048,1.5,%%,%s
                CN-36,URBANISATION_RATE,2048,61.5,%%,jiangxi-stats
                """.formatted("CN-" + "9".repeat(62), "s".repeat(257)));
        assertThat(longFields.status()).isEqualTo(HttpStatus.OK.value());
        assertThat(longFields.map()).containsEntry("accepted", 1).containsEntry("rejected", 2);
        assertThat(errors(longFields.map())).extracting(e -> e.get("row"), e -> e.get("field"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "entity"),
                        org.assertj.core.groups.Tuple.tuple(2, "source"));
        assertThat(errors(longFields.map())).allSatisfy(e -> assertThat(e.get("detail").toString())
                .contains("oversize"));

        byte[] huge = ("{\"entity\": \"CN-36\", \"indicator\": \"RD_INTENSITY\", \"period\": \"2049\", \"value\": 1, "
                + "\"source\": \"" + "x".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        kafka.send(KafkaMessageFactory.createWriter(feed, null, null, "CN-36").writeBinary(
                CloudEventBuilder.v1().withId(UUID.randomUUID().toString()).withType(EventTypes.OBSERVATION_SUBMITTED)
                        .withSource(URI.create("/feeds/test")).withDataContentType("application/json")
                        .withData(huge).build()));
        List<ConsumerRecord<String, byte[]>> dead = kafka.read(Topics.deadLetter(feed),
                r -> "CN-36".equals(r.key()), 1, Duration.ofSeconds(30));
        assertThat(dead).hasSize(1);
        assertThat(KafkaProbe.header(dead.get(0), MessagingAutoConfiguration.DLT_REASON_HEADER))
                .contains("oversize payload").contains("65536");
    }

    private Response postCsv(String body) {
        return api.request("POST", "/api/v1/observations").body("text/csv", body).send();
    }

    private CloudEvent submitted(String entity, String indicator, String period, double value, String source) {
        String data = json.writeValueAsString(Map.of("entity", entity, "indicator", indicator, "period", period,
                "value", value, "source", source));
        return CloudEventBuilder.v1().withId(UUID.randomUUID().toString())
                .withType(EventTypes.OBSERVATION_SUBMITTED).withSource(URI.create("/feeds/test"))
                .withDataContentType("application/json").withData(data.getBytes(StandardCharsets.UTF_8)).build();
    }

    /** A feed event whose payload names no source. */
    private CloudEvent unsourced(String entity, String indicator, String period, double value) {
        String data = json.writeValueAsString(Map.of("entity", entity, "indicator", indicator, "period", period,
                "value", value));
        return CloudEventBuilder.v1().withId(UUID.randomUUID().toString())
                .withType(EventTypes.OBSERVATION_SUBMITTED).withSource(URI.create("/feeds/test"))
                .withDataContentType("application/json").withData(data.getBytes(StandardCharsets.UTF_8)).build();
    }

    private static String batch(String entity, String indicator, String period, double value) {
        return """
                {"observations": [{"entity": "%s", "indicator": "%s", "period": "%s", "value": %s, "source": "nbs"}]}"""
                .formatted(entity, indicator, period, value);
    }

    private Response post(String body) {
        return api.post("/api/v1/observations", body);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> errors(Map<String, Object> body) {
        return (List<Map<String, Object>>) body.get("errors");
    }
}

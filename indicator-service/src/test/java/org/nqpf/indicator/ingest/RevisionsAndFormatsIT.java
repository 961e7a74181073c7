package org.nqpf.indicator.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.nqpf.contracts.EventTypes;
import org.nqpf.contracts.Topics;
import org.nqpf.testsupport.ApiClient;
import org.nqpf.testsupport.ApiClient.Response;
import org.nqpf.testsupport.EventSchemas;
import org.nqpf.testsupport.KafkaProbe;
import org.nqpf.testsupport.ServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;

/** Revisions in and out of order, deletes, as-of views, idempotent batches, and the CSV and SDMX-CSV formats. */
@ServiceTest
class RevisionsAndFormatsIT {

    static final String SDMX = "application/vnd.sdmx.data+csv; version=2.0.0";
    static final String CSV = "text/csv";
    final KafkaProbe kafka = KafkaProbe.shared();

    @Autowired
    ApiClient api;

    @Autowired
    ObservationStore store;

    @Test
    void should_ApplySdmxActions_InformationAppendReplaceDelete() {
        String sdmx = """
                STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE
                dataflow,NBS:DF_NQPF(1.0),I,CN-41: Henan,RD_INTENSITY,2051,1.9,%
                dataflow,NBS:DF_NQPF(1.0),A,CN-41,URBANISATION_RATE,2051,57.1,%
                dataflow,NBS:DF_NQPF(1.0),I,CN-41,NO_SUCH,2051,1,%
                """;
        Response first = post(sdmx, SDMX, null);
        assertThat(first.map()).containsEntry("accepted", 2).containsEntry("rejected", 1);
        assertThat(errors(first)).extracting(e -> e.get("row"), e -> e.get("field")).containsExactly(tuple(3, "indicator"));
        assertThat(store.current("CN-41", "RD_INTENSITY", "2051", 1)).singleElement()
                .satisfies(o -> assertThat(o.source()).isEqualTo("NBS"));

        Response second = post("""
                STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE
                dataflow,NBS:DF_NQPF(1.0),R,CN-41,RD_INTENSITY,2051,2.05,%
                dataflow,NBS:DF_NQPF(1.0),D,CN-41,URBANISATION_RATE,2051,,
                """, SDMX, null);
        assertThat(second.map()).containsEntry("accepted", 2).containsEntry("rejected", 0);

        assertThat(store.current("CN-41", null, "2051", 10)).extracting(StoredObservation::indicator,
                StoredObservation::value).containsExactly(tuple("RD_INTENSITY", 2.05));
        assertThat(store.history("CN-41", "URBANISATION_RATE", "2051")).extracting(StoredObservation::revision,
                StoredObservation::value, StoredObservation::deleted)
                .containsExactly(tuple(1, 57.1, false), tuple(2, null, true));
        List<ConsumerRecord<String, byte[]>> deleted = kafka.read(Topics.OBSERVATIONS, r -> "CN-41".equals(r.key())
                && text(r).contains("\"2051\"") && text(r).contains("\"deleted\":true"), 1, Duration.ofSeconds(15));
        assertThat(deleted).hasSize(1);
        EventSchemas.assertValid(EventTypes.OBSERVATION_RECORDED, deleted.get(0).value());
    }

    @Test
    void should_TakeCsvWithThePlatformsColumns() {
        Response r = post("""
                entity,indicator,period,value,unit,source
                CN-42,RD_INTENSITY,2052,2.3,%,hubei-stats
                CN-42,"URBANISATION_RATE",2052,"66.4",,hubei-stats
                CN-42,RD_INTENSITY,2052x,2.3,%,hubei-stats
                """, CSV, null);
        assertThat(r.status()).isEqualTo(HttpStatus.OK.value());
        assertThat(r.map()).containsEntry("accepted", 2).containsEntry("rejected", 1);
        assertThat(errors(r)).extracting(e -> e.get("row"), e -> e.get("field")).containsExactly(tuple(3, "period"));

        Response noValueColumn = post("entity,indicator,period\nCN-42,RD_INTENSITY,2052\n",
                CSV, null);
        assertThat(noValueColumn.status()).isEqualTo(HttpStatus.BAD_REQUEST.value());
        assertThat(noValueColumn.map().get("detail").toString()).contains("VALUE");

        Response xml = post("<observations/>", "application/xml", null);
        assertThat(xml.status()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE.value());
    }

    @Test
    void should_KeepCurrentValue_When_AnOlderRevisionArrivesLate() {
        post(json("CN-43", "RD_INTENSITY", "2053", 1.8, "2025-03-01T00:00:00Z"), ApiClient.JSON, null);
        Response late = post(json("CN-43", "RD_INTENSITY", "2053", 1.6,
                "2024-03-01T00:00:00Z"), ApiClient.JSON, null);
        assertThat(late.map()).containsEntry("accepted", 0).containsEntry("superseded", 1);
        assertThat(store.current("CN-43", "RD_INTENSITY", "2053", 1)).extracting(StoredObservation::value)
                .containsExactly(1.8);

        post(json("CN-43", "RD_INTENSITY", "2053", 1.95, "2026-03-01T00:00:00Z"), ApiClient.JSON, null);
        assertThat(store.history("CN-43", "RD_INTENSITY", "2053")).extracting(StoredObservation::revision,
                StoredObservation::value, StoredObservation::superseded)
                .containsExactly(tuple(1, 1.8, false), tuple(2, 1.6, true), tuple(3, 1.95, false));
        assertThat(store.current("CN-43", "RD_INTENSITY", "2053", 1)).extracting(StoredObservation::value,
                StoredObservation::revision).containsExactly(tuple(1.95, 3));
        List<ConsumerRecord<String, byte[]>> events = kafka.read(Topics.OBSERVATIONS,
                r -> "CN-43".equals(r.key()) && text(r).contains("\"2053\""), 3, Duration.ofSeconds(8));
        assertThat(events).as("the late revision is not published").hasSize(2);
    }

    /** Year 0 and earlier are no timestamp PostgreSQL stores: the batch failed whole, as a 500. */
    @Test
    void should_RejectOnlyThoseRows_When_TheirRevisionTimeIsBeforeAnyPeriodThePlatformHolds() {
        Response r = post("""
                {"observations": [
                  {"entity": "CN-45", "indicator": "RD_INTENSITY", "period": "2062", "value": 1.5, "source": "gx"},
                  {"entity": "CN-45", "indicator": "URBANISATION_RATE", "period": "2062", "value": 55.0, "source": "gx",
                   "revisedAt": "0000-01-01T00:00:00Z"},
                  {"entity": "CN-45", "indicator": "URBANISATION_RATE", "period": "2062", "value": 56.0, "source": "gx",
                   "revisedAt": "-5000-01-01T00:00:00Z"}]}""", ApiClient.JSON, "far-past-" + UUID.randomUUID());
        assertThat(r.status()).as(r.text()).isEqualTo(HttpStatus.OK.value());
        assertThat(r.map()).containsEntry("accepted", 1).containsEntry("rejected", 2);
        assertThat(errors(r)).extracting(e -> e.get("row"), e -> e.get("field"))
                .containsExactly(tuple(2, "revisedAt"), tuple(3, "revisedAt"));
        assertThat(errors(r).get(0).get("detail").toString()).contains("before 1900-01-01T00:00:00Z");
        assertThat(store.current("CN-45", null, "2062", 10)).extracting(StoredObservation::indicator)
                .containsExactly("RD_INTENSITY");
    }

    /**
     * An unknown field's name is quoted in its rejection, and the answer kept for the Idempotency-Key is jsonb,
     * which takes no NUL: the good row next to it was rolled back with the whole batch.
     */
    @Test
    void should_RejectOnlyThatRow_When_AnUnknownFieldsNameHoldsANul_UnderAnIdempotencyKey() {
        Response r = post("""
                {"observations": [
                  {"entity": "CN-45", "indicator": "RD_INTENSITY", "period": "2063", "value": 1.6, "source": "gx"},
                  {"entity": "CN-45", "indicator": "URBANISATION_RATE", "period": "2063", "value": 57.0, "x\\u0000y": 1}]}""",
                ApiClient.JSON, "nul-field-" + UUID.randomUUID());
        assertThat(r.status()).as(r.text()).isEqualTo(HttpStatus.OK.value());
        assertThat(r.map()).containsEntry("accepted", 1).containsEntry("rejected", 1);
        assertThat(errors(r)).extracting(e -> e.get("row"), e -> e.get("field")).containsExactly(tuple(2, "x\\u0000y"));
        assertThat(store.current("CN-45", "RD_INTENSITY", "2063", 1)).hasSize(1);
    }

    /** Instants beyond what a timestamp holds: an answer, not a 500. */
    @Test
    void should_AnswerAsOfTimesBeyondAnyClock_AsNothingKnownYetOrAsKnownNow() {
        post(json("CN-45", "RD_INTENSITY", "2064", 1.7, null), ApiClient.JSON, null);
        assertThat(get("/api/v1/observations?entity=CN-45&period=2064&asOf=-999999999-01-01T00:00:00Z")).isEmpty();
        assertThat(get("/api/v1/observations?entity=CN-45&period=2064&asOf=0000-01-01T00:00:00Z")).isEmpty();
        assertThat(get("/api/v1/observations?entity=CN-45&period=2064&asOf=%2B999999999-12-31T23:59:59Z"))
                .extracting(o -> o.get("value")).containsExactly(1.7);
        assertThat(get("/api/v1/observations?entity=CN-45&period=2064&asOf=%2B300000-01-01T00:00:00Z"))
                .extracting(o -> o.get("value")).containsExactly(1.7);
    }

    @Test
    void should_AnswerTheViewAsItStood_When_AskedAsOf() throws InterruptedException {
        post(json("CN-44", "URBANISATION_RATE", "2054", 70.1, null), ApiClient.JSON, null);
        Thread.sleep(50);
        Instant between = Instant.now();
        Thread.sleep(50);
        post(json("CN-44", "URBANISATION_RATE", "2054", 71.2, null), ApiClient.JSON, null);
        post("""
                {"observations": [{"entity": "CN-44", "indicator": "RD_INTENSITY", "period": "2054", "action": "D", "source": "gd"}]}""",
                ApiClient.JSON, null);

        List<Map<String, Object>> then = get("/api/v1/observations?entity=CN-44&period=2054&asOf=" + between);
        assertThat(then).extracting(o -> o.get("value")).containsExactly(70.1);
        List<Map<String, Object>> now = get("/api/v1/observations?entity=CN-44&period=2054");
        assertThat(now).extracting(o -> o.get("value"), o -> o.get("revision"), o -> o.get("channel"))
                .containsExactly(tuple(71.2, 2, "HTTP"));
        assertThat(now.get(0)).containsKeys("source", "receivedAt");
    }

    @Test
    void should_ShowADeletedValueAsOfBeforeTheDelete_And_KeepItsHistoryWithProvenanceOverHttp()
            throws InterruptedException {
        post(json("CN-46", "RD_INTENSITY", "2056", 1.2, null), ApiClient.JSON, null);
        Thread.sleep(50);
        Instant beforeDelete = Instant.now();
        Thread.sleep(50);
        Response deleted = post("""
                STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE
                dataflow,GXSTATS:DF_NQPF(1.0),D,CN-46,RD_INTENSITY,2056,,
                """, SDMX, null);
        assertThat(deleted.map()).containsEntry("accepted", 1);

        assertThat(get("/api/v1/observations?entity=CN-46&indicator=RD_INTENSITY&period=2056")).as("current view")
                .isEmpty();
        assertThat(get("/api/v1/observations?entity=CN-46&indicator=RD_INTENSITY&period=2056&asOf=" + beforeDelete))
                .extracting(o -> o.get("value"), o -> o.get("revision")).containsExactly(tuple(1.2, 1));
        List<Map<String, Object>> history = get(
                "/api/v1/observations/history?entity=CN-46&indicator=RD_INTENSITY&period=2056");
        assertThat(history).extracting(o -> o.get("revision"), o -> o.get("value"), o -> o.get("deleted"),
                o -> o.get("channel"), o -> o.get("source"))
                .containsExactly(tuple(1, 1.2, false, "HTTP", "stats"), tuple(2, null, true, "HTTP", "GXSTATS"));
        assertThat(history).allSatisfy(o -> assertThat(o.get("receivedAt")).isNotNull());
    }

    @Test
    void should_RejectValuesThatAreNotFiniteNumbers_NamingRowAndField() {
        Response r = post("""
                entity,indicator,period,value,unit,source
                CN-50,RD_INTENSITY,2057,NaN,%,stats
                CN-50,URBANISATION_RATE,2057,Infinity,%,stats
                CN-50,URBANISATION_RATE,2058,55.5,%,stats
                """, CSV, null);
        assertThat(r.map()).containsEntry("accepted", 1).containsEntry("rejected", 2);
        assertThat(errors(r)).extracting(e -> e.get("row"), e -> e.get("field"))
                .containsExactly(tuple(1, "value"), tuple(2, "value"));
        assertThat(errors(r)).allSatisfy(e -> assertThat(e.get("detail").toString()).contains("not a finite number"));
        assertThat(store.current("CN-50", null, "2057", 10)).isEmpty();
    }

    /** A NUL-only cell was trimmed to nothing by the CSV parser, and the row stored without its unit or source. */
    @Test
    void should_RejectTheRowNamingTheField_And_StoreTheRowsBeside_When_ACsvCellHoldsOnlyNuls() {
        Response csv = post("entity,indicator,period,value,unit,source\n"
                + "CN-50,RD_INTENSITY,2059,1.5,%,stats\n"
                + "CN-50,URBANISATION_RATE,2059,55.5,\u0000,stats\n"
                + "CN-50,URBANISATION_RATE,2060,55.5,%,\u0000\u0000\n", CSV, null);
        Response sdmx = post("STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE\n"
                + "dataflow,NBS:DF(1.0),R,CN-50,RD_INTENSITY,2060,1.6,\u0000\n"
                + "dataflow,NBS:DF(1.0),R,CN-50,RD_INTENSITY,2061,1.7,%\n", SDMX, null);

        assertThat(csv.map()).containsEntry("accepted", 1).containsEntry("rejected", 2);
        assertThat(errors(csv)).extracting(e -> e.get("row"), e -> e.get("field"))
                .containsExactly(tuple(2, "unit"), tuple(3, "source"));
        assertThat(errors(csv)).allSatisfy(e -> assertThat(e.get("detail").toString()).contains("NUL"));
        assertThat(sdmx.map()).containsEntry("accepted", 1).containsEntry("rejected", 1);
        assertThat(errors(sdmx)).extracting(e -> e.get("row"), e -> e.get("field")).containsExactly(tuple(1, "unit"));
        assertThat(store.current("CN-50", "URBANISATION_RATE", "2059", 10)).isEmpty();
        assertThat(store.current("CN-50", "RD_INTENSITY", "2061", 10)).singleElement()
                .satisfies(o -> assertThat(o.value()).isEqualTo(1.7));
    }

    @Test
    void should_StoreNothingNew_When_SameBatchIsResentWithItsIdempotencyKey() {
        String body = json("CN-45", "RD_INTENSITY", "2055", 2.2, null);
        Response first = post(body, ApiClient.JSON, "batch-45-a");
        Response again = post(body, ApiClient.JSON, "batch-45-a");
        assertThat(first.map()).containsEntry("accepted", 1);
        assertThat(again.map()).isEqualTo(first.map());
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(store.history("CN-45", "RD_INTENSITY", "2055")).hasSize(1);

        Response reused = post(json("CN-45", "RD_INTENSITY", "2055", 9.9, null),
                ApiClient.JSON, "batch-45-a");
        assertThat(reused.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT.value());
        assertThat(reused.map().get("detail").toString()).contains("batch-45-a");
        assertThat(store.current("CN-45", "RD_INTENSITY", "2055", 1)).extracting(StoredObservation::value)
                .containsExactly(2.2);
        assertThat(kafka.read(Topics.OBSERVATIONS, r -> "CN-45".equals(r.key()) && text(r).contains("\"2055\""), 2,
                Duration.ofSeconds(6))).hasSize(1);
    }

    private static String json(String entity, String indicator, String period, double value, String revisedAt) {
        return """
                {"observations": [{"entity": "%s", "indicator": "%s", "period": "%s", "value": %s, "source": "stats"%s}]}"""
                .formatted(entity, indicator, period, value, revisedAt == null ? "" : ", \"revisedAt\": \"" + revisedAt + "\"");
    }

    private Response post(String body, String type, String key) {
        return api.request("POST", "/api/v1/observations").body(type, body).header("Idempotency-Key", key).send();
    }

    private List<Map<String, Object>> get(String uri) {
        return api.get(uri).assertOk().list();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> errors(Response r) {
        return (List<Map<String, Object>>) r.map().get("errors");
    }

    private static String text(ConsumerRecord<String, byte[]> r) {
        return new String(r.value(), StandardCharsets.UTF_8);
    }
}

package org.nqpf.roadmap.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nqpf.contracts.Dimension.LABORERS;
import static org.nqpf.contracts.Dimension.MEANS_OF_LABOR;
import static org.nqpf.contracts.Dimension.OBJECTS_OF_LABOR;
import static org.nqpf.contracts.Dimension.OPTIMIZED_COMBINATION;
import static org.nqpf.roadmap.Assessments.assessment;
import static org.nqpf.roadmap.Assessments.dimension;
import static org.nqpf.roadmap.Assessments.indicator;

import io.cloudevents.kafka.KafkaMessageFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.nqpf.contracts.AssessmentComputed;
import org.nqpf.contracts.EventTypes;
import org.nqpf.contracts.RoadmapGenerated;
import org.nqpf.contracts.Subsystem;
import org.nqpf.contracts.Topics;
import org.nqpf.messaging.Events;
import org.nqpf.messaging.MessagingAutoConfiguration;
import org.nqpf.roadmap.Assessments;
import org.nqpf.testsupport.ApiClient;
import org.nqpf.testsupport.ApiClient.Response;
import org.nqpf.testsupport.EventSchemas;
import org.nqpf.testsupport.KafkaProbe;
import org.nqpf.testsupport.ServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@ServiceTest
class RoadmapFlowIT {

    private static final Duration FIRST_ARRIVAL = Duration.ofSeconds(60);
    /** How long to keep reading a topic to be sure nothing more arrives. */
    private static final Duration QUIET = Duration.ofSeconds(4);

    private final KafkaProbe probe = KafkaProbe.shared();

    @Autowired
    ApiClient api;

    @Autowired
    Events events;

    @Autowired
    JsonMapper json;

    /** Sends the assessment as assessment-service does: a binary-mode CloudEvent keyed by the entity id. */
    private void send(String eventId, AssessmentComputed assessment) {
        Assessments.send(events, eventId, assessment);
    }

    private void send(ProducerRecord<String, byte[]> record) {
        probe.send(record);
    }

    /** The RoadmapGenerated records published for an entity, read from the beginning of the topic. */
    private List<ConsumerRecord<String, byte[]>> published(String entityId, int atMost, Duration timeout) {
        return probe.read(Topics.ROADMAPS, r -> entityId.equals(r.key()), atMost, timeout);
    }

    /** LABORERS lags most, then OBJECTS_OF_LABOR, then MEANS_OF_LABOR; the entity leads OPTIMIZED_COMBINATION. */
    private static AssessmentComputed laborersLag(String entityId, String period, double laborers) {
        return assessment(entityId, period, "AI", List.of(
                dimension(LABORERS, laborers, 25, "CN-11", 82.25),
                dimension(MEANS_OF_LABOR, 61, 8, "CN-31", 70),
                dimension(OBJECTS_OF_LABOR, 48, 12, "CN-44", 76),
                dimension(OPTIMIZED_COMBINATION, 88, 1, entityId, 88)),
                List.of(indicator("ai_training_coverage", LABORERS, Subsystem.AI, 11.5),
                        indicator("rd_personnel_per_10k", LABORERS, Subsystem.NQPF, 9.25),
                        indicator("computing_power_per_capita", MEANS_OF_LABOR, Subsystem.AI, 6.0),
                        indicator("data_trading_volume", OBJECTS_OF_LABOR, Subsystem.NQPF, 7.75)));
    }

    /** MEANS_OF_LABOR lags most and the NQPF side lags. */
    private static AssessmentComputed meansLag(String entityId, String period) {
        return assessment(entityId, period, "NQPF", List.of(
                dimension(LABORERS, 70, 9, "CN-11", 82.25),
                dimension(MEANS_OF_LABOR, 20, 29, "CN-31", 90),
                dimension(OBJECTS_OF_LABOR, 80, 1, entityId, 80),
                dimension(OPTIMIZED_COMBINATION, 60, 14, "CN-32", 88)),
                List.of(indicator("robot_density", MEANS_OF_LABOR, Subsystem.NQPF, 14.0),
                        indicator("energy_per_gdp", MEANS_OF_LABOR, Subsystem.NQPF, 8.5)));
    }

    private static String newEntity() {
        return "IT-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private JsonNode awaitCurrentVersion(String entityId, int version) {
        return api.awaitUntil("/api/v1/roadmaps/" + entityId, r -> r.body().get("version").asInt() == version,
                FIRST_ARRIVAL).body();
    }

    private RoadmapGenerated payload(ConsumerRecord<String, byte[]> record) {
        return json.readValue(record.value(), RoadmapGenerated.class);
    }

    private static List<String> codes(JsonNode roadmap) {
        List<String> codes = new ArrayList<>();
        roadmap.get("actions").forEach(a -> codes.add(a.get("actionCode").asString()));
        return codes;
    }

    @Test
    void should_GenerateRoadmap_AndPublishRoadmapGenerated_When_AssessmentArrives() {
        String entity = newEntity();
        AssessmentComputed assessment = laborersLag(entity, "2023", 35.5);
        send(UUID.randomUUID().toString(), assessment);

        JsonNode roadmap = awaitCurrentVersion(entity, 1);

        assertThat(roadmap.get("entityId").asString()).isEqualTo(entity);
        assertThat(roadmap.get("period").asString()).isEqualTo("2023");
        assertThat(roadmap.get("assessmentId").asString()).isEqualTo(assessment.assessmentId());
        assertThat(roadmap.get("current").asBoolean()).isTrue();
        assertThat(roadmap.get("libraryVersion").asInt()).isPositive(); // the published version it was built from
        assertThat(roadmap.get("generatedAt").asString()).isNotBlank();
        JsonNode actions = roadmap.get("actions");
        assertThat(actions.size()).isGreaterThanOrEqualTo(3);
        JsonNode first = actions.get(0);
        assertThat(first.get("priority").asInt()).isEqualTo(1);
        assertThat(first.get("phase").asString()).isEqualTo("NEAR_TERM");
        assertThat(first.get("dimension").asString()).isEqualTo("LABORERS");
        assertThat(first.get("peer").asString()).isEqualTo("CN-11");
        assertThat(first.get("target").asDouble()).isEqualTo(58.88); // halfway from 35.5 to 82.25
        assertThat(first.get("rationale").asString()).contains("gap 46.75", "CN-11", "ai_training_coverage");
        Set<String> systems = new HashSet<>();
        for (JsonNode action : actions) {
            assertThat(action.get("dimension").asString()).isNotEqualTo("OPTIMIZED_COMBINATION"); // it leads there
            assertThat(action.get("actor").asString()).isIn("GOVERNMENT", "MARKET", "ENTERPRISE", "SOCIETY");
            assertThat(action.get("instrument").asString()).isNotBlank();
            assertThat(action.get("rationale").asString()).isNotBlank();
            systems.add(action.get("system").asString());
        }
        assertThat(systems).hasSizeGreaterThanOrEqualTo(2);

        List<ConsumerRecord<String, byte[]>> published = published(entity, 1, FIRST_ARRIVAL);
        assertThat(published).hasSize(1);
        ConsumerRecord<String, byte[]> record = published.get(0);
        assertThat(KafkaProbe.header(record, "ce_type")).isEqualTo(EventTypes.ROADMAP_GENERATED);
        assertThat(KafkaProbe.header(record, "ce_source")).isEqualTo("/nqpf/roadmap-service");
        assertThat(KafkaProbe.header(record, "ce_id")).isEqualTo(roadmap.get("roadmapId").asString());
        EventSchemas.assertValid(EventTypes.ROADMAP_GENERATED, record.value());
        RoadmapGenerated event = payload(record);
        assertThat(event.version()).isEqualTo(1);
        assertThat(event.assessmentId()).isEqualTo(assessment.assessmentId());
        assertThat(event.actions()).extracting(RoadmapGenerated.Action::actionCode).isEqualTo(codes(roadmap));
    }

    @Test
    void should_PlanOnlyActionsAnEnterpriseCanTake_When_TheAssessmentIsOfAnEnterprise() {
        String entity = newEntity();
        AssessmentComputed region = laborersLag(entity, "2023", 35.5);
        AssessmentComputed enterprise = new AssessmentComputed(region.assessmentId(), region.entityId(),
                region.cohort(), region.period(), region.frameworkCode(), region.frameworkVersion(), region.method(),
                region.inputDigest(), region.overallScore(), region.rank(), region.cohortSize(), region.dimensions(),
                region.subsystems(), region.coupling(), region.indicators(), region.computedAt(), "ENTERPRISE");
        send(UUID.randomUUID().toString(), enterprise);

        JsonNode roadmap = awaitCurrentVersion(entity, 1);
        Set<String> enterpriseActions = new HashSet<>();
        api.get("/api/v1/actions").body().forEach(a -> {
            if (a.get("entityKinds").toString().contains("ENTERPRISE")) {
                enterpriseActions.add(a.get("code").asString());
            }
        });
        assertThat(roadmap.get("actions").size()).isPositive();
        for (JsonNode action : roadmap.get("actions")) {
            assertThat(enterpriseActions).contains(action.get("actionCode").asString());
        }
    }

    @Test
    void should_ChangeNothing_When_EventRedelivered() {
        String entity = newEntity();
        String eventId = UUID.randomUUID().toString();
        AssessmentComputed original = laborersLag(entity, "2023", 35.5);
        send(eventId, original);
        awaitCurrentVersion(entity, 1);

        send(eventId, original); // a plain redelivery
        send(eventId, meansLag(entity, "2023")); // same ce_id, other content: still the same event
        AssessmentComputed marker = laborersLag(entity, "2023", 40);
        send(UUID.randomUUID().toString(), marker); // same key, so read after the redeliveries

        JsonNode current = awaitCurrentVersion(entity, 2);
        assertThat(current.get("assessmentId").asString()).isEqualTo(marker.assessmentId());
        assertThat(api.get("/api/v1/roadmaps/" + entity + "/history").body().get("versions").size()).isEqualTo(2);
        assertThat(published(entity, 3, QUIET)).extracting(r -> payload(r).version()).containsExactly(1, 2);
    }

    @Test
    void should_StoreAndPublishNothing_When_RebuiltRoadmapIsIdentical() {
        String entity = newEntity();
        AssessmentComputed first = laborersLag(entity, "2023", 35.5);
        send(UUID.randomUUID().toString(), first);
        awaitCurrentVersion(entity, 1);

        // A new assessment (new event, new assessment id) whose scores give the same roadmap.
        AssessmentComputed same = assessment(entity, "2023", "AI", first.dimensions(), first.indicators());
        send(UUID.randomUUID().toString(), same);
        AssessmentComputed marker = meansLag(entity, "2023");
        send(UUID.randomUUID().toString(), marker);

        awaitCurrentVersion(entity, 2);
        JsonNode history = api.get("/api/v1/roadmaps/" + entity + "/history").body().get("versions");
        assertThat(history).extracting(v -> v.get("assessmentId").asString())
                .containsExactly(marker.assessmentId(), first.assessmentId());
        assertThat(published(entity, 3, QUIET)).extracting(r -> payload(r).assessmentId())
                .containsExactly(first.assessmentId(), marker.assessmentId());
    }

    @Test
    void should_MakeVersion2WithDifferentActions_When_AssessmentChanges() {
        String entity = newEntity();
        send(UUID.randomUUID().toString(), laborersLag(entity, "2023", 35.5));
        JsonNode v1 = awaitCurrentVersion(entity, 1);

        AssessmentComputed changed = meansLag(entity, "2023");
        send(UUID.randomUUID().toString(), changed);
        JsonNode v2 = awaitCurrentVersion(entity, 2);

        assertThat(v2.get("assessmentId").asString()).isEqualTo(changed.assessmentId());
        assertThat(v2.get("actions").get(0).get("dimension").asString()).isEqualTo("MEANS_OF_LABOR");
        assertThat(v2.get("actions")).noneSatisfy(
                a -> assertThat(a.get("dimension").asString()).isEqualTo("OBJECTS_OF_LABOR")); // now its lead
        assertThat(codes(v2)).isNotEqualTo(codes(v1));

        Response old = api.get("/api/v1/roadmaps/" + entity + "/versions/1");
        assertThat(old.status()).isEqualTo(200);
        assertThat(old.body().get("current").asBoolean()).isFalse();
        assertThat(codes(old.body())).isEqualTo(codes(v1));
        JsonNode history = api.get("/api/v1/roadmaps/" + entity + "/history").body();
        assertThat(history.get("currentVersion").asInt()).isEqualTo(2);
        assertThat(history.get("versions")).extracting(v -> v.get("version").asInt()).containsExactly(2, 1);

        List<ConsumerRecord<String, byte[]>> published = published(entity, 2, FIRST_ARRIVAL);
        assertThat(published).hasSize(2);
        published.forEach(r -> EventSchemas.assertValid(EventTypes.ROADMAP_GENERATED, r.value()));
        assertThat(published).extracting(r -> payload(r).version()).containsExactly(1, 2);
    }

    @Test
    void should_KeepNewestPeriodCurrent_When_OlderPeriodAssessmentArrives() {
        String entity = newEntity();
        send(UUID.randomUUID().toString(), laborersLag(entity, "2023", 35.5));
        awaitCurrentVersion(entity, 1);

        send(UUID.randomUUID().toString(), meansLag(entity, "2022")); // late, for an older period
        AssessmentComputed marker = laborersLag(entity, "2023", 41);
        send(UUID.randomUUID().toString(), marker);

        JsonNode current = awaitCurrentVersion(entity, 2);
        assertThat(current.get("period").asString()).isEqualTo("2023");
        assertThat(current.get("assessmentId").asString()).isEqualTo(marker.assessmentId());
        assertThat(api.get("/api/v1/roadmaps/" + entity + "/history").body().get("versions"))
                .extracting(v -> v.get("period").asString()).containsExactly("2023", "2023");
        assertThat(published(entity, 3, QUIET)).extracting(r -> payload(r).period()).containsExactly("2023", "2023");
    }

    @Test
    void should_DeadLetterUnreadableRecords_AndProcessTheNextGoodRecord() {
        String entity = newEntity();
        send(new ProducerRecord<>(Topics.ASSESSMENTS, entity, "not a cloud event".getBytes(StandardCharsets.UTF_8)));
        send(KafkaMessageFactory.createWriter(Topics.ASSESSMENTS, null, null, entity).writeBinary(
                events.create(EventTypes.ASSESSMENT_COMPUTED, entity, "this is no assessment")));
        send(UUID.randomUUID().toString(), assessment(entity, "2023", null, List.of(), List.of()));
        AssessmentComputed good = laborersLag(entity, "2023", 35.5);
        send(UUID.randomUUID().toString(), good);

        JsonNode roadmap = awaitCurrentVersion(entity, 1);
        assertThat(roadmap.get("assessmentId").asString()).isEqualTo(good.assessmentId());
        List<ConsumerRecord<String, byte[]>> dead = probe.read(Topics.deadLetter(Topics.ASSESSMENTS),
                r -> entity.equals(r.key()), 3, FIRST_ARRIVAL);
        assertThat(dead).hasSize(3).allSatisfy(r -> assertThat(
                KafkaProbe.header(r, MessagingAutoConfiguration.DLT_REASON_HEADER)).isNotBlank());
        assertThat(dead).extracting(r -> KafkaProbe.header(r, MessagingAutoConfiguration.DLT_REASON_HEADER))
                .anySatisfy(reason -> assertThat(reason).contains("dimensions are missing"));
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("not a cloud event");
    }

    @Test
    void should_AnswerProblem404_When_EntityOrVersionHasNoRoadmap() {
        String unknown = newEntity();
        for (String path : List.of("/api/v1/roadmaps/" + unknown, "/api/v1/roadmaps/" + unknown + "/history",
                "/api/v1/roadmaps/" + unknown + "/versions/1")) {
            Response response = api.get(path);
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.contentType()).as(path).startsWith("application/problem+json");
            assertThat(response.body().get("detail").asString()).as(path).contains(unknown);
        }

        String entity = newEntity();
        send(UUID.randomUUID().toString(), laborersLag(entity, "2023", 35.5));
        awaitCurrentVersion(entity, 1);
        Response missingVersion = api.get("/api/v1/roadmaps/" + entity + "/versions/7");
        assertThat(missingVersion.status()).isEqualTo(404);
        assertThat(missingVersion.body().get("detail").asString()).contains("version 7", "1 to 1");
    }
}

package org.nqpf.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.nqpf.contracts.Dimension.LABORERS;
import static org.nqpf.contracts.Dimension.MEANS_OF_LABOR;
import static org.nqpf.contracts.Subsystem.AI;
import static org.nqpf.contracts.Subsystem.NQPF;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.nqpf.contracts.ObservationRecorded;
import org.nqpf.contracts.Topics;
import org.nqpf.messaging.MessagingAutoConfiguration;
import org.nqpf.testsupport.KafkaProbe;
import tools.jackson.databind.JsonNode;

/**
 * Observations in, assessments out. A cohort of three, worked by hand:
 * L1 (LABORERS, AI, more is better) A 10, B 20, C 30 → 0, 50, 100;
 * M1 (MEANS_OF_LABOR, NQPF, less is better) A 3, B 2, C 1 → 0, 50, 100;
 * overall = mean of the dimensions: A 0, B 50, C 100.
 */
class ObservationFlowIT extends IntegrationTest {

    @Test
    void should_RescoreAndRerankTheCohort_When_AValueChanges() {
        String run = unique();
        String cohort = "flow-" + run;
        String a = "A-" + run;
        String b = "B-" + run;
        String c = "C-" + run;
        List<String> cohorts = List.of(cohort);
        send(observation(a, cohorts, "L1", LABORERS, AI, 1, "2023", 10.0, 1));
        send(observation(b, cohorts, "L1", LABORERS, AI, 1, "2023", 20.0, 1));
        send(observation(c, cohorts, "L1", LABORERS, AI, 1, "2023", 30.0, 1));
        send(observation(a, cohorts, "M1", MEANS_OF_LABOR, NQPF, -1, "2023", 3.0, 1));
        send(observation(b, cohorts, "M1", MEANS_OF_LABOR, NQPF, -1, "2023", 2.0, 1));
        send(observation(c, cohorts, "M1", MEANS_OF_LABOR, NQPF, -1, "2023", 1.0, 1));

        // The six events travel on different partitions: wait until every unit's assessment has both indicators,
        // so the one read below comes from a recompute that saw all of them.
        for (String unit : List.of(b, c)) {
            awaitAssessment("/api/v1/assessments/" + unit + "?period=2023",
                    x -> x.path("cohortSize").asInt() == 3 && x.path("explanation").size() == 2);
        }
        JsonNode before = awaitAssessment("/api/v1/assessments/" + a + "?period=2023",
                x -> x.path("cohortSize").asInt() == 3 && x.path("explanation").size() == 2);
        assertThat(before.path("overallScore").asDouble()).isCloseTo(0, within(1e-6));
        assertThat(before.path("rank").asInt()).isEqualTo(3);
        assertThat(before.path("cohort").asString()).isEqualTo(cohort);
        assertThat(before.path("inputDigest").asString()).matches("[0-9a-f]{64}");
        assertThat(dimension(before, LABORERS).path("leaderEntityId").asString()).isEqualTo(c);

        // A's L1 is revised from 10 to 40: L1 becomes A 100, B 0, C 50 → overall A 50, B 25, C 75
        send(observation(a, cohorts, "L1", LABORERS, AI, 1, "2023", 40.0, 2));
        JsonNode after = awaitAssessment("/api/v1/assessments/" + a + "?period=2023",
                x -> x.path("rank").asInt() == 2);
        assertThat(after.path("overallScore").asDouble()).isCloseTo(50, within(1e-6));
        assertThat(after.path("inputDigest").asString()).isNotEqualTo(before.path("inputDigest").asString());
        JsonNode laborers = dimension(after, LABORERS);
        assertThat(laborers.path("score").asDouble()).isCloseTo(100, within(1e-6));
        assertThat(laborers.path("rank").asInt()).isEqualTo(1);
        assertThat(laborers.path("leaderEntityId").asString()).isEqualTo(a);
        assertThat(dimension(after, MEANS_OF_LABOR).path("leaderEntityId").asString()).isEqualTo(c);
        // AI 100 vs NQPF 0: no coupling, NQPF lags; the whole obstacle is M1
        assertThat(after.path("coupling").path("d").asDouble()).isCloseTo(0, within(1e-6));
        assertThat(after.path("coupling").path("grade").asString()).isEqualTo("EXTREME_IMBALANCE");
        assertThat(after.path("coupling").path("lagging").asString()).isEqualTo("NQPF");
        assertThat(after.path("obstacles").path("dimensions").get(1).path("obstacle").asDouble())
                .isCloseTo(100, within(1e-6));
        double contributions = 0;
        for (JsonNode e : after.path("explanation")) {
            contributions += e.path("contribution").asDouble();
        }
        assertThat(contributions).isCloseTo(50, within(1e-5));

        JsonNode ranking = api.get("/api/v1/assessments?cohort=" + cohort + "&period=2023").body();
        assertThat(ranking.path("ranking").findValuesAsString("entityId")).containsExactly(c, a, b);
        assertThat(ranking.path("ranking").findValues("overallScore").stream().map(JsonNode::asDouble).toList())
                .containsExactly(75.0, 50.0, 25.0);

        // every entity's change was announced; the newest events carry the new ranks
        List<JsonNode> announced = published(cohort, "2023", 1000, Duration.ofSeconds(5));
        assertThat(last(announced, a).path("rank").asInt()).isEqualTo(2);
        assertThat(last(announced, b).path("rank").asInt()).isEqualTo(3);
        assertThat(last(announced, c).path("overallScore").asDouble()).isCloseTo(75, within(1e-6));
        assertThat(last(announced, a).path("assessmentId").asString())
                .isEqualTo(after.path("assessmentId").asString());
    }

    @Test
    void should_ChangeNothing_When_EventRedelivered() {
        String run = unique();
        String cohort = "redeliver-" + run;
        String x = "X-" + run;
        String y = "Y-" + run;
        ObservationRecorded xL1 = observation(x, List.of(cohort), "L1", LABORERS, AI, 1, "2022", 5.0, 1);
        String eventId = send(xL1);
        send(observation(y, List.of(cohort), "L1", LABORERS, AI, 1, "2022", 7.0, 1));
        JsonNode before = awaitAssessment("/api/v1/assessments/" + x + "?period=2022",
                n -> n.path("cohortSize").asInt() == 2);
        int announcedBefore = published(cohort, "2022", 1000, Duration.ofSeconds(3)).size();

        // the same event again, and a forgery under the same id: both must be ignored by id
        send(eventId, xL1);
        send(eventId, observation(x, List.of(cohort), "L1", LABORERS, AI, 1, "2022", 999.0, 5));
        // a marker after them on the same partition (same key): once it is applied, the redeliveries were seen
        send(observation(x, List.of(cohort), "L1", LABORERS, AI, 1, "2099", 1.0, 1));
        awaitAssessment("/api/v1/assessments/" + x + "?period=2099", n -> true);

        JsonNode after = api.get("/api/v1/assessments/" + x + "?period=2022").body();
        assertThat(after.path("assessmentId").asString()).isEqualTo(before.path("assessmentId").asString());
        assertThat(after.path("inputDigest").asString()).isEqualTo(before.path("inputDigest").asString());
        assertThat(after.path("computedAt").asString()).isEqualTo(before.path("computedAt").asString());
        assertThat(after.path("explanation").get(0).path("value").asDouble()).isEqualTo(5.0);
        assertThat(published(cohort, "2022", announcedBefore + 1, Duration.ofSeconds(3))).hasSize(announcedBefore);
    }

    @Test
    void should_RemoveTheValue_When_ObservationIsDeleted() {
        String run = unique();
        String cohort = "delete-" + run;
        String e1 = "E1-" + run;
        String e2 = "E2-" + run;
        List<String> cohorts = List.of(cohort);
        send(observation(e1, cohorts, "L1", LABORERS, AI, 1, "2021", 1.0, 1));
        send(observation(e2, cohorts, "L1", LABORERS, AI, 1, "2021", 2.0, 1));
        send(observation(e1, cohorts, "M1", MEANS_OF_LABOR, NQPF, 1, "2021", 5.0, 1));
        send(observation(e2, cohorts, "M1", MEANS_OF_LABOR, NQPF, 1, "2021", 1.0, 1));
        // E1: LABORERS 0, MEANS 100 → 50; E2: 100, 0 → 50
        awaitAssessment("/api/v1/assessments/" + e1 + "?period=2021",
                n -> n.path("cohortSize").asInt() == 2 && n.path("dimensions").size() == 2);

        send(observation(e1, cohorts, "M1", MEANS_OF_LABOR, NQPF, 1, "2021", null, 2));
        // E1 keeps only L1 (0); M1 is E2's alone, a constant column → midpoint: E2 = (100 + 50) / 2
        JsonNode after = awaitAssessment("/api/v1/assessments/" + e1 + "?period=2021",
                n -> n.path("dimensions").size() == 1);
        assertThat(after.path("overallScore").asDouble()).isCloseTo(0, within(1e-6));
        assertThat(after.path("rank").asInt()).isEqualTo(2);
        JsonNode m1 = after.path("explanation").get(1);
        assertThat(m1.path("indicator").asString()).isEqualTo("M1");
        assertThat(m1.has("value")).isFalse();
        assertThat(m1.path("weight").asDouble()).isZero();
        JsonNode e2After = api.get("/api/v1/assessments/" + e2 + "?period=2021").body();
        assertThat(e2After.path("overallScore").asDouble()).isCloseTo(75, within(1e-6));
        assertThat(e2After.path("rank").asInt()).isEqualTo(1);
    }

    @Test
    void should_DeadLetterAnUnreadableRecord_And_ProcessTheNextOne() {
        String run = unique();
        String entity = "K-" + run;
        String cohort = "dlt-" + run;
        probe().send(new ProducerRecord<>(Topics.OBSERVATIONS, entity,
                "this is not a cloud event".getBytes(StandardCharsets.UTF_8)));
        send(observation(entity, List.of(cohort), "L1", LABORERS, AI, 1, "2020", 3.0, 1));

        JsonNode good = awaitAssessment("/api/v1/assessments/" + entity, n -> true);
        assertThat(good.path("period").asString()).isEqualTo("2020");
        List<ConsumerRecord<String, byte[]>> dead = probe().read(Topics.deadLetter(Topics.OBSERVATIONS),
                r -> entity.equals(r.key()), 1, WAIT);
        assertThat(dead).hasSize(1);
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("this is not a cloud event");
        assertThat(KafkaProbe.header(dead.get(0), MessagingAutoConfiguration.DLT_REASON_HEADER)).isNotBlank();
    }

    @Test
    void should_DeadLetterAnObservation_When_ItBreaksTheContract() {
        String run = unique();
        String entity = "V-" + run;
        // direction 0 means neither "more is better" nor "less is better"
        send(observation(entity, List.of("invalid-" + run), "L1", LABORERS, AI, 0, "2020", 3.0, 1));
        send(observation(entity, List.of("invalid-" + run), "L2", LABORERS, AI, 1, "2020", 4.0, 1));

        assertAppliedOnlyL2_AndDeadLettered(entity, "direction 0");
    }

    /** An empty path broke the projection's check itself (an index out of bounds), a reason nobody could act on. */
    @Test
    void should_DeadLetterNamingTheEmptyPath_When_AnObservationHasAPathWithNoAggregate() {
        String run = unique();
        String entity = "P-" + run;
        send(new ObservationRecorded(entity + "/L1", entity, "REGION", List.of("path-" + run), FRAMEWORK, 1, "L1",
                LABORERS, AI, null, 1, "unit", "2020", 3.0, false, 1, "test", "KAFKA", Instant.now(), List.of()));
        send(observation(entity, List.of("path-" + run), "L2", LABORERS, AI, 1, "2020", 4.0, 1));

        assertAppliedOnlyL2_AndDeadLettered(entity, "has an empty path");
    }

    /** The entity's good L2 is assessed alone, and its bad L1 is dead-lettered with a reason naming what is wrong. */
    private void assertAppliedOnlyL2_AndDeadLettered(String entity, String reason) {
        JsonNode good = awaitAssessment("/api/v1/assessments/" + entity, n -> true);
        assertThat(good.path("explanation").findValuesAsString("indicator")).containsExactly("L2");
        List<ConsumerRecord<String, byte[]>> dead = probe().read(Topics.deadLetter(Topics.OBSERVATIONS),
                r -> entity.equals(r.key()), 1, WAIT);
        assertThat(KafkaProbe.header(dead.get(0), MessagingAutoConfiguration.DLT_REASON_HEADER)).contains(reason);
    }

    @Test
    void should_ApplyEveryGoodObservationOfABurstOnce_When_OneInTheMiddleBreaksTheContract() {
        String run = unique();
        String entity = "B-" + run;
        List<String> cohort = List.of("burst-" + run);
        // Sent without waiting, so the listener takes them in batches: the bad one must not cost its neighbours.
        String first = send(observation(entity, cohort, "L1", LABORERS, AI, 1, "2020", 1.0, 1));
        for (int i = 2; i <= 20; i++) {
            send(observation(entity, cohort, "L" + i, LABORERS, AI, i == 10 ? 0 : 1, "2020", (double) i, 1));
        }
        // a forgery under the first one's id, in the same burst: ignored by id
        send(first, observation(entity, cohort, "L1", LABORERS, AI, 1, "2020", 999.0, 5));
        // a marker after them on the same partition (same key): once it is applied, the burst was seen
        send(observation(entity, cohort, "L1", LABORERS, AI, 1, "2099", 1.0, 1));
        awaitAssessment("/api/v1/assessments/" + entity + "?period=2099", n -> true);

        JsonNode assessed = awaitAssessment("/api/v1/assessments/" + entity + "?period=2020",
                n -> n.path("explanation").findValuesAsString("indicator").size() == 19);
        List<String> expected = new java.util.ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            if (i != 10) {
                expected.add("L" + i);
            }
        }
        assertThat(assessed.path("explanation").findValuesAsString("indicator"))
                .containsExactlyInAnyOrderElementsOf(expected);
        for (JsonNode line : assessed.path("explanation")) {
            if (line.path("indicator").asString().equals("L1")) {
                assertThat(line.path("value").asDouble()).isEqualTo(1.0);
            }
        }
        List<ConsumerRecord<String, byte[]>> dead = probe().read(Topics.deadLetter(Topics.OBSERVATIONS),
                r -> entity.equals(r.key()), 1, WAIT);
        assertThat(dead).hasSize(1);
        assertThat(KafkaProbe.header(dead.get(0), MessagingAutoConfiguration.DLT_REASON_HEADER))
                .contains("direction 0");
    }

    private static JsonNode last(List<JsonNode> announced, String entity) {
        JsonNode last = null;
        for (JsonNode n : announced) {
            if (n.path("entityId").asString().equals(entity)) {
                last = n;
            }
        }
        assertThat(last).as("an event for " + entity).isNotNull();
        return last;
    }
}

package org.nqpf.assessment;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.nqpf.contracts.Dimension;
import org.nqpf.contracts.EventTypes;
import org.nqpf.contracts.ObservationRecorded;
import org.nqpf.contracts.Subsystem;
import org.nqpf.contracts.Topics;
import org.nqpf.messaging.Events;
import org.nqpf.testsupport.ApiClient;
import org.nqpf.testsupport.EventSchemas;
import org.nqpf.testsupport.KafkaProbe;
import org.nqpf.testsupport.ServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The module's integration tests: a {@link ServiceTest} (one shared context, so a single consumer in the group, on a
 * real Kafka broker and PostgreSQL; test timings in application-test.properties) plus the assessment helpers they
 * share. HTTP goes through {@link #api}.
 */
@ServiceTest
public abstract class IntegrationTest {

    protected static final Duration WAIT = Duration.ofSeconds(60);
    protected static final String FRAMEWORK = "NQPF-TEST";

    @Autowired
    protected ApiClient api;

    @Autowired
    protected Events events;

    @Autowired
    protected JsonMapper json;

    @Autowired
    protected MeterRegistry meters;

    protected static KafkaProbe probe() {
        return KafkaProbe.shared();
    }

    /** A short random suffix so each test has entities and cohorts of its own. */
    protected static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    protected static ObservationRecorded observation(String entity, List<String> cohorts, String indicator,
            Dimension dimension, Subsystem subsystem, int direction, String period, Double value, int revision) {
        return new ObservationRecorded(entity + "/" + indicator + "/" + period, entity, "REGION", cohorts, FRAMEWORK,
                1, indicator, dimension, subsystem, null, direction, "unit", period, value, value == null, revision,
                "test", "KAFKA", Instant.now());
    }

    /** A value of {@code framework} version 1 (more is better) for an entity in one cohort, as its first revision. */
    protected static ObservationRecorded observation(String framework, String entity, String cohort, String indicator,
            Dimension dimension, Subsystem subsystem, String period, double value) {
        return new ObservationRecorded(entity + "/" + indicator, entity, "REGION", List.of(cohort), framework, 1,
                indicator, dimension, subsystem, null, 1, "unit", period, value, false, 1, "test", "KAFKA",
                Instant.now());
    }

    /** Sends the observation as indicator-service does: a CloudEvent in Kafka binary mode; returns its id. */
    protected String send(ObservationRecorded observation) {
        String id = UUID.randomUUID().toString();
        send(id, observation);
        return id;
    }

    protected void send(String eventId, ObservationRecorded observation) {
        CloudEvent event = events.create(eventId, EventTypes.OBSERVATION_RECORDED, observation.entityId(),
                observation);
        probe().send(binary(observation.entityId(), event));
    }

    protected static ProducerRecord<String, byte[]> binary(String key, CloudEvent event) {
        return KafkaMessageFactory.createWriter(Topics.OBSERVATIONS, null, null, key).writeBinary(event);
    }

    /** Waits until the entity's assessment exists and satisfies the condition; returns it. */
    protected JsonNode awaitAssessment(String path, Predicate<JsonNode> condition) {
        return api.awaitUntil(path, r -> condition.test(r.body()), WAIT).body();
    }

    /**
     * The AssessmentComputed events published for a cohort and period (each validated against its schema): reads
     * until {@code atLeast} arrived or the timeout passed.
     */
    protected List<JsonNode> published(String cohort, String period, int atLeast, Duration timeout) {
        List<ConsumerRecord<String, byte[]>> records = probe().read(Topics.ASSESSMENTS, r -> {
            JsonNode payload = json.readTree(r.value());
            return cohort.equals(payload.path("cohort").asString()) && period.equals(payload.path("period").asString());
        }, atLeast, timeout);
        return records.stream().map(r -> {
            EventSchemas.assertValid(EventTypes.ASSESSMENT_COMPUTED, r.value());
            if (!EventTypes.ASSESSMENT_COMPUTED.equals(KafkaProbe.header(r, "ce_type"))) {
                throw new AssertionError("unexpected ce_type " + KafkaProbe.header(r, "ce_type"));
            }
            if (!r.key().equals(json.readTree(r.value()).path("entityId").asString())) {
                throw new AssertionError("record key " + r.key() + " is not the entity id");
            }
            return json.readTree(r.value());
        }).toList();
    }

    protected double recomputes() {
        return meters.counter("nqpf.assessment.recomputes").count();
    }

    protected static double dimensionScore(JsonNode assessment, Dimension dimension) {
        for (JsonNode d : assessment.path("dimensions")) {
            if (d.path("dimension").asString().equals(dimension.name())) {
                return d.path("score").asDouble();
            }
        }
        throw new AssertionError("no " + dimension + " in " + assessment);
    }

    protected static JsonNode dimension(JsonNode assessment, Dimension dimension) {
        for (JsonNode d : assessment.path("dimensions")) {
            if (d.path("dimension").asString().equals(dimension.name())) {
                return d;
            }
        }
        throw new AssertionError("no " + dimension + " in " + assessment);
    }
}

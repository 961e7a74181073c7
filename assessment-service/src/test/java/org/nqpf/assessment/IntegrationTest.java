package org.nqpf.assessment;

import static org.awaitility.Awaitility.await;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import org.nqpf.testsupport.EventSchemas;
import org.nqpf.testsupport.KafkaProbe;
import org.nqpf.testsupport.NqpfInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one Spring context every integration test of this module shares (same annotations and properties, so the
 * context cache keeps a single consumer in the group), on a real Kafka broker and a real PostgreSQL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"nqpf.assessment.recompute-interval=200ms", "nqpf.outbox.poll-interval=100ms"})
@NqpfInfrastructure
public abstract class IntegrationTest {

    protected static final Duration WAIT = Duration.ofSeconds(60);
    protected static final String FRAMEWORK = "NQPF-TEST";

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static KafkaProbe probe;

    @LocalServerPort
    protected int port;

    @Autowired
    protected Events events;

    @Autowired
    protected JsonMapper json;

    @Autowired
    protected MeterRegistry meters;

    protected static synchronized KafkaProbe probe() {
        if (probe == null) {
            probe = new KafkaProbe();
        }
        return probe;
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

    protected record Response(int status, String contentType, JsonNode body) {
    }

    protected Response post(String path, String jsonBody) {
        return send("POST", path, jsonBody);
    }

    protected Response put(String path, String jsonBody) {
        return send("PUT", path, jsonBody);
    }

    private Response send(String method, String path, String jsonBody) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(jsonBody))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""),
                    r.body().isEmpty() ? json.nullNode() : json.readTree(r.body()));
        }
        catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected Response get(String path) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), json.readTree(response.body()));
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the entity's assessment exists and satisfies the condition; returns it. */
    protected JsonNode awaitAssessment(String path, Predicate<JsonNode> condition) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            Response r = get(path);
            if (r.status() == 200 && condition.test(r.body())) {
                found[0] = r.body();
                return true;
            }
            return false;
        });
        return found[0];
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

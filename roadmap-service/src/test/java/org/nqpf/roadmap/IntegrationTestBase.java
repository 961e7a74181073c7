package org.nqpf.roadmap;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.nqpf.contracts.AssessmentComputed;
import org.nqpf.contracts.EventTypes;
import org.nqpf.contracts.Topics;
import org.nqpf.messaging.Events;
import org.nqpf.testsupport.KafkaProbe;
import org.nqpf.testsupport.NqpfInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one Spring context every integration test of this module shares (same annotations, same properties), on a
 * real Kafka broker and a real PostgreSQL: two contexts would split the consumer group's partitions.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@NqpfInfrastructure
public abstract class IntegrationTestBase {

    private static KafkaProbe probe;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    protected int port;

    @Autowired
    protected Events events;

    @Autowired
    protected JsonMapper json;

    protected static synchronized KafkaProbe probe() {
        if (probe == null) {
            probe = new KafkaProbe();
        }
        return probe;
    }

    @AfterAll
    static synchronized void closeProbe() {
        if (probe != null) {
            probe.close();
            probe = null;
        }
    }

    /** Sends the assessment as assessment-service does: a binary-mode CloudEvent keyed by the entity id. */
    protected void send(String eventId, AssessmentComputed assessment) {
        CloudEvent event = events.create(eventId, EventTypes.ASSESSMENT_COMPUTED, assessment.entityId(), assessment);
        send(KafkaMessageFactory.createWriter(Topics.ASSESSMENTS, null, null, assessment.entityId())
                .writeBinary(event));
    }

    protected void send(ProducerRecord<String, byte[]> record) {
        probe().send(record);
    }

    /** The RoadmapGenerated records published for an entity, read from the beginning of the topic. */
    protected List<ConsumerRecord<String, byte[]>> published(String entityId, int atMost, Duration timeout) {
        return probe().read(Topics.ROADMAPS, r -> entityId.equals(r.key()), atMost, timeout);
    }

    public record Response(int status, String contentType, JsonNode body) {
    }

    protected Response get(String path) {
        return send("GET", path, null);
    }

    protected Response post(String path, String jsonBody) {
        return send("POST", path, jsonBody);
    }

    protected Response put(String path, String jsonBody) {
        return send("PUT", path, jsonBody);
    }

    protected Response delete(String path) {
        return send("DELETE", path, null);
    }

    private Response send(String method, String path, String jsonBody) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .timeout(Duration.ofSeconds(10));
            if (jsonBody == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? null : json.readTree(response.body());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    body);
        }
        catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

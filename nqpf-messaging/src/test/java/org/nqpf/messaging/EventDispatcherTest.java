package org.nqpf.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudevents.kafka.KafkaMessageFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.nqpf.contracts.EventTypes;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/** Reading and typing records; dispatching with the inbox is proven by each service's listener ITs. */
class EventDispatcherTest {

    private final Events events = new Events(JsonMapper.builder().build(), "/nqpf/test");
    private final InboundEvents inbound = new InboundEvents(events, null, null, new SimpleMeterRegistry());
    private final EventDispatcher dispatcher = inbound.consumer("test")
            .accept(EventTypes.OBSERVATION_SUBMITTED, Map.class)
            .maxEventSize(DataSize.ofBytes(200))
            .build();

    @Test
    void should_TypeThePayload_When_TheTypeIsRegistered() {
        EventDispatcher.Inbound<Map> read = dispatcher.read(record(EventTypes.OBSERVATION_SUBMITTED, Map.of("a", 1)),
                Map.class);

        assertThat(read.payload()).containsEntry("a", 1);
        assertThat(read.event().getType()).isEqualTo(EventTypes.OBSERVATION_SUBMITTED);
    }

    @Test
    void should_RejectNamingTheExpectedType_When_NoHandlerTakesTheType() {
        assertThatThrownBy(() -> dispatcher.read(record(EventTypes.ROADMAP_GENERATED, Map.of())))
                .isInstanceOf(RejectedEventException.class)
                .hasMessageContaining(EventTypes.ROADMAP_GENERATED).hasMessageContaining("expected "
                        + EventTypes.OBSERVATION_SUBMITTED);
    }

    @Test
    void should_Reject_When_TheRecordIsNoCloudEventOrTooLarge() {
        ConsumerRecord<String, byte[]> garbage = new ConsumerRecord<>("t", 0, 0, "k",
                "not an event".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> dispatcher.read(garbage)).isInstanceOf(RejectedEventException.class)
                .hasMessageContaining("CloudEvent");

        ConsumerRecord<String, byte[]> huge = record(EventTypes.OBSERVATION_SUBMITTED, Map.of("s", "x".repeat(300)));
        assertThatThrownBy(() -> dispatcher.read(huge)).isInstanceOf(RejectedEventException.class)
                .hasMessageContaining("oversize payload");
    }

    @Test
    void should_RefuseToBuild_When_ATypeIsRegisteredTwice() {
        assertThatThrownBy(() -> inbound.consumer("twice").accept(EventTypes.OBSERVATION_SUBMITTED, Map.class)
                .accept(EventTypes.OBSERVATION_SUBMITTED, Map.class)).isInstanceOf(IllegalArgumentException.class);
    }

    private ConsumerRecord<String, byte[]> record(String type, Object payload) {
        ProducerRecord<String, byte[]> sent = KafkaMessageFactory.createWriter("t", null, null, "k")
                .writeBinary(events.create(type, "k", payload));
        return new ConsumerRecord<>("t", 0, 0, 0L, TimestampType.CREATE_TIME, 0, sent.value() == null ? 0
                : sent.value().length, "k", sent.value(), new RecordHeaders(sent.headers().toArray()),
                java.util.Optional.empty());
    }
}

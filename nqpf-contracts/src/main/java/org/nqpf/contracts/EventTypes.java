package org.nqpf.contracts;

import java.util.Map;

/**
 * CloudEvents {@code type} of each event, versioned, and the payload class and topic that go with it.
 * The JSON Schema of each type lives at {@code org/nqpf/contracts/schemas/<type>.json}.
 */
public final class EventTypes {

    public static final String OBSERVATION_SUBMITTED = "org.nqpf.observation.submitted.v1";
    public static final String OBSERVATION_RECORDED = "org.nqpf.observation.recorded.v1";
    public static final String ASSESSMENT_COMPUTED = "org.nqpf.assessment.computed.v1";
    public static final String ROADMAP_GENERATED = "org.nqpf.roadmap.generated.v1";
    public static final String ENTITY_CHANGED = "org.nqpf.entity.changed.v1";

    public record Contract(String type, String topic, Class<?> payload) {
        public String schemaResource() {
            return "org/nqpf/contracts/schemas/" + type + ".json";
        }
    }

    public static final Map<String, Contract> ALL = Map.of(
            OBSERVATION_SUBMITTED, new Contract(OBSERVATION_SUBMITTED, Topics.RAW_FEED_PREFIX + "<feed>",
                    ObservationSubmitted.class),
            OBSERVATION_RECORDED, new Contract(OBSERVATION_RECORDED, Topics.OBSERVATIONS, ObservationRecorded.class),
            ASSESSMENT_COMPUTED, new Contract(ASSESSMENT_COMPUTED, Topics.ASSESSMENTS, AssessmentComputed.class),
            ROADMAP_GENERATED, new Contract(ROADMAP_GENERATED, Topics.ROADMAPS, RoadmapGenerated.class),
            ENTITY_CHANGED, new Contract(ENTITY_CHANGED, Topics.ENTITIES, EntityChanged.class));

    private EventTypes() {
    }

    public static Contract of(String type) {
        Contract contract = ALL.get(type);
        if (contract == null) {
            throw new IllegalArgumentException("unknown event type " + type);
        }
        return contract;
    }
}

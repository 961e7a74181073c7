package org.nqpf.contracts;

import java.util.List;

/** Kafka topic names. Each has a dead-letter twin written by the consumer that rejected a record. */
public final class Topics {

    /** Government data feeds push observations here (key: entity id). */
    public static final String OBSERVATIONS_RAW = "nqpf.observations.raw.v1";
    /** Canonical, validated observations written by indicator-service (key: entity id). */
    public static final String OBSERVATIONS = "nqpf.observations.v1";
    /** Assessment results written by assessment-service (key: entity id). */
    public static final String ASSESSMENTS = "nqpf.assessments.v1";
    /** Roadmaps written by roadmap-service (key: entity id). */
    public static final String ROADMAPS = "nqpf.roadmaps.v1";

    /** Entities as indicator-service's registry holds them, after each change (key: entity id; compacted). */
    public static final String ENTITIES = "nqpf.entities.v1";

    public static final String DLT_SUFFIX = ".DLT";

    public static final List<String> ALL = List.of(OBSERVATIONS_RAW, OBSERVATIONS, ASSESSMENTS, ROADMAPS, ENTITIES);

    private Topics() {
    }

    public static String deadLetter(String topic) {
        return topic + DLT_SUFFIX;
    }
}

package org.nqpf.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * An entity's roadmap, rebuilt from its newest assessment ({@link EventTypes#ROADMAP_GENERATED} on
 * {@link Topics#ROADMAPS}). Versions count per entity, cohort and framework.
 *
 * @param cohort         the cohort the roadmap plans in; absent from producers that predate it
 * @param frameworkCode  the framework of the assessment; absent from producers that predate it
 * @param libraryVersion the action library version it was built from; absent from producers that predate it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RoadmapGenerated(
        String roadmapId,
        String entityId,
        String period,
        int version,
        String assessmentId,
        List<Action> actions,
        Instant generatedAt,
        String cohort,
        String frameworkCode,
        Integer libraryVersion) {

    public RoadmapGenerated(String roadmapId, String entityId, String period, int version, String assessmentId,
            List<Action> actions, Instant generatedAt) {
        this(roadmapId, entityId, period, version, assessmentId, actions, generatedAt, null, null, null);
    }

    /**
     * @param phase    {@code NEAR_TERM}, {@code MID_TERM} or {@code LONG_TERM}
     * @param priority 1 is the most urgent
     * @param target   the dimension score to reach, backed by the peer that reached it
     * @param peer     the entity that already got there
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Action(String actionCode, String title, ActionSystem system, String actor, String instrument,
            Dimension dimension, String phase, int priority, String rationale, Double target, String peer) {
    }
}

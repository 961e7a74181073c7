package org.nqpf.roadmap.roadmaps;

import java.time.Instant;
import org.nqpf.roadmap.planning.Plan;
import tools.jackson.databind.JsonNode;

/**
 * One stored roadmap version of an entity in a cohort and framework.
 *
 * @param plan          the plan; null for versions stored before plans were kept
 * @param legacyActions the action list of those older versions; null for the others
 */
public record StoredRoadmap(String roadmapId, String entityId, String cohort, String frameworkCode, String period,
        int version, String assessmentId, Instant generatedAt, String contentDigest, Integer libraryVersion, Plan plan,
        JsonNode legacyActions) {

    public RoadmapKey key() {
        return new RoadmapKey(entityId, cohort, frameworkCode);
    }
}

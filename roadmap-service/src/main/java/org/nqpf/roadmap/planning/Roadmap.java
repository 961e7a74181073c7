package org.nqpf.roadmap.planning;

import java.time.Instant;
import java.util.List;

/**
 * One stored version of an entity's roadmap.
 *
 * @param contentDigest  SHA-256 over the period and the actions: equal digests, identical roadmaps
 * @param libraryVersion the action library version it was built from; null for roadmaps from before versions
 */
public record Roadmap(String roadmapId, String entityId, String cohort, String period, int version,
        String assessmentId, Instant generatedAt, List<PlannedAction> actions, String contentDigest,
        Integer libraryVersion) {
}

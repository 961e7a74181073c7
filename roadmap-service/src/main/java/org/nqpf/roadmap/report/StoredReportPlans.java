package org.nqpf.roadmap.report;

import java.util.Optional;
import org.nqpf.roadmap.roadmaps.RoadmapStore;
import org.nqpf.roadmap.roadmaps.StoredRoadmap;
import org.springframework.stereotype.Component;

/**
 * The report's plans from the roadmap store: the key asked for, else the entity's most recently generated roadmap
 * (as the roadmap endpoint chooses), at its current version or the one asked for. Versions from before plans were
 * stored have no plan to render and are not found.
 */
@Component
class StoredReportPlans implements ReportPlans {

    private final RoadmapStore store;

    StoredReportPlans(RoadmapStore store) {
        this.store = store;
    }

    @Override
    public Optional<Stored> find(String entity, String cohort, String framework, Integer version) {
        return store.currentOfEachKey(entity).stream()
                .filter(r -> cohort == null || r.cohort().equals(cohort))
                .filter(r -> framework == null || r.frameworkCode().equals(framework))
                .findFirst()
                .flatMap(r -> version == null ? Optional.of(r) : store.version(r.key(), version))
                .filter(r -> r.plan() != null)
                .map(StoredReportPlans::stored);
    }

    private static Stored stored(StoredRoadmap r) {
        return new Stored(r.plan(), new ReportMeta(r.version(), r.generatedAt(), r.libraryVersion()));
    }
}

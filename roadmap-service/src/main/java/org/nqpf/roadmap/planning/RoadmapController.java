package org.nqpf.roadmap.planning;

import java.time.Instant;
import java.util.List;
import org.nqpf.web.NotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The roadmaps: the current one of an entity, its history, and any past version. */
@RestController
@RequestMapping("/api/v1/roadmaps/{entityId}")
public class RoadmapController {

    private final RoadmapStore store;

    public RoadmapController(RoadmapStore store) {
        this.store = store;
    }

    /**
     * A roadmap as users see it; {@code current} tells whether a newer version replaced it, {@code libraryVersion}
     * which action library version it was built from.
     */
    public record RoadmapView(String roadmapId, String entityId, String cohort, String period, int version,
            boolean current, String assessmentId, Integer libraryVersion, Instant generatedAt,
            List<PlannedAction> actions) {

        static RoadmapView of(Roadmap r, int currentVersion) {
            return new RoadmapView(r.roadmapId(), r.entityId(), r.cohort(), r.period(), r.version(),
                    r.version() == currentVersion, r.assessmentId(), r.libraryVersion(), r.generatedAt(),
                    r.actions());
        }
    }

    public record History(String entityId, int currentVersion, List<RoadmapStore.VersionSummary> versions) {
    }

    @GetMapping
    public RoadmapView current(@PathVariable String entityId) {
        Roadmap current = currentOf(entityId);
        return RoadmapView.of(current, current.version());
    }

    @GetMapping("/history")
    public History history(@PathVariable String entityId) {
        List<RoadmapStore.VersionSummary> versions = store.history(entityId);
        if (versions.isEmpty()) {
            throw noRoadmap(entityId);
        }
        return new History(entityId, versions.get(0).version(), versions);
    }

    @GetMapping("/versions/{version}")
    public RoadmapView version(@PathVariable String entityId, @PathVariable int version) {
        Roadmap current = currentOf(entityId);
        return store.version(entityId, version).map(r -> RoadmapView.of(r, current.version()))
                .orElseThrow(() -> new NotFoundException("entity '" + entityId + "' has no roadmap version " + version
                        + "; its versions run from 1 to " + current.version()));
    }

    private Roadmap currentOf(String entityId) {
        return store.current(entityId).orElseThrow(() -> noRoadmap(entityId));
    }

    private static NotFoundException noRoadmap(String entityId) {
        return new NotFoundException("no roadmap for entity '" + entityId
                + "': none has been generated yet (roadmaps follow the entity's assessments)");
    }
}

package org.nqpf.roadmap.roadmaps;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.nqpf.roadmap.access.TenantAccess;
import org.nqpf.roadmap.planning.Plan;
import org.nqpf.web.ConflictException;
import org.nqpf.web.FieldError;
import org.nqpf.web.InvalidInputException;
import org.nqpf.web.NotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * An entity's roadmaps: the current one of a cohort and framework (the most recently generated when none is chosen),
 * its history, any past version, the diff between two versions, and what another set of actions would achieve.
 */
@RestController
@RequestMapping("/api/v1/roadmaps/{entityId}")
public class RoadmapController {

    private final RoadmapStore store;
    private final AssessmentProjection assessments;
    private final RoadmapService roadmaps;
    private final TenantAccess access;

    public RoadmapController(RoadmapStore store, AssessmentProjection assessments, RoadmapService roadmaps,
            TenantAccess access) {
        this.store = store;
        this.assessments = assessments;
        this.roadmaps = roadmaps;
        this.access = access;
    }

    /**
     * A roadmap version as users see it; {@code current} tells whether a newer version replaced it,
     * {@code otherKeys} the other cohorts and frameworks the entity has a roadmap in when none was chosen.
     *
     * @param plan    the plan; null for versions stored before plans were kept
     * @param actions the action list of those older versions
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RoadmapView(String roadmapId, String entityId, String cohort, String frameworkCode, String period,
            int version, boolean current, String assessmentId, Integer libraryVersion, Instant generatedAt,
            String contentDigest, Plan plan, JsonNode actions, List<RoadmapKey> otherKeys) {

        static RoadmapView of(StoredRoadmap r, int currentVersion, List<RoadmapKey> otherKeys) {
            return new RoadmapView(r.roadmapId(), r.entityId(), r.cohort(), r.frameworkCode(), r.period(),
                    r.version(), r.version() == currentVersion, r.assessmentId(), r.libraryVersion(),
                    r.generatedAt(), r.contentDigest(), r.plan(), r.legacyActions(),
                    otherKeys.isEmpty() ? null : otherKeys);
        }
    }

    public record History(String entityId, String cohort, String frameworkCode, int currentVersion,
            List<RoadmapStore.VersionSummary> versions) {
    }

    public record WhatIfRequest(List<String> actions) {
    }

    public record WhatIf(String entityId, String cohort, String frameworkCode, String period, int version,
            Integer libraryVersion, List<String> actions, Plan.Projections projections) {
    }

    /** The current version of the chosen key, and the entity's other keys when the choice was left open. */
    private record Chosen(StoredRoadmap current, List<RoadmapKey> otherKeys) {
    }

    @GetMapping
    public RoadmapView current(@PathVariable String entityId, @RequestParam(required = false) String cohort,
            @RequestParam(required = false) String framework) {
        Chosen chosen = choose(entityId, cohort, framework);
        return RoadmapView.of(chosen.current(), chosen.current().version(), chosen.otherKeys());
    }

    @GetMapping("/history")
    public History history(@PathVariable String entityId, @RequestParam(required = false) String cohort,
            @RequestParam(required = false) String framework) {
        StoredRoadmap current = choose(entityId, cohort, framework).current();
        return new History(entityId, current.cohort(), current.frameworkCode(), current.version(),
                store.history(current.key()));
    }

    @GetMapping("/versions/{version}")
    public RoadmapView version(@PathVariable String entityId, @PathVariable int version,
            @RequestParam(required = false) String cohort, @RequestParam(required = false) String framework) {
        StoredRoadmap current = choose(entityId, cohort, framework).current();
        return RoadmapView.of(versionOf(current, version, "version"), current.version(), List.of());
    }

    /** What changed from version {@code from} to {@code to}; by default from the one before the current to it. */
    @GetMapping("/diff")
    public RoadmapDiff diff(@PathVariable String entityId, @RequestParam(required = false) Integer from,
            @RequestParam(required = false) Integer to, @RequestParam(required = false) String cohort,
            @RequestParam(required = false) String framework) {
        StoredRoadmap current = choose(entityId, cohort, framework).current();
        int toVersion = to == null ? current.version() : to;
        int fromVersion = from == null ? toVersion - 1 : from;
        if (fromVersion < 1) {
            throw InvalidInputException.badRequest(List.of(FieldError.rejected("from", from == null
                    ? "version " + toVersion + " is the first: name a later 'to' to compare with it"
                    : "versions start at 1", fromVersion)));
        }
        StoredRoadmap older = versionOf(current, fromVersion, "from");
        StoredRoadmap newer = versionOf(current, toVersion, "to");
        if (older.plan() == null || newer.plan() == null) {
            StoredRoadmap legacy = older.plan() == null ? older : newer;
            throw InvalidInputException.badRequest(List.of(FieldError.rejected(legacy == older ? "from" : "to",
                    "version " + legacy.version() + " was stored before roadmaps kept their plan: it has no targets "
                            + "or scores to compare", legacy.version())));
        }
        return RoadmapDiff.of(fromVersion, older.plan(), toVersion, newer.plan());
    }

    /** What the chosen actions would achieve for the entity, planned from its current roadmap's assessment. */
    @PostMapping("/what-if")
    public WhatIf whatIf(@PathVariable String entityId, @RequestBody(required = false) WhatIfRequest request,
            @RequestParam(required = false) String cohort, @RequestParam(required = false) String framework) {
        if (request == null || request.actions() == null || request.actions().isEmpty()) {
            throw InvalidInputException.badRequest("actions",
                    "name at least one action code of the library, e.g. {\"actions\": [\"FEC-MOL-1\"]}");
        }
        List<String> blank = request.actions().stream().filter(c -> c == null || c.isBlank()).toList();
        if (!blank.isEmpty()) {
            throw InvalidInputException.badRequest("actions", "every action code must be non-blank");
        }
        StoredRoadmap current = choose(entityId, cohort, framework).current();
        if (assessments.of(entityId, current.cohort(), current.frameworkCode(), current.period()).isEmpty()) {
            throw new ConflictException("the current roadmap of " + entityId + " (" + current.period()
                    + ") predates the assessments this service keeps: no what-if until its next assessment");
        }
        List<String> codes = request.actions().stream().distinct().toList();
        try {
            return new WhatIf(entityId, current.cohort(), current.frameworkCode(), current.period(),
                    current.version(), current.libraryVersion(), codes, roadmaps.whatIf(current, codes));
        }
        catch (IllegalArgumentException e) {
            throw InvalidInputException.badRequest(List.of(FieldError.parse(e.getMessage(), "actions")));
        }
    }

    private Chosen choose(String entityId, String cohort, String framework) {
        // an entity the caller may not see is missing for it: not even whether it has an assessment is told
        boolean visible = access.sees(entityId);
        List<StoredRoadmap> currents = visible ? store.currentOfEachKey(entityId) : List.of();
        if (currents.isEmpty()) {
            throw new NotFoundException(visible && assessments.knows(entityId)
                    ? "entity '" + entityId + "' has an assessment but no roadmap yet: it is planned once its "
                            + "cohort's assessments have settled, or could not be planned (see the service's log)"
                    : "no assessment stored for entity '" + entityId
                            + "': roadmaps follow the entity's assessments");
        }
        List<StoredRoadmap> matching = currents.stream()
                .filter(r -> cohort == null || r.cohort().equals(cohort))
                .filter(r -> framework == null || r.frameworkCode().equals(framework)).toList();
        if (matching.isEmpty()) {
            throw new NotFoundException("entity '" + entityId + "' has no roadmap"
                    + (cohort == null ? "" : " in cohort '" + cohort + "'")
                    + (framework == null ? "" : " for framework '" + framework + "'") + "; it has roadmaps in "
                    + currents.stream().map(r -> r.cohort() + "/" + r.frameworkCode())
                            .collect(Collectors.joining(", ")));
        }
        StoredRoadmap chosen = matching.get(0);
        List<RoadmapKey> others = cohort != null && framework != null ? List.of()
                : currents.stream().filter(r -> r != chosen).map(StoredRoadmap::key).toList();
        return new Chosen(chosen, others);
    }

    private StoredRoadmap versionOf(StoredRoadmap current, int version, String field) {
        return store.version(current.key(), version).orElseThrow(() -> new NotFoundException("entity '"
                + current.entityId() + "' has no roadmap version " + version + " in " + current.cohort() + "/"
                + current.frameworkCode() + "; its versions run from 1 to " + current.version() + " (" + field
                + ")"));
    }
}

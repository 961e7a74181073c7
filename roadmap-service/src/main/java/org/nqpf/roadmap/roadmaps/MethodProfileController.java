package org.nqpf.roadmap.roadmaps;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.nqpf.roadmap.planning.PlanningProfile;
import org.nqpf.web.FieldError;
import org.nqpf.web.InvalidInputException;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The roadmap's method profile of a framework: how actions are ranked, targets set and the frontier drawn. A change
 * replans every stored cohort-period of the framework; a plan that comes out the same makes no new version.
 */
@RestController
@RequestMapping("/api/v1/roadmaps/method-profiles/{framework}")
public class MethodProfileController {

    private final MethodProfiles profiles;
    private final AssessmentProjection assessments;
    private final PlanningMarks marks;
    private final RoadmapProperties properties;

    public MethodProfileController(MethodProfiles profiles, AssessmentProjection assessments, PlanningMarks marks,
            RoadmapProperties properties) {
        this.profiles = profiles;
        this.assessments = assessments;
        this.marks = marks;
        this.properties = properties;
    }

    /** @param stored false when the framework has none and this is the built-in default (version 0) */
    public record MethodProfile(String frameworkCode, boolean stored, PlanningProfile profile) {
    }

    @GetMapping
    public MethodProfile get(@PathVariable String framework) {
        return profiles.stored(framework).map(p -> new MethodProfile(framework, true, p))
                .orElseGet(() -> new MethodProfile(framework, false, PlanningProfile.defaults()));
    }

    /**
     * A profile as a client writes it: every number boxed, so that a missing one is named as a field error rather
     * than refusing the whole body as unreadable. Its version is the service's to give.
     */
    public record ProfileRequest(WeightsRequest weights, String targetStrategy, Double quantile, Integer nearestPeers,
            Integer maxTargets, Integer maxActions, PlanningProfile.FrontierSpec frontier) {

        public record WeightsRequest(Double impact, Double urgency, Double feasibility) {
        }

        List<FieldError> missing() {
            List<FieldError> errors = new ArrayList<>();
            if (weights != null) {
                required(errors, "weights.impact", weights.impact());
                required(errors, "weights.urgency", weights.urgency());
                required(errors, "weights.feasibility", weights.feasibility());
            }
            required(errors, "quantile", quantile);
            required(errors, "nearestPeers", nearestPeers);
            required(errors, "maxTargets", maxTargets);
            required(errors, "maxActions", maxActions);
            return errors;
        }

        private static void required(List<FieldError> errors, String field, Object value) {
            if (value == null) {
                errors.add(new FieldError(field, "is required"));
            }
        }

        PlanningProfile profile() {
            return new PlanningProfile(0, weights == null ? null
                    : new PlanningProfile.Weights(weights.impact(), weights.urgency(), weights.feasibility()),
                    targetStrategy, quantile, nearestPeers, maxTargets, maxActions, frontier);
        }
    }

    /** Stores the profile as the framework's next version. */
    @PutMapping
    @Transactional
    public MethodProfile put(@PathVariable String framework, @RequestBody ProfileRequest request) {
        List<FieldError> problems = request.missing();
        PlanningProfile profile = problems.isEmpty() ? request.profile() : null;
        if (profile != null) {
            problems = MethodProfiles.problems(profile);
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("invalid-method-profile", "Invalid roadmap method profile", problems);
        }
        PlanningProfile stored = profiles.store(framework, profile);
        // No quiet period to wait for: nothing else is arriving.
        assessments.keysOf(framework).forEach(key -> marks.mark(key, Duration.ZERO, Duration.ZERO));
        return new MethodProfile(framework, true, stored);
    }
}

package org.nqpf.roadmap.roadmaps;

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

    /** Stores the profile as the framework's next version (the body's version is ignored). */
    @PutMapping
    @Transactional
    public MethodProfile put(@PathVariable String framework, @RequestBody PlanningProfile profile) {
        List<FieldError> problems = MethodProfiles.problems(profile);
        if (!problems.isEmpty()) {
            throw new InvalidInputException("invalid-method-profile", "Invalid roadmap method profile", problems);
        }
        PlanningProfile stored = profiles.store(framework, profile);
        // No quiet period to wait for: nothing else is arriving.
        assessments.keysOf(framework).forEach(key -> marks.mark(key, java.time.Duration.ZERO));
        return new MethodProfile(framework, true, stored);
    }
}

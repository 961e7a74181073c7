package org.nqpf.assessment.whatif;

import org.nqpf.web.NotFoundException;
import org.nqpf.web.InvalidInputException;
import org.nqpf.web.FieldError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nqpf.assessment.access.TenantAccess;
import org.nqpf.assessment.recompute.CohortAssessor;
import org.nqpf.assessment.CohortPeriod;
import org.nqpf.assessment.results.AssessmentStore;
import org.nqpf.assessment.results.AssessmentView;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What-if: hypothetical indicator values in, projected scores out, against the cohort as it stands. Nothing is
 * stored or published: planners try out targets before they commit to them.
 */
@RestController
class WhatIfController {

    /** @param values indicator code to hypothetical value */
    record WhatIf(Map<String, Double> values) {
    }

    /** The assessment now, the projection, and the change of each score. */
    record Projection(AssessmentView current, AssessmentView projected, Map<String, Double> change) {
    }

    private final AssessmentStore store;
    private final CohortAssessor assessor;
    private final TenantAccess access;

    WhatIfController(AssessmentStore store, CohortAssessor assessor, TenantAccess access) {
        this.store = store;
        this.assessor = assessor;
        this.access = access;
    }

    @PostMapping("/api/v1/assessments/{entityId}/what-if")
    Projection whatIf(@PathVariable String entityId, @RequestBody WhatIf body,
            @RequestParam(required = false) String period, @RequestParam(required = false) String cohort,
            @RequestParam(required = false) String framework) {
        if (body == null || body.values() == null || body.values().isEmpty()) {
            throw InvalidInputException.badRequest("values", "give at least one indicator code with its hypothetical value");
        }
        AssessmentView current = store.find(entityId, period, cohort, framework).filter(v -> access.sees(entityId))
                .orElseThrow(
                () -> new NotFoundException("no assessment of entity " + entityId
                        + (period == null ? "" : " in period " + period) + " to project from"));
        CohortPeriod key = new CohortPeriod(current.frameworkCode(), current.cohort(), current.period());
        AssessmentView projected;
        try {
            projected = assessor.project(key, entityId, body.values()).orElseThrow();
        }
        catch (IllegalArgumentException e) {
            throw new InvalidInputException("invalid-what-if", "Invalid what-if", List.of(FieldError.parse(e.getMessage(), "values")));
        }
        Map<String, Double> change = new LinkedHashMap<>();
        change.put("overallScore", round(projected.overallScore() - current.overallScore()));
        change.put("rank", (double) (projected.rank() - current.rank()));
        List<AssessmentView.DimensionScore> now = current.dimensions();
        for (AssessmentView.DimensionScore d : projected.dimensions()) {
            now.stream().filter(n -> n.dimension() == d.dimension()).findFirst()
                    .ifPresent(n -> change.put(d.dimension().name(), round(d.score() - n.score())));
        }
        return new Projection(current, projected, change);
    }

    private static double round(double x) {
        return Math.round(x * 1e6) / 1e6;
    }
}

package org.nqpf.assessment.uncertainty;

import java.util.List;
import org.nqpf.assessment.CohortPeriod;
import org.nqpf.assessment.access.TenantAccess;
import org.nqpf.web.FieldError;
import org.nqpf.web.InvalidInputException;
import org.nqpf.web.NotFoundException;
import org.nqpf.assessment.results.AssessmentStore;
import org.nqpf.assessment.results.AssessmentView;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class UncertaintyController {

    private final AssessmentStore store;
    private final RankUncertainty uncertainty;
    private final TenantAccess access;

    UncertaintyController(AssessmentStore store, RankUncertainty uncertainty, TenantAccess access) {
        this.store = store;
        this.uncertainty = uncertainty;
        this.access = access;
    }

    /** Rank intervals of the entity's cohort and period (the entity's newest unless asked), the entity's first. */
    @GetMapping("/api/v1/assessments/{entityId}/uncertainty")
    RankUncertainty.Result uncertainty(@PathVariable String entityId, @RequestParam(required = false) String period,
            @RequestParam(required = false) String cohort, @RequestParam(required = false) String framework,
            @RequestParam(defaultValue = "500") int runs, @RequestParam(defaultValue = "1") long seed,
            @RequestParam(defaultValue = "0.25") double noise) {
        if (runs < 10 || runs > 10_000) {
            throw InvalidInputException.badRequest(List.of(FieldError.rejected("runs", runs + " is outside [10, 10000]", runs)));
        }
        if (noise < 0 || noise >= 1) {
            throw InvalidInputException.badRequest(List.of(FieldError.rejected("noise", noise + " is outside [0, 1)", noise)));
        }
        AssessmentView a = store.find(entityId, period, cohort, framework).filter(v -> access.sees(entityId))
                .orElseThrow(() -> new NotFoundException(
                "no assessment of entity " + entityId + (period == null ? "" : " in period " + period)));
        RankUncertainty.Result result = uncertainty.analyse(new CohortPeriod(a.frameworkCode(), a.cohort(), a.period()),
                runs, seed, noise).orElseThrow(() -> new NotFoundException("no inputs for cohort " + a.cohort() + " in period " + a.period()));
        // the asked-for entity first, then the cohort by median rank
        java.util.List<RankUncertainty.Interval> units = new java.util.ArrayList<>(result.units());
        units.sort(java.util.Comparator.comparing((RankUncertainty.Interval i) -> !i.entityId().equals(entityId)));
        return new RankUncertainty.Result(result.cohort(), result.period(), result.runs(), result.seed(),
                result.weightNoise(), result.design(), units);
    }
}

package org.nqpf.assessment.results;

import org.nqpf.web.NotFoundException;
import org.nqpf.web.InvalidInputException;
import org.nqpf.web.FieldError;
import java.util.List;
import java.util.regex.Pattern;
import org.nqpf.assessment.access.TenantAccess;
import org.nqpf.contracts.Dimension;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Assessment results: one entity's, a cohort's ranking, an entity's history. */
@RestController
@RequestMapping("/api/v1/assessments")
class AssessmentController {

    private static final Pattern PERIOD = Pattern.compile("^[0-9]{4}$");

    private final AssessmentStore store;
    private final TenantAccess access;

    AssessmentController(AssessmentStore store, TenantAccess access) {
        this.store = store;
        this.access = access;
    }

    @GetMapping("/{entityId}")
    AssessmentView assessment(@PathVariable String entityId, @RequestParam(required = false) String period,
            @RequestParam(required = false) String cohort, @RequestParam(required = false) String framework) {
        checkPeriod(period);
        // an entity the caller may not see is missing for it
        return store.find(entityId, period, cohort, framework).filter(v -> access.sees(entityId)).orElseThrow(() -> new NotFoundException(
                "no assessment of entity " + entityId + describe(period, cohort, framework)));
    }

    @GetMapping
    AssessmentStore.RankingView ranking(@RequestParam String cohort, @RequestParam(required = false) String period,
            @RequestParam(required = false) String framework) {
        checkPeriod(period);
        return store.ranking(cohort, period, framework).orElseThrow(() -> new NotFoundException(
                "no assessments in cohort " + cohort + describe(period, null, framework)));
    }

    /**
     * @param normalisedOver     {@code PERIOD} or {@code PANEL}, as the framework's profile normalises
     * @param comparableOverTime true under a panel profile: the scores of different periods are on one scale, so a
     *                           rise is a real improvement; under a per-period profile a score only places the entity
     *                           among that year's peers, and a rise may be others falling
     * @param periods            oldest first
     */
    record History(String entityId, String cohort, String frameworkCode, String normalisedOver,
            boolean comparableOverTime, List<Period> periods) {
    }

    record Period(String period, double overallScore, int rank, int cohortSize, List<DimensionPoint> dimensions) {
    }

    record DimensionPoint(Dimension dimension, double score, int rank) {
    }

    @GetMapping("/{entityId}/history")
    History history(@PathVariable String entityId, @RequestParam(required = false) String cohort,
            @RequestParam(required = false) String framework) {
        // the cohort and framework of the newest assessment unless asked for
        AssessmentView newest = store.find(entityId, null, cohort, framework).filter(v -> access.sees(entityId))
                .orElseThrow(
                () -> new NotFoundException("no assessment of entity " + entityId + describe(null, cohort, framework)));
        List<Period> periods = store.history(entityId, newest.cohort(), newest.frameworkCode()).stream()
                .map(v -> new Period(v.period(), v.overallScore(), v.rank(), v.cohortSize(), v.dimensions().stream()
                        .map(d -> new DimensionPoint(d.dimension(), d.score(), d.rank())).toList()))
                .toList();
        String over = AssessmentStore.over(newest);
        return new History(entityId, newest.cohort(), newest.frameworkCode(), over, over.equals("PANEL"), periods);
    }

    private static void checkPeriod(String period) {
        if (period != null && !PERIOD.matcher(period).matches()) {
            throw InvalidInputException.badRequest(List.of(FieldError.rejected("period",
                    "'" + period + "' is not a year YYYY", period)));
        }
    }

    private static String describe(String period, String cohort, String framework) {
        return (period == null ? "" : " in period " + period) + (cohort == null ? "" : " in cohort " + cohort)
                + (framework == null ? "" : " under framework " + framework);
    }
}

package org.nqpf.assessment.reproduction;

import org.nqpf.web.NotFoundException;
import org.nqpf.web.ConflictException;
import org.nqpf.assessment.access.TenantAccess;
import org.nqpf.assessment.profile.MethodProfiles;
import org.nqpf.assessment.recompute.CohortAssessor;
import org.nqpf.assessment.CohortPeriod;
import org.nqpf.assessment.results.AssessmentStore;
import org.nqpf.assessment.results.AssessmentView;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * An auditor's check of a published assessment: recompute it now, from the inputs the service holds and with the
 * method profile version the result names, and say whether the inputs are those it was computed from and whether
 * the same result comes out. Nothing is stored.
 */
@RestController
class ReproductionController {

    private final AssessmentStore store;
    private final CohortAssessor assessor;
    private final MethodProfiles profiles;
    private final TenantAccess access;

    ReproductionController(AssessmentStore store, CohortAssessor assessor, MethodProfiles profiles,
            TenantAccess access) {
        this.store = store;
        this.assessor = assessor;
        this.profiles = profiles;
        this.access = access;
    }

    /**
     * @param inputsUnchanged the inputs now are those the result was computed from (same input digest)
     * @param reproduced      recomputing gives the stored result exactly (same result digest)
     */
    record Reproduction(String assessmentId, String entityId, String cohort, String period, String frameworkCode,
            int profileVersion, String storedInputDigest, String inputDigest, boolean inputsUnchanged,
            String storedResultDigest, String resultDigest, boolean reproduced, String detail) {
    }

    @GetMapping("/api/v1/assessments/{entityId}/reproduction")
    Reproduction reproduce(@PathVariable String entityId, @RequestParam(required = false) String period,
            @RequestParam(required = false) String cohort, @RequestParam(required = false) String framework) {
        AssessmentView stored = store.find(entityId, period, cohort, framework).filter(v -> access.sees(entityId))
                .orElseThrow(
                () -> new NotFoundException("no assessment of entity " + entityId));
        CohortPeriod key = new CohortPeriod(stored.frameworkCode(), stored.cohort(), stored.period());
        AssessmentStore.Provenance provenance = store.provenance(key.frameworkCode(), key.cohort(), key.period(),
                entityId).orElseThrow(() -> new NotFoundException("the assessment of entity " + entityId + " was just replaced; ask again"));
        int version = provenance.profileVersion();
        MethodProfiles.Configured configured = profiles.configured(key.frameworkCode(), version).orElseThrow(
                () -> new ConflictException("profile version " + version + " of "
                        + key.frameworkCode() + " is not on record"));
        return assessor.reproduce(key, entityId, configured)
                .map(r -> {
                    boolean sameInputs = r.inputDigest().equals(provenance.inputDigest());
                    boolean same = r.resultDigest().equals(provenance.resultDigest());
                    String detail = same ? "recomputed from the same inputs with profile v" + version
                            + ": the same result"
                            : sameInputs ? "recomputed from the same inputs with profile v" + version
                                    + ": a different result (the stored one was not made by this method)"
                                    : "the inputs changed since the result was computed; a recompute is due";
                    return new Reproduction(stored.assessmentId(), entityId, key.cohort(), key.period(),
                            key.frameworkCode(), version, provenance.inputDigest(), r.inputDigest(), sameInputs,
                            provenance.resultDigest(), r.resultDigest(), same && sameInputs, detail);
                })
                .orElseGet(() -> new Reproduction(stored.assessmentId(), entityId, key.cohort(), key.period(),
                        key.frameworkCode(), version, provenance.inputDigest(), null, false,
                        provenance.resultDigest(), null, false,
                        "the entity has no values left in this cohort and period; its assessment is due to go"));
    }
}

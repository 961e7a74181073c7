package org.nqpf.assessment.recompute;

import io.micrometer.core.instrument.Gauge;
import java.util.List;
import java.util.Set;
import io.micrometer.core.instrument.MeterRegistry;
import org.nqpf.assessment.CohortPeriod;
import org.nqpf.messaging.TraceContinuation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Recomputes the dirty cohort-periods, each at most once per round: observations that arrive during a round are
 * left for the next one, so a burst of thousands of observations costs a handful of recomputes. Several instances
 * may run: a cohort-period being recomputed is locked and skipped by the others.
 */
@Component
class RecomputeWorker implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(RecomputeWorker.class);

    private final DirtyCohortPeriods dirty;
    private final CohortAssessor assessor;
    private final TransactionTemplate tx;
    private final AssessmentProperties properties;
    private final TraceContinuation trace;

    RecomputeWorker(DirtyCohortPeriods dirty, CohortAssessor assessor, TransactionTemplate tx,
            AssessmentProperties properties, MeterRegistry meters, TraceContinuation trace) {
        this.dirty = dirty;
        this.trace = trace;
        this.assessor = assessor;
        this.tx = tx;
        this.properties = properties;
        Gauge.builder("nqpf.assessment.recompute.pending", dirty, DirtyCohortPeriods::count)
                .description("cohort-periods waiting for a recompute").register(meters);
        Gauge.builder("nqpf.assessment.recompute.failing", dirty, DirtyCohortPeriods::failing)
                .description("cohort-periods whose last recompute failed").register(meters);
    }

    /** A round every {@code nqpf.assessment.recompute-interval}, on the application's scheduler. */
    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::recomputeDirty, properties.recomputeInterval());
    }

    void recomputeDirty() {
        for (DirtyCohortPeriods.Mark mark : dirty.pending(properties.recomputeBatch())) {
            // In the trace of the change that marked it last: the assessment events it publishes carry that trace on.
            trace.continueTrace("assessment recompute", mark.trace(), () -> recompute(mark.key()));
        }
    }

    private void recompute(CohortPeriod key) {
        try {
            tx.executeWithoutResult(status -> {
                // The profile is held before any mark: a save waits for this recompute, or it for the save, and
                // never holds a mark this recompute waits for.
                boolean panel = assessor.holdProfile(key);
                if (!dirty.claim(key)) {
                    return;
                }
                // Where one recompute settles every period of the cohort, one instance recomputes it at a time
                // (another's older results could otherwise be written over these), and the cohort's marks are
                // claimed before its inputs are read: a mark committed after that is not claimed and stays for the
                // next round (claiming it afterwards would clear a change the recompute never saw).
                if (panel && !dirty.lockCohort(key)) {
                    return;
                }
                List<CohortPeriod> claimed = panel ? dirty.claimCohort(key) : List.of(key);
                Set<CohortPeriod> settled = assessor.recompute(key);
                claimed.stream().filter(settled::contains).forEach(dirty::clear);
            });
        }
        catch (RuntimeException e) {
            // The mark stays, retried after a delay; the reason is there for the operator.
            log.warn("recompute of {} failed: {}", key, e.getMessage());
            try {
                dirty.failed(key, String.valueOf(e.getMessage()));
            }
            catch (RuntimeException notRecorded) {
                log.warn("could not record the failed recompute of {}: {}", key, notRecorded.getMessage());
            }
        }
    }
}

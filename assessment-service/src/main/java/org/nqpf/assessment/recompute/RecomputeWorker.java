package org.nqpf.assessment.recompute;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.nqpf.assessment.CohortPeriod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Recomputes the dirty cohort-periods, each at most once per round: observations that arrive during a round are
 * left for the next one, so a burst of thousands of observations costs a handful of recomputes. Several instances
 * may run: a cohort-period being recomputed is locked and skipped by the others.
 */
@Component
class RecomputeWorker {

    private static final Logger log = LoggerFactory.getLogger(RecomputeWorker.class);

    private final DirtyCohortPeriods dirty;
    private final CohortAssessor assessor;
    private final TransactionTemplate tx;
    private final AssessmentProperties properties;

    RecomputeWorker(DirtyCohortPeriods dirty, CohortAssessor assessor, TransactionTemplate tx,
            AssessmentProperties properties, MeterRegistry meters) {
        this.dirty = dirty;
        this.assessor = assessor;
        this.tx = tx;
        this.properties = properties;
        Gauge.builder("nqpf.assessment.recompute.pending", dirty, DirtyCohortPeriods::count)
                .description("cohort-periods waiting for a recompute").register(meters);
        Gauge.builder("nqpf.assessment.recompute.failing", dirty, DirtyCohortPeriods::failing)
                .description("cohort-periods whose last recompute failed").register(meters);
    }

    @Scheduled(fixedDelayString = "${nqpf.assessment.recompute-interval:300ms}")
    void recomputeDirty() {
        for (CohortPeriod key : dirty.pending(properties.recomputeBatch())) {
            try {
                tx.executeWithoutResult(status -> {
                    if (dirty.claim(key)) {
                        // A panel profile settles every period of the cohort at once; marks being written now
                        // (locked, so skipped) stay for the next round.
                        for (CohortPeriod settled : assessor.recompute(key)) {
                            if (settled.equals(key) || dirty.claim(settled)) {
                                dirty.clear(settled);
                            }
                        }
                    }
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
}

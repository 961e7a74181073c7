package org.nqpf.assessment;

/**
 * What one recompute is asked for: every entity of one cohort in one period, under one framework (under a profile
 * normalising over the panel, the recompute covers every period of the cohort). Shared by the results store, the
 * recompute queue and every view that recomputes, so it sits above them all.
 */
public record CohortPeriod(String frameworkCode, String cohort, String period) {

    /** The same framework and cohort in another period. */
    public CohortPeriod withPeriod(String other) {
        return new CohortPeriod(frameworkCode, cohort, other);
    }

    @Override
    public String toString() {
        return frameworkCode + "/" + cohort + "/" + period;
    }
}

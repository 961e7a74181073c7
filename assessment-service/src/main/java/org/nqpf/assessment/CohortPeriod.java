package org.nqpf.assessment;

/**
 * What one recompute covers: every entity of one cohort in one period, under one framework. Shared by the results
 * store, the recompute queue and every view that recomputes, so it sits above them all.
 */
public record CohortPeriod(String frameworkCode, String cohort, String period) {

    @Override
    public String toString() {
        return frameworkCode + "/" + cohort + "/" + period;
    }
}

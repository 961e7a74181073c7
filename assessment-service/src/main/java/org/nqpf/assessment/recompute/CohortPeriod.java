package org.nqpf.assessment.recompute;

/** What one recompute covers: every entity of one cohort in one period, under one framework. */
public record CohortPeriod(String frameworkCode, String cohort, String period) {

    @Override
    public String toString() {
        return frameworkCode + "/" + cohort + "/" + period;
    }
}

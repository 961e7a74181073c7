package org.nqpf.engine;

/**
 * Combines the scores of an aggregate's children into the aggregate's score.
 * <p>
 * Contract (COINr): children with a missing score (NaN) are left out and the remaining weights re-scaled to sum 1;
 * when no child has a score, the result is missing. Implementations: {@link ArithmeticMean}, {@link GeometricMean},
 * {@link HarmonicMean}; TOPSIS closeness is cohort-wise, not per unit, and lives in {@link Topsis}.
 */
public interface Aggregation {

    /**
     * @param values  the children's scores, NaN for missing
     * @param weights the children's weights, same order, non-negative
     */
    double aggregate(double[] values, double[] weights);

    /**
     * True when the aggregate equals the weighted sum of its children with the re-scaled weights, so an
     * indicator's contribution (effective weight × normalised value) adds up exactly to the score.
     */
    boolean additive();

    String describe();
}

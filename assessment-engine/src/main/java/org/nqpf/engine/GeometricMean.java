package org.nqpf.engine;

/**
 * Weighted geometric mean over the non-missing children, weights re-scaled (COINr {@code a_gmean}):
 * {@code Π x_k^(w_k / Σw)}. Partly non-compensatory: a weak child cannot be fully offset by a strong one. A child at
 * 0 makes the mean 0; negative values have no geometric mean and are an error (normalise into e.g. [1, 100] first).
 */
public final class GeometricMean extends MeanOfPositives {

    public static final GeometricMean INSTANCE = new GeometricMean();

    private GeometricMean() {
    }

    @Override
    double term(double x, double weight) {
        return weight * Math.log(x);
    }

    @Override
    double mean(double termSum, double weightSum) {
        return Math.exp(termSum / weightSum);
    }

    @Override
    String negativeValue(double x) {
        return "geometric mean of a negative value " + x
                + ": normalise into a positive range such as [1, 100]";
    }

    @Override
    public String describe() {
        return "geometric-mean";
    }
}

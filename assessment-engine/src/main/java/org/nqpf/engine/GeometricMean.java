package org.nqpf.engine;

/**
 * Weighted geometric mean over the non-missing children, weights re-scaled (COINr {@code a_gmean}):
 * {@code Π x_k^(w_k / Σw)}. Partly non-compensatory: a weak child cannot be fully offset by a strong one. A child at
 * 0 makes the mean 0; negative values have no geometric mean and are an error (normalise into e.g. [1, 100] first).
 */
public final class GeometricMean implements Aggregation {

    public static final GeometricMean INSTANCE = new GeometricMean();

    private GeometricMean() {
    }

    @Override
    public double aggregate(double[] values, double[] weights) {
        if (values.length != weights.length) {
            throw new IllegalArgumentException(values.length + " values for " + weights.length + " weights");
        }
        double logSum = 0;
        double weightSum = 0;
        boolean zero = false;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < values.length; k++) {
            double x = values[k];
            if (!Double.isNaN(x) && weights[k] > 0) {
                if (x < 0) {
                    throw new IllegalArgumentException("geometric mean of a negative value " + x
                            + ": normalise into a positive range such as [1, 100]");
                }
                zero |= x == 0;
                logSum += weights[k] * (x == 0 ? 0 : Math.log(x));
                weightSum += weights[k];
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
        }
        if (weightSum == 0) {
            return Double.NaN;
        }
        return zero ? 0 : Math.max(min, Math.min(max, Math.exp(logSum / weightSum)));
    }

    @Override
    public boolean additive() {
        return false;
    }

    @Override
    public String describe() {
        return "geometric-mean";
    }
}

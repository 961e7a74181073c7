package org.nqpf.engine;

/**
 * Weighted harmonic mean over the non-missing children, weights re-scaled (COINr {@code a_hmean}):
 * {@code Σw / Σ (w_k / x_k)}. The least compensatory of the three means; a child at 0 makes it 0, negative values
 * are an error.
 */
public final class HarmonicMean implements Aggregation {

    public static final HarmonicMean INSTANCE = new HarmonicMean();

    private HarmonicMean() {
    }

    @Override
    public double aggregate(double[] values, double[] weights) {
        if (values.length != weights.length) {
            throw new IllegalArgumentException(values.length + " values for " + weights.length + " weights");
        }
        double inverseSum = 0;
        double weightSum = 0;
        boolean zero = false;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < values.length; k++) {
            double x = values[k];
            if (!Double.isNaN(x) && weights[k] > 0) {
                if (x < 0) {
                    throw new IllegalArgumentException("harmonic mean of a negative value " + x);
                }
                zero |= x == 0;
                inverseSum += x == 0 ? 0 : weights[k] / x;
                weightSum += weights[k];
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
        }
        if (weightSum == 0) {
            return Double.NaN;
        }
        return zero ? 0 : Math.max(min, Math.min(max, weightSum / inverseSum));
    }

    @Override
    public boolean additive() {
        return false;
    }

    @Override
    public String describe() {
        return "harmonic-mean";
    }
}

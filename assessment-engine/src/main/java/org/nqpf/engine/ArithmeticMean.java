package org.nqpf.engine;

/** Weighted arithmetic mean over the non-missing children, weights re-scaled (COINr {@code a_amean}). */
public final class ArithmeticMean implements Aggregation {

    public static final ArithmeticMean INSTANCE = new ArithmeticMean();

    @Override
    public double aggregate(double[] values, double[] weights) {
        if (values.length != weights.length) {
            throw new IllegalArgumentException(values.length + " values for " + weights.length + " weights");
        }
        double sum = 0;
        double weightSum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < values.length; k++) {
            if (!Double.isNaN(values[k]) && weights[k] > 0) {
                sum += weights[k] * values[k];
                weightSum += weights[k];
                min = Math.min(min, values[k]);
                max = Math.max(max, values[k]);
            }
        }
        if (weightSum == 0) {
            return Double.NaN;
        }
        // A mean lies between its extremes; clamping removes rounding noise such as 100.00000000000001.
        return Math.max(min, Math.min(max, sum / weightSum));
    }

    @Override
    public boolean additive() {
        return true;
    }

    @Override
    public String describe() {
        return "arithmetic-mean";
    }
}

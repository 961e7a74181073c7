package org.nqpf.engine;

/**
 * What the geometric and harmonic means share: weighted over the non-missing children, weights re-scaled (COINr), a
 * child at 0 makes the mean 0, a negative child is an error, and the result is kept within the children's range
 * (rounding in the log or reciprocal space could otherwise step just outside it).
 */
abstract class MeanOfPositives implements Aggregation {

    /** The child's weighted term of the running sum, {@code x} positive. */
    abstract double term(double x, double weight);

    /** The mean from the sum of the terms and of the weights. */
    abstract double mean(double termSum, double weightSum);

    abstract String negativeValue(double x);

    @Override
    public final double aggregate(double[] values, double[] weights) {
        if (values.length != weights.length) {
            throw new IllegalArgumentException(values.length + " values for " + weights.length + " weights");
        }
        double termSum = 0;
        double weightSum = 0;
        boolean zero = false;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < values.length; k++) {
            double x = values[k];
            if (!Double.isNaN(x) && weights[k] > 0) {
                if (x < 0) {
                    throw new IllegalArgumentException(negativeValue(x));
                }
                zero |= x == 0;
                termSum += x == 0 ? 0 : term(x, weights[k]);
                weightSum += weights[k];
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
        }
        if (weightSum == 0) {
            return Double.NaN;
        }
        return zero ? 0 : Math.max(min, Math.min(max, mean(termSum, weightSum)));
    }

    @Override
    public final boolean additive() {
        return false;
    }
}

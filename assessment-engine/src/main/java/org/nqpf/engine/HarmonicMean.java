package org.nqpf.engine;

/**
 * Weighted harmonic mean over the non-missing children, weights re-scaled (COINr {@code a_hmean}):
 * {@code Σw / Σ (w_k / x_k)}. The least compensatory of the three means; a child at 0 makes it 0, negative values
 * are an error.
 */
public final class HarmonicMean extends MeanOfPositives {

    public static final HarmonicMean INSTANCE = new HarmonicMean();

    private HarmonicMean() {
    }

    @Override
    double term(double x, double weight) {
        return weight / x;
    }

    @Override
    double mean(double termSum, double weightSum) {
        return weightSum / termSum;
    }

    @Override
    String negativeValue(double x) {
        return "harmonic mean of a negative value " + x;
    }

    @Override
    public String describe() {
        return "harmonic-mean";
    }
}

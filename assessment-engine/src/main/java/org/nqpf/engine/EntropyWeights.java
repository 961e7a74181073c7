package org.nqpf.engine;

import java.util.Map;

/**
 * The entropy weight method: {@code p_ij = x_ij / Σ_i x_ij}, {@code e_j = -(1/ln n) Σ_i p_ij ln p_ij} (0·ln 0 = 0),
 * {@code w_j = (1 - e_j) / Σ_j (1 - e_j)}. An indicator on which units differ more carries more information and
 * weighs more.
 * <p>
 * {@link Basis#NORMALISED} (the usual form) works on the normalised values, so directions are respected;
 * {@link Basis#RAW} on the raw values, as some published work does (e.g. Xu 2004): there the direction is ignored.
 * Values must be non-negative. Missing values are left out of their column (n is the column's count).
 */
public final class EntropyWeights implements Weighting {

    public enum Basis { NORMALISED, RAW }

    private final Basis basis;

    public EntropyWeights(Basis basis) {
        this.basis = basis;
    }

    public Basis basis() {
        return basis;
    }

    /**
     * @param x rows = units, columns = indicators; non-negative, NaN for missing
     * @return one weight per column, summing to 1 (equal weights when no column carries information)
     */
    public static double[] of(double[][] x) {
        int m = x.length == 0 ? 0 : x[0].length;
        double[] sums = new double[m];
        int[] counts = new int[m];
        for (double[] row : x) {
            for (int j = 0; j < m; j++) {
                double v = row[j];
                if (!Double.isNaN(v)) {
                    if (v < 0) {
                        throw new IllegalArgumentException("entropy weights need non-negative values, column " + (j + 1)
                                + " has " + v);
                    }
                    sums[j] += v;
                    counts[j]++;
                }
            }
        }
        double[] plogp = new double[m];
        for (double[] row : x) {
            for (int j = 0; j < m; j++) {
                double v = row[j];
                if (!Double.isNaN(v) && v > 0) {
                    double p = v / sums[j];
                    plogp[j] += p * Math.log(p);
                }
            }
        }
        double[] d = new double[m];
        double total = 0;
        for (int j = 0; j < m; j++) {
            // A column with fewer than two values, or all zeros, tells units apart no better than chance: e = 1.
            double e = counts[j] < 2 || sums[j] == 0 ? 1 : -plogp[j] / Math.log(counts[j]);
            d[j] = Math.max(0, 1 - e);
            total += d[j];
        }
        double[] w = new double[m];
        for (int j = 0; j < m; j++) {
            w[j] = total == 0 ? 1.0 / m : d[j] / total;
        }
        return w;
    }

    @Override
    public Map<String, Double> weights(Hierarchy hierarchy, IndicatorTable normalised) {
        if (basis == Basis.RAW) {
            throw new IllegalStateException("entropy on raw data needs the raw values: use weights(hierarchy, normalised, raw)");
        }
        return Weighting.fromIndicatorWeights(hierarchy, of(Weighting.matrix(hierarchy, normalised)));
    }

    @Override
    public Map<String, Double> weights(Hierarchy hierarchy, double[][] normalised, double[][] raw) {
        double[][] basisValues = basis == Basis.RAW ? raw : shiftedNonNegative(normalised);
        return Weighting.fromIndicatorWeights(hierarchy, of(basisValues));
    }

    /** Normalised values below 0 (z-scores) are shifted per column so that the lowest is 0. */
    private static double[][] shiftedNonNegative(double[][] x) {
        int m = x.length == 0 ? 0 : x[0].length;
        double[] min = new double[m];
        boolean negative = false;
        for (double[] row : x) {
            for (int j = 0; j < m; j++) {
                if (row[j] < min[j]) {
                    min[j] = row[j];
                    negative = true;
                }
            }
        }
        if (!negative) {
            return x;
        }
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = new double[m];
            for (int j = 0; j < m; j++) {
                out[i][j] = x[i][j] - min[j];
            }
        }
        return out;
    }

    @Override
    public String describe() {
        return basis == Basis.RAW ? "entropy[raw]" : "entropy";
    }
}

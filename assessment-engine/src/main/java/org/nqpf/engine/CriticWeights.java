package org.nqpf.engine;

import java.util.Map;

/**
 * CRITIC (Diakoulaki, Mavrotas &amp; Papayannakis 1995): {@code C_j = σ_j Σ_k (1 - r_jk)}, {@code w_j = C_j / Σ C},
 * with σ_j the (population) standard deviation of indicator j and r_jk the Pearson correlation between indicators,
 * both on values min-max normalised to [0, 1] with directions respected. Contrast and conflict both add weight.
 * Correlations use the rows where both indicators have a value.
 */
public final class CriticWeights implements Weighting {

    public static final CriticWeights INSTANCE = new CriticWeights();

    private CriticWeights() {
    }

    /**
     * @param x rows = units, columns = indicators, already oriented so that higher is better; NaN for missing
     * @return one weight per column, summing to 1
     */
    public static double[] of(double[][] x) {
        int m = x.length == 0 ? 0 : x[0].length;
        double[][] z = unitMinMax(x, m);
        double[] sigma = new double[m];
        for (int j = 0; j < m; j++) {
            double sum = 0;
            int n = 0;
            for (double[] row : z) {
                if (!Double.isNaN(row[j])) {
                    sum += row[j];
                    n++;
                }
            }
            double mean = sum / n;
            double ss = 0;
            for (double[] row : z) {
                if (!Double.isNaN(row[j])) {
                    ss += (row[j] - mean) * (row[j] - mean);
                }
            }
            sigma[j] = n == 0 ? 0 : Math.sqrt(ss / n);
        }
        double[] c = new double[m];
        double total = 0;
        for (int j = 0; j < m; j++) {
            double conflict = 0;
            for (int k = 0; k < m; k++) {
                conflict += k == j ? 0 : 1 - pearson(z, j, k);
            }
            c[j] = sigma[j] * conflict;
            total += c[j];
        }
        double[] w = new double[m];
        for (int j = 0; j < m; j++) {
            w[j] = total == 0 ? 1.0 / m : c[j] / total;
        }
        return w;
    }

    private static double[][] unitMinMax(double[][] x, int m) {
        double[] min = new double[m];
        double[] max = new double[m];
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (double[] row : x) {
            for (int j = 0; j < m; j++) {
                if (!Double.isNaN(row[j])) {
                    min[j] = Math.min(min[j], row[j]);
                    max[j] = Math.max(max[j], row[j]);
                }
            }
        }
        double[][] z = new double[x.length][m];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < m; j++) {
                double v = x[i][j];
                z[i][j] = Double.isNaN(v) ? Double.NaN : max[j] == min[j] ? 0 : (v - min[j]) / (max[j] - min[j]);
            }
        }
        return z;
    }

    /** Pearson correlation over the rows where both columns have a value; 0 when either is constant there. */
    static double pearson(double[][] z, int a, int b) {
        double sa = 0;
        double sb = 0;
        int n = 0;
        for (double[] row : z) {
            if (!Double.isNaN(row[a]) && !Double.isNaN(row[b])) {
                sa += row[a];
                sb += row[b];
                n++;
            }
        }
        if (n < 2) {
            return 0;
        }
        double ma = sa / n;
        double mb = sb / n;
        double cov = 0;
        double va = 0;
        double vb = 0;
        for (double[] row : z) {
            if (!Double.isNaN(row[a]) && !Double.isNaN(row[b])) {
                cov += (row[a] - ma) * (row[b] - mb);
                va += (row[a] - ma) * (row[a] - ma);
                vb += (row[b] - mb) * (row[b] - mb);
            }
        }
        return va == 0 || vb == 0 ? 0 : cov / Math.sqrt(va * vb);
    }

    @Override
    public Map<String, Double> weights(Hierarchy hierarchy, IndicatorTable normalised) {
        return Weighting.fromIndicatorWeights(hierarchy, of(Weighting.matrix(hierarchy, normalised)));
    }

    @Override
    public Map<String, Double> weights(Hierarchy hierarchy, double[][] normalised, double[][] raw) {
        return Weighting.fromIndicatorWeights(hierarchy, of(normalised));
    }

    @Override
    public String describe() {
        return "critic";
    }
}

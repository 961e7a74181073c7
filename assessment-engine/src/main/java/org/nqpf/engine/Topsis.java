package org.nqpf.engine;

/**
 * TOPSIS (Hwang &amp; Yoon 1981): weighted normalised values {@code v_ij = w_j r_ij}, ideal {@code V+} the best of
 * each column, anti-ideal {@code V-} the worst, Euclidean distances {@code D±_i = ||v_i - V±||}, closeness
 * {@code C_i = D-_i / (D+_i + D-_i)} in [0, 1], higher is better.
 */
public final class Topsis {

    private Topsis() {
    }

    /**
     * The classic method on raw data: vector normalisation, the ideal the maximum of benefit columns and the minimum of
     * cost columns.
     *
     * @param x          rows = alternatives, columns = criteria, non-negative
     * @param weights    one per criterion, any scale (re-scaled to sum 1)
     * @param directions +1 benefit, -1 cost
     */
    public static double[] classic(double[][] x, double[] weights, int[] directions) {
        int m = weights.length;
        double[][] r = new double[x.length][m];
        for (int j = 0; j < m; j++) {
            double[] column = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                column[i] = x[i][j];
            }
            // Reflected for cost criteria (1 - r): a reflection leaves every distance, so the closeness, unchanged.
            double[] normalised = VectorNormalisation.INSTANCE.normalise(column, directions[j]);
            for (int i = 0; i < x.length; i++) {
                r[i][j] = normalised[i];
            }
        }
        return closeness(r, weights);
    }

    /**
     * Closeness on values already oriented so that higher is better (any normalisation). A missing value (NaN) is left
     * out of the unit's two distances; a unit without values gets NaN.
     */
    public static double[] closeness(double[][] r, double[] weights) {
        for (double w : weights) {
            if (!(w >= 0)) {
                throw new IllegalArgumentException("TOPSIS weight " + w + " is negative");
            }
        }
        return closeness(r, java.util.stream.IntStream.range(0, weights.length).toArray(), weights);
    }

    /**
     * Closeness of every row over some of the columns (an aggregate's indicators), the ideals taken over those
     * columns alone; values oriented so that higher is better, NaN left out.
     *
     * @param weights one per column of {@code r}; only those in {@code columns} count
     */
    public static double[] closeness(double[][] r, int[] columns, double[] weights) {
        double[] best = new double[weights.length];
        double[] worst = new double[weights.length];
        java.util.Arrays.fill(best, Double.NEGATIVE_INFINITY);
        java.util.Arrays.fill(worst, Double.POSITIVE_INFINITY);
        double total = 0;
        for (int j : columns) {
            total += weights[j];
        }
        for (double[] row : r) {
            for (int j : columns) {
                if (!Double.isNaN(row[j])) {
                    best[j] = Math.max(best[j], row[j]);
                    worst[j] = Math.min(worst[j], row[j]);
                }
            }
        }
        double[] c = new double[r.length];
        for (int i = 0; i < r.length; i++) {
            c[i] = total == 0 ? Double.NaN : closenessOfRow(r[i], weights, total, best, worst, columns);
        }
        return c;
    }

    /**
     * One row's closeness over {@code columns}, given their ideals.
     *
     * @param total the sum of the weights of the columns used
     */
    private static double closenessOfRow(double[] row, double[] weights, double total, double[] best, double[] worst,
            int[] columns) {
        double plus = 0;
        double minus = 0;
        boolean any = false;
        for (int j : columns) {
            double x = row[j];
            if (Double.isNaN(x)) {
                continue;
            }
            any = true;
            double w = weights[j] / total;
            double dp = w * (best[j] - x);
            double dm = w * (x - worst[j]);
            plus += dp * dp;
            minus += dm * dm;
        }
        if (!any) {
            return Double.NaN;
        }
        double dPlus = Math.sqrt(plus);
        double dMinus = Math.sqrt(minus);
        // Every unit equal on every column: no one is closer to the ideal than anyone else.
        return dPlus + dMinus == 0 ? 0.5 : dMinus / (dPlus + dMinus);
    }
}

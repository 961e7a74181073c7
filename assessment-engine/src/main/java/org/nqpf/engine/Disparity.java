package org.nqpf.engine;

/** Inequality of a score within a cohort; missing values are left out. Both are 0 when every unit is equal. */
public final class Disparity {

    private Disparity() {
    }

    /** Gini coefficient, {@code Σ_i Σ_j |x_i - x_j| / (2 n² x̄)}, for non-negative values; in [0, 1 - 1/n]. */
    public static double gini(double[] values) {
        double[] x = present(values);
        int n = x.length;
        if (n == 0) {
            return Double.NaN;
        }
        java.util.Arrays.sort(x);
        double sum = 0;
        double weighted = 0;
        for (int i = 0; i < n; i++) {
            if (x[i] < 0) {
                throw new IllegalArgumentException("Gini needs non-negative values, got " + x[i]);
            }
            sum += x[i];
            weighted += (2.0 * (i + 1) - n - 1) * x[i]; // sorted form of the mean absolute difference
        }
        return sum == 0 ? 0 : weighted / (n * sum);
    }

    /** Theil T index, {@code (1/n) Σ (x_i/x̄) ln(x_i/x̄)} (0·ln 0 = 0), for non-negative values; in [0, ln n]. */
    public static double theil(double[] values) {
        double[] x = present(values);
        int n = x.length;
        if (n == 0) {
            return Double.NaN;
        }
        double mean = 0;
        for (double v : x) {
            if (v < 0) {
                throw new IllegalArgumentException("Theil needs non-negative values, got " + v);
            }
            mean += v / n;
        }
        if (mean == 0) {
            return 0;
        }
        double t = 0;
        for (double v : x) {
            double s = v / mean;
            t += s == 0 ? 0 : s * Math.log(s);
        }
        return t / n;
    }

    private static double[] present(double[] values) {
        return java.util.Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray();
    }
}

package org.nqpf.engine.data;

import java.util.Arrays;

/**
 * Outlier treatment by COINr's rule ({@code Treat}, default {@code f1 = "winsorise"}, {@code f2 = "log_CT"}): an
 * indicator needs treatment when {@code |skewness| > 2} and {@code kurtosis > 3.5}. Then the most extreme value on
 * the side of the skew is winsorised to the next value, one point at a time, up to {@code maxPoints} (5); if the
 * rule still fails, winsorisation is undone and a log transform applied instead:
 * {@code ln(x - min + 1)} for positive skew, {@code -ln(max + 1 - x)} for negative skew (order preserved).
 * Skewness and kurtosis are the bias-corrected sample statistics (as Excel's SKEW and KURT; kurtosis in excess of 3).
 */
public final class OutlierTreatment {

    /** What was done to one indicator. */
    public enum Action { NONE, WINSORISED, LOG }

    /** @param winsorised the number of points winsorised (0 unless {@code action == WINSORISED}) */
    public record Outcome(Action action, int winsorised, double skewBefore, double kurtosisBefore) {
    }

    private final int maxPoints;
    private final double skewLimit;
    private final double kurtosisLimit;

    public OutlierTreatment(int maxPoints, double skewLimit, double kurtosisLimit) {
        if (maxPoints < 0) {
            throw new IllegalArgumentException("winsorisation points " + maxPoints + " is negative");
        }
        this.maxPoints = maxPoints;
        this.skewLimit = skewLimit;
        this.kurtosisLimit = kurtosisLimit;
    }

    /** COINr's defaults: up to 5 points, |skew| > 2 and kurtosis > 3.5. */
    public static OutlierTreatment coinr() {
        return new OutlierTreatment(5, 2, 3.5);
    }

    public boolean needsTreatment(double[] column) {
        double[] x = present(column);
        return x.length >= 4 && Math.abs(skewness(x)) > skewLimit && kurtosis(x) > kurtosisLimit;
    }

    /** Treats the column in place (NaN stays NaN). */
    public Outcome treat(double[] column) {
        double[] x = present(column);
        if (x.length < 4) {
            return new Outcome(Action.NONE, 0, Double.NaN, Double.NaN);
        }
        double skew0 = skewness(x);
        double kurt0 = kurtosis(x);
        if (!(Math.abs(skew0) > skewLimit && kurt0 > kurtosisLimit)) {
            return new Outcome(Action.NONE, 0, skew0, kurt0);
        }
        double[] work = column.clone();
        for (int points = 1; points <= maxPoints; points++) {
            double skew = skewness(present(work));
            winsoriseOne(work, skew > 0);
            if (!needsTreatment(work)) {
                System.arraycopy(work, 0, column, 0, column.length);
                return new Outcome(Action.WINSORISED, points, skew0, kurt0);
            }
        }
        double min = Arrays.stream(x).min().orElseThrow();
        double max = Arrays.stream(x).max().orElseThrow();
        for (int i = 0; i < column.length; i++) {
            if (!Double.isNaN(column[i])) {
                column[i] = skew0 > 0 ? Math.log(column[i] - min + 1) : -Math.log(max + 1 - column[i]);
            }
        }
        return new Outcome(Action.LOG, 0, skew0, kurt0);
    }

    /** Sets the highest (or lowest) value(s) to the next distinct value inward. */
    private static void winsoriseOne(double[] x, boolean high) {
        double extreme = high ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        for (double v : x) {
            if (!Double.isNaN(v)) {
                extreme = high ? Math.max(extreme, v) : Math.min(extreme, v);
            }
        }
        double next = high ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        int at = -1;
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            if (Double.isNaN(v)) {
                continue;
            }
            if (v == extreme && at < 0) {
                at = i;
            }
            else {
                next = high ? Math.max(next, v) : Math.min(next, v);
            }
        }
        if (at >= 0 && Double.isFinite(next)) {
            x[at] = next;
        }
    }

    /** Bias-corrected sample skewness G1. */
    public static double skewness(double[] x) {
        int n = x.length;
        double mean = Arrays.stream(x).average().orElse(Double.NaN);
        double m2 = 0;
        double m3 = 0;
        for (double v : x) {
            double d = v - mean;
            m2 += d * d;
            m3 += d * d * d;
        }
        double s = Math.sqrt(m2 / (n - 1));
        if (s == 0) {
            return 0;
        }
        return (double) n / ((n - 1) * (n - 2)) * m3 / (s * s * s);
    }

    /** Bias-corrected sample excess kurtosis G2. */
    public static double kurtosis(double[] x) {
        int n = x.length;
        double mean = Arrays.stream(x).average().orElse(Double.NaN);
        double m2 = 0;
        double m4 = 0;
        for (double v : x) {
            double d = v - mean;
            m2 += d * d;
            m4 += d * d * d * d;
        }
        double var = m2 / (n - 1);
        if (var == 0) {
            return 0;
        }
        double nn = n;
        return nn * (nn + 1) / ((nn - 1) * (nn - 2) * (nn - 3)) * m4 / (var * var)
                - 3 * (nn - 1) * (nn - 1) / ((nn - 2) * (nn - 3));
    }

    private static double[] present(double[] column) {
        return Arrays.stream(column).filter(v -> !Double.isNaN(v)).toArray();
    }

    public String describe() {
        return "winsorise[" + maxPoints + "," + skewLimit + "," + kurtosisLimit + "]+log";
    }
}

package org.nqpf.engine;

/**
 * Obstacle degree: which indicators hold a unit back most. With factor contribution {@code F_j} (the indicator's
 * weight in the overall score: weight within its dimension × the dimension's weight) and deviation
 * {@code I_j = 1 - x'_j} (x' the normalised value on [0, 1]): {@code O_j = F_j I_j / Σ_j F_j I_j × 100}.
 * A dimension's obstacle is the sum over its indicators.
 */
public final class ObstacleDegree {

    private ObstacleDegree() {
    }

    /**
     * @param factor    F_j, non-negative
     * @param unitScore x'_j on [0, 1]; NaN for a missing value, which is no obstacle that can be measured (O = 0)
     * @return O_j in percent, summing to 100, or all 0 when the unit is at the best value on every indicator
     */
    public static double[] of(double[] factor, double[] unitScore) {
        return of(factor, unitScore, new double[factor.length]);
    }

    /** The same into {@code obstacle} (returned), for callers scoring many units without garbage. */
    public static double[] of(double[] factor, double[] unitScore, double[] obstacle) {
        if (factor.length != unitScore.length || obstacle.length != factor.length) {
            throw new IllegalArgumentException(factor.length + " factors for " + unitScore.length + " values");
        }
        double[] weighted = obstacle;
        double total = 0;
        for (int j = 0; j < factor.length; j++) {
            if (!(factor[j] >= 0)) {
                throw new IllegalArgumentException("factor contribution F" + (j + 1) + " = " + factor[j] + " is negative");
            }
            double x = unitScore[j];
            weighted[j] = Double.isNaN(x) ? 0 : factor[j] * (1 - Math.max(0, Math.min(1, x)));
            total += weighted[j];
        }
        for (int j = 0; j < factor.length; j++) {
            obstacle[j] = total > 0 ? weighted[j] / total * 100 : 0;
        }
        return obstacle;
    }
}

package org.nqpf.engine;

import java.util.Arrays;

/**
 * Coupling coordination of p subsystems with scores U_i in [0, 1], e.g. the AI and NQPF sides of the paper's
 * "two-way empowerment".
 * <ul>
 * <li>{@link Model#CLASSIC}: {@code C = p·(Π U_i)^(1/p) / Σ U_i} (for two: {@code 2√(U1U2)/(U1+U2)});</li>
 * <li>{@link Model#CORRECTED} (Wang Shujia et al., J. Natural Resources 2021, 36(3):793-810):
 * {@code C = √([1 - mean_{i<j}|U_i-U_j|] · [Π (U_i / max U)]^(1/(p-1)))};</li>
 * </ul>
 * then {@code T = Σ α_i U_i} (equal α by default) and {@code D = √(C·T)}.
 */
public final class CouplingCoordination {

    public enum Model { CLASSIC, CORRECTED }

    /** The gap above which the weaker subsystem is named as lagging. */
    public static final double LAGGING_GAP = 0.1;

    private CouplingCoordination() {
    }

    /** Classic model, equal α. */
    public static Coupling of(double... u) {
        double[] alpha = new double[u.length];
        Arrays.fill(alpha, 1.0 / u.length);
        return of(u, alpha, Model.CLASSIC);
    }

    public static Coupling of(double[] u, double[] alpha, Model model) {
        int p = u.length;
        if (p < 2) {
            throw new IllegalArgumentException("coupling needs at least two subsystems, got " + p);
        }
        if (alpha.length != p) {
            throw new IllegalArgumentException(alpha.length + " contributions α for " + p + " subsystems");
        }
        double alphaSum = 0;
        for (int i = 0; i < p; i++) {
            if (Double.isNaN(u[i]) || u[i] < -1e-9 || u[i] > 1 + 1e-9) {
                throw new IllegalArgumentException("subsystem score U" + (i + 1) + " = " + u[i] + " is outside [0, 1]");
            }
            if (!(alpha[i] >= 0)) {
                throw new IllegalArgumentException("contribution α" + (i + 1) + " = " + alpha[i] + " is negative");
            }
            alphaSum += alpha[i];
        }
        if (alphaSum == 0) {
            throw new IllegalArgumentException("the contributions α sum to 0");
        }
        double[] v = new double[p];
        double sum = 0;
        double max = 0;
        double t = 0;
        for (int i = 0; i < p; i++) {
            v[i] = Math.max(0, Math.min(1, u[i]));
            sum += v[i];
            max = Math.max(max, v[i]);
            t += alpha[i] / alphaSum * v[i];
        }
        double c;
        if (sum == 0) {
            c = 0; // nothing developed on any side: no coupling to speak of (0/0 otherwise)
        }
        else if (model == Model.CLASSIC) {
            double logProduct = 0;
            for (double x : v) {
                logProduct += x == 0 ? Double.NEGATIVE_INFINITY : Math.log(x);
            }
            c = p * Math.exp(logProduct / p) / sum;
        }
        else {
            double gaps = 0;
            int pairs = 0;
            for (int i = 0; i < p; i++) {
                for (int j = i + 1; j < p; j++) {
                    gaps += Math.abs(v[i] - v[j]);
                    pairs++;
                }
            }
            double product = 1;
            for (double x : v) {
                product *= x / max;
            }
            c = Math.sqrt((1 - gaps / pairs) * Math.pow(product, 1.0 / (p - 1)));
        }
        c = Math.min(1, c);
        t = Math.min(1, t);
        double d = Math.sqrt(c * t);
        return new Coupling(c, t, d, CouplingGrade.of(d));
    }

    /**
     * The index of the lagging subsystem: the lowest score when the highest exceeds it by more than
     * {@link #LAGGING_GAP}; -1 when the subsystems are within that gap.
     */
    public static int lagging(double... u) {
        int low = 0;
        int high = 0;
        for (int i = 1; i < u.length; i++) {
            if (u[i] < u[low]) {
                low = i;
            }
            if (u[i] > u[high]) {
                high = i;
            }
        }
        // Rounded so that 0.6 - 0.5 (= 0.09999999999999998) and 0.7 - 0.6 compare as the 0.1 they are.
        double gap = Math.round((u[high] - u[low]) * 1e9) / 1e9;
        return gap > LAGGING_GAP ? low : -1;
    }
}

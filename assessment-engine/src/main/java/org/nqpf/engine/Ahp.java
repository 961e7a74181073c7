package org.nqpf.engine;

/**
 * The analytic hierarchy process (Saaty 1980): priorities from a positive reciprocal pairwise comparison matrix as
 * its principal eigenvector (power iteration), with the consistency index {@code CI = (λmax - n) / (n - 1)} and
 * ratio {@code CR = CI / RI(n)}. Judgements with CR above 0.1 should be revised.
 */
public final class Ahp {

    /** Saaty's random indices RI(n) for n = 1..15 (Saaty 1980; the table most textbooks print). */
    public static final double[] SAATY_RI = {0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56,
            1.57, 1.59};

    /** The acceptable consistency ratio. */
    public static final double ACCEPTABLE_CR = 0.1;

    /**
     * @param weights     the priorities, summing to 1
     * @param lambdaMax   the principal eigenvalue
     * @param ci          consistency index
     * @param ri          the random index used
     * @param cr          consistency ratio (0 for n ≤ 2, which is always consistent)
     */
    public record Result(double[] weights, double lambdaMax, double ci, double ri, double cr) {
        public boolean consistent() {
            return cr <= ACCEPTABLE_CR;
        }
    }

    private Ahp() {
    }

    /** With Saaty's random indices. */
    public static Result of(double[][] matrix) {
        return of(matrix, SAATY_RI);
    }

    public static Result of(double[][] matrix, double[] randomIndex) {
        int n = matrix.length;
        if (n == 0) {
            throw new IllegalArgumentException("the pairwise comparison matrix is empty");
        }
        for (int i = 0; i < n; i++) {
            if (matrix[i].length != n) {
                throw new IllegalArgumentException("the pairwise comparison matrix is not square: row " + (i + 1)
                        + " has " + matrix[i].length + " entries for " + n + " rows");
            }
            for (int j = 0; j < n; j++) {
                double a = matrix[i][j];
                if (!(a > 0) || Double.isInfinite(a)) {
                    throw new IllegalArgumentException("comparison a[" + (i + 1) + "][" + (j + 1) + "] = " + a
                            + " must be positive");
                }
                if (Math.abs(a * matrix[j][i] - 1) > 1e-3) {
                    throw new IllegalArgumentException("the matrix is not reciprocal: a[" + (i + 1) + "][" + (j + 1)
                            + "] = " + a + " but a[" + (j + 1) + "][" + (i + 1) + "] = " + matrix[j][i]);
                }
            }
        }
        double[] w = new double[n];
        java.util.Arrays.fill(w, 1.0 / n);
        double lambda = n;
        for (int iteration = 0; iteration < 1000; iteration++) {
            double[] next = new double[n];
            double sum = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    next[i] += matrix[i][j] * w[j];
                }
                sum += next[i];
            }
            double change = 0;
            for (int i = 0; i < n; i++) {
                next[i] /= sum;
                change = Math.max(change, Math.abs(next[i] - w[i]));
            }
            lambda = sum; // Σ_i (A w)_i with Σ w = 1 converges to λmax
            w = next;
            if (change < 1e-15) {
                break;
            }
        }
        double ci = n <= 2 ? 0 : (lambda - n) / (n - 1);
        if (n > randomIndex.length) {
            throw new IllegalArgumentException("no random index for a " + n + "×" + n + " matrix (at most "
                    + randomIndex.length + ")");
        }
        double ri = randomIndex[n - 1];
        double cr = n <= 2 || ri == 0 ? 0 : ci / ri;
        return new Result(w, lambda, ci, ri, cr);
    }
}

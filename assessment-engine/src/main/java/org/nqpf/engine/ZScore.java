package org.nqpf.engine;

/**
 * Standardisation (COINr {@code n_zscore}): {@code mean + sd · direction · (x - x̄) / s}, with {@code s} the sample
 * standard deviation (n - 1, as R's {@code sd}). By default mean 0 and sd 1; COINr's {@code c(10, 2)} style
 * parameters shift it. A column with no spread carries no information and gets the mean for every value.
 */
public final class ZScore implements Normalisation {

    private final double mean;
    private final double sd;

    public ZScore(double mean, double sd) {
        if (!(sd > 0) || Double.isInfinite(sd) || !Double.isFinite(mean)) {
            throw new IllegalArgumentException("z-score needs a finite mean and sd > 0, got " + mean + ", " + sd);
        }
        this.mean = mean;
        this.sd = sd;
    }

    public static ZScore standard() {
        return new ZScore(0, 1);
    }

    @Override
    public double[] normalise(double[] column, int direction) {
        Normalisation.checkDirection(direction);
        double sum = 0;
        int n = 0;
        for (double x : column) {
            if (!Double.isNaN(x)) {
                sum += x;
                n++;
            }
        }
        double avg = n == 0 ? Double.NaN : sum / n;
        double ss = 0;
        for (double x : column) {
            if (!Double.isNaN(x)) {
                ss += (x - avg) * (x - avg);
            }
        }
        double s = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
        double[] out = new double[column.length];
        for (int i = 0; i < out.length; i++) {
            double x = column[i];
            out[i] = Double.isNaN(x) ? Double.NaN : s == 0 ? mean : mean + sd * direction * (x - avg) / s;
        }
        return out;
    }

    @Override
    public String describe() {
        return "zscore[" + mean + "," + sd + "]";
    }
}

package org.nqpf.engine.data;

/**
 * Data availability (OECD/JRC checklist step 2): the share of non-missing values per unit and per indicator, and
 * screening of units below a threshold (COINr {@code Screen} with {@code dat_thresh}).
 */
public final class DataCoverage {

    private DataCoverage() {
    }

    /** Per row: the share of its columns with a value, in [0, 1]. */
    public static double[] perRow(double[][] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            int present = 0;
            for (double v : x[i]) {
                present += Double.isNaN(v) ? 0 : 1;
            }
            out[i] = x[i].length == 0 ? 0 : (double) present / x[i].length;
        }
        return out;
    }

    /** Per column: the share of rows with a value, in [0, 1]. */
    public static double[] perColumn(double[][] x) {
        int m = x.length == 0 ? 0 : x[0].length;
        double[] out = new double[m];
        for (double[] row : x) {
            for (int j = 0; j < m; j++) {
                out[j] += Double.isNaN(row[j]) ? 0 : 1;
            }
        }
        for (int j = 0; j < m; j++) {
            out[j] = x.length == 0 ? 0 : out[j] / x.length;
        }
        return out;
    }

    /** Which rows to keep: those whose coverage reaches {@code threshold} (e.g. 0.66 keeps units with two thirds). */
    public static boolean[] screen(double[][] x, double threshold) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("data-availability threshold " + threshold + " is outside [0, 1]");
        }
        double[] coverage = perRow(x);
        boolean[] keep = new boolean[x.length];
        for (int i = 0; i < keep.length; i++) {
            keep[i] = coverage[i] >= threshold - 1e-12;
        }
        return keep;
    }
}

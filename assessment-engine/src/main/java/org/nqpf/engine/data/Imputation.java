package org.nqpf.engine.data;

import java.util.Arrays;

/**
 * Filling missing values (OECD/JRC checklist step 3). Cross-sectional methods use the cohort of one period
 * (COINr {@code i_mean}, {@code i_median}); panel methods use the unit's own series over time.
 */
public enum Imputation {
    /** Leave missing values missing: aggregation then re-scales the weights over what each unit has (COINr's default). */
    NONE,
    /** The indicator's mean over the cohort in the same period. */
    MEAN,
    /** The indicator's median over the cohort in the same period. */
    MEDIAN,
    /** The unit's latest earlier value (last observation carried forward). */
    LATEST,
    /** Linear interpolation between the unit's surrounding values; gaps at either end stay missing. */
    LINEAR,
    /** Linear interpolation inside, the nearest value carried to the ends (COINr {@code approx_df} with rule 2). */
    LINEAR_CONSTANT;

    public boolean panel() {
        return this == LATEST || this == LINEAR || this == LINEAR_CONSTANT;
    }

    /**
     * Fills one period's cohort in place (cross-sectional methods).
     *
     * @param x rows = units, columns = indicators
     * @return the number of values filled
     */
    public int fillCohort(double[][] x) {
        if (this != MEAN && this != MEDIAN) {
            throw new IllegalStateException(this + " is not a cross-sectional imputation");
        }
        int m = x.length == 0 ? 0 : x[0].length;
        int filled = 0;
        for (int j = 0; j < m; j++) {
            final int col = j;
            double[] present = Arrays.stream(x).mapToDouble(row -> row[col]).filter(v -> !Double.isNaN(v)).toArray();
            if (present.length == 0) {
                continue;
            }
            double fill;
            if (this == MEAN) {
                fill = Arrays.stream(present).average().orElseThrow();
            }
            else {
                Arrays.sort(present);
                int n = present.length;
                fill = n % 2 == 1 ? present[n / 2] : (present[n / 2 - 1] + present[n / 2]) / 2;
            }
            for (double[] row : x) {
                if (Double.isNaN(row[j])) {
                    row[j] = fill;
                    filled++;
                }
            }
        }
        return filled;
    }

    /**
     * Fills one unit's series of one indicator in place (panel methods).
     *
     * @param times  the periods as numbers, ascending (years); gaps between them weigh in the interpolation
     * @param series the values in period order, NaN for missing
     * @return the number of values filled
     */
    public int fillSeries(double[] times, double[] series) {
        if (!panel()) {
            throw new IllegalStateException(this + " is not a panel imputation");
        }
        int filled = 0;
        int previous = -1;
        for (int t = 0; t < series.length; t++) {
            if (!Double.isNaN(series[t])) {
                previous = t;
                continue;
            }
            int next = t + 1;
            while (next < series.length && Double.isNaN(series[next])) {
                next++;
            }
            boolean hasNext = next < series.length;
            double value = Double.NaN;
            if (this == LATEST) {
                value = previous >= 0 ? series[previous] : Double.NaN;
            }
            else if (previous >= 0 && hasNext) {
                double share = (times[t] - times[previous]) / (times[next] - times[previous]);
                value = series[previous] + share * (series[next] - series[previous]);
            }
            else if (this == LINEAR_CONSTANT) {
                value = previous >= 0 ? series[previous] : hasNext ? series[next] : Double.NaN;
            }
            if (!Double.isNaN(value)) {
                series[t] = value;
                filled++; // previous stays the last real observation: imputed values never anchor others
            }
        }
        return filled;
    }
}

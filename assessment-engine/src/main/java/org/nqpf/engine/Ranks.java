package org.nqpf.engine;

import java.util.Arrays;

/** Ranks within a cohort. */
public final class Ranks {

    /** The rank given to a unit without a score. */
    public static final int UNRANKED = 0;

    private Ranks() {
    }

    /**
     * Rank 1 for the highest score; tied units share the best rank of their group and the next rank skips
     * ({@code "min"} method: 100, 90, 90, 80 → 1, 2, 2, 4). Missing scores get {@link #UNRANKED}.
     * Sorts once and searches (O(n log n)): cohorts of thousands of units are ranked per node and period.
     */
    public static int[] descending(double[] scores) {
        int n = scores.length;
        double[] sorted = new double[n];
        int present = 0;
        for (double score : scores) {
            if (!Double.isNaN(score)) {
                sorted[present++] = score;
            }
        }
        Arrays.sort(sorted, 0, present);
        int[] ranks = new int[n];
        for (int i = 0; i < n; i++) {
            double x = scores[i];
            if (Double.isNaN(x)) {
                ranks[i] = UNRANKED;
                continue;
            }
            // rank = 1 + the number of strictly better scores = 1 + present - (the number of scores <= x).
            // A search without a data-dependent branch (the JIT emits a conditional move): scores are in no
            // order, so a branching search mispredicts half its steps, and that was most of ranking's time.
            int base = 0;
            int length = present;
            while (length > 1) {
                int half = length >>> 1;
                base = sorted[base + half] <= x ? base + half : base;
                length -= half;
            }
            int atMost = base + (sorted[base] <= x ? 1 : 0);
            ranks[i] = 1 + present - atMost;
        }
        return ranks;
    }
}

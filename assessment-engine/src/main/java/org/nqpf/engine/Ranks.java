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
            if (Double.isNaN(scores[i])) {
                ranks[i] = UNRANKED;
                continue;
            }
            // rank = 1 + the number of strictly better scores = 1 + present - (index after the last equal score)
            int lo = 0;
            int hi = present;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (sorted[mid] <= scores[i]) {
                    lo = mid + 1;
                }
                else {
                    hi = mid;
                }
            }
            ranks[i] = 1 + present - lo;
        }
        return ranks;
    }
}

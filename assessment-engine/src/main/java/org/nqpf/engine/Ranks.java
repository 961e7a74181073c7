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
     * Sorts once (O(n log n)): cohorts of thousands of units are ranked per node and period.
     */
    public static int[] descending(double[] scores) {
        int n = scores.length;
        int[] ranks = new int[n];
        int present = 0;
        for (double score : scores) {
            present += Double.isNaN(score) ? 0 : 1;
        }
        Integer[] order = new Integer[present];
        for (int i = 0, k = 0; i < n; i++) {
            if (!Double.isNaN(scores[i])) {
                order[k++] = i;
            }
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        for (int k = 0; k < present; k++) {
            int i = order[k];
            ranks[i] = k > 0 && scores[order[k - 1]] == scores[i] ? ranks[order[k - 1]] : k + 1;
        }
        return ranks;
    }
}

package org.nqpf.engine;

/** Ranks within a cohort. */
public final class Ranks {

    /** The rank given to a unit without a score. */
    public static final int UNRANKED = 0;

    private Ranks() {
    }

    /**
     * Rank 1 for the highest score; tied units share the best rank of their group and the next rank skips
     * ({@code "min"} method: 100, 90, 90, 80 → 1, 2, 2, 4). Missing scores get {@link #UNRANKED}.
     */
    public static int[] descending(double[] scores) {
        int[] ranks = new int[scores.length];
        for (int i = 0; i < scores.length; i++) {
            if (Double.isNaN(scores[i])) {
                ranks[i] = UNRANKED;
                continue;
            }
            int better = 0;
            for (double other : scores) {
                if (!Double.isNaN(other) && other > scores[i]) {
                    better++;
                }
            }
            ranks[i] = better + 1;
        }
        return ranks;
    }
}

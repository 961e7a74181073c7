package org.nqpf.engine;

import java.util.Arrays;

/**
 * Rank normalisation: each value's rank in its column (ties share the average rank, as R's {@code rank}), the
 * worst value rank 1, then mapped linearly into the range: the worst unit at the lower bound, the best at the upper.
 * Robust to outliers; keeps only the order.
 */
public final class RankScaling implements BoundedNormalisation {

    private final Range range;

    public RankScaling(Range range) {
        this.range = range;
    }

    @Override
    public Range range() {
        return range;
    }

    @Override
    public double[] normalise(double[] column, int direction) {
        Normalisation.checkDirection(direction);
        int n = 0;
        for (double x : column) {
            n += Double.isNaN(x) ? 0 : 1;
        }
        double[] sorted = new double[n];
        int k = 0;
        for (double x : column) {
            if (!Double.isNaN(x)) {
                sorted[k++] = direction * x;
            }
        }
        Arrays.sort(sorted);
        double[] out = new double[column.length];
        for (int i = 0; i < column.length; i++) {
            if (Double.isNaN(column[i])) {
                out[i] = Double.NaN;
                continue;
            }
            double v = direction * column[i];
            int lo = lowerBound(sorted, v);
            int hi = lowerBound(sorted, Math.nextUp(v));
            double rank = (lo + 1 + hi) / 2.0; // average of ranks lo+1 .. hi
            out[i] = n == 1 ? range.midpoint() : range.lower() + (rank - 1) / (n - 1) * range.width();
        }
        return out;
    }

    private static int lowerBound(double[] a, double v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) {
                lo = mid + 1;
            }
            else {
                hi = mid;
            }
        }
        return lo;
    }

    @Override
    public String describe() {
        return "rank" + range;
    }
}

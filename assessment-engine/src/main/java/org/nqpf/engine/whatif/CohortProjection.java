package org.nqpf.engine.whatif;

import java.util.Arrays;
import java.util.List;
import org.nqpf.engine.Coupling;
import org.nqpf.engine.CouplingCoordination;
import org.nqpf.engine.CouplingGrade;

/**
 * What-if for one unit against its cohort as assessed: new raw values in, the unit's projected scores out, the peers
 * held at their latest values and the assessment's normalisation and weights held as they were.
 * <p>
 * Each indicator's normalisation is read back from the cohort itself: its (raw, normalised) pairs, sorted by raw
 * value, define the map, interpolated linearly between them. That is exact for every per-period monotone map the
 * pipeline offers (min-max, goalposts, z-scores, vector, ...) inside the cohort's range; beyond it the value is held
 * at the best (or worst) normalised value the cohort shows: a projection never promises more than the best peer has
 * reached, and never re-scales the peers. Aggregates move by the unit's weighted change of its normalised values,
 * with each indicator's share of the root as its weight, as the pipeline aggregates them (exact for the arithmetic
 * mean); the coupling coordination D moves by the change the engine's coupling model gives for the projected
 * subsystem scores. Building it is O(n·m log n) once per cohort; each projection is O(m + log n).
 */
public final class CohortProjection {

    private final int indicators;
    private final String[] groups;
    private final String[] sides;
    private final int[] groupOf;
    private final int[] sideOf;
    // Per indicator: the cohort's raw values, ascending, and the normalised value at each.
    private final double[][] rawSorted;
    private final double[][] normSorted;
    private final double[][] raw;
    private final double[][] normalised;
    private final double[][] shares;
    private final double[] overall;
    private final double[][] groupScores;
    private final double[][] sideScores;
    private final double[] d;
    private final double[] overallSorted;
    private final double scale;

    /**
     * @param groupOf     each indicator's aggregate (e.g. its dimension) as an index into {@code groups}, or -1
     * @param sideOf      each indicator's subsystem (e.g. AI, NQPF) as an index into {@code sides}, or -1
     * @param raw         [unit][indicator] raw values, NaN where missing
     * @param normalised  [unit][indicator] normalised values as assessed
     * @param shares      [unit][indicator] each indicator's share of the unit's root score (weights summing to 1)
     * @param overall     [unit] root score as assessed
     * @param groupScores [unit][group] as assessed, NaN where missing
     * @param sideScores  [unit][side] as assessed, NaN where missing
     * @param d           [unit] coupling coordination as assessed, NaN where none
     * @param scale       the upper bound of the score scale (100 for scores on [0, 100]): subsystem scores over it
     *                    are the coupling's U on [0, 1]
     */
    public CohortProjection(List<String> groups, List<String> sides, int[] groupOf, int[] sideOf, double[][] raw,
            double[][] normalised, double[][] shares, double[] overall, double[][] groupScores, double[][] sideScores,
            double[] d, double scale) {
        int n = raw.length;
        this.indicators = groupOf.length;
        this.groups = groups.toArray(String[]::new);
        this.sides = sides.toArray(String[]::new);
        this.groupOf = groupOf.clone();
        this.sideOf = sideOf.clone();
        this.raw = raw;
        this.normalised = normalised;
        this.shares = shares;
        this.overall = overall;
        this.groupScores = groupScores;
        this.sideScores = sideScores;
        this.d = d;
        this.scale = scale;
        this.rawSorted = new double[indicators][];
        this.normSorted = new double[indicators][];
        for (int j = 0; j < indicators; j++) {
            int count = 0;
            Integer[] idx = new Integer[n];
            for (int u = 0; u < n; u++) {
                if (!Double.isNaN(raw[u][j]) && !Double.isNaN(normalised[u][j])) {
                    idx[count++] = u;
                }
            }
            idx = Arrays.copyOf(idx, count);
            final int col = j;
            Arrays.sort(idx, (a, b) -> Double.compare(raw[a][col], raw[b][col]));
            rawSorted[j] = new double[count];
            normSorted[j] = new double[count];
            for (int k = 0; k < count; k++) {
                rawSorted[j][k] = raw[idx[k]][j];
                normSorted[j][k] = normalised[idx[k]][j];
            }
        }
        this.overallSorted = Arrays.stream(overall).filter(v -> !Double.isNaN(v)).sorted().toArray();
    }

    /**
     * The unit's projected scores.
     *
     * @param unit   the unit's index
     * @param values [indicator] new raw values; NaN keeps the assessed value
     */
    public Result project(int unit, double[] values) {
        double dOverall = 0;
        double[] dGroupNum = new double[groups.length];
        double[] groupWeight = new double[groups.length];
        double[] dSideNum = new double[sides.length];
        double[] sideWeight = new double[sides.length];
        for (int j = 0; j < indicators; j++) {
            double share = shares[unit][j];
            if (Double.isNaN(share)) {
                continue;
            }
            double change = 0;
            if (!Double.isNaN(values[j]) && !Double.isNaN(normalised[unit][j])) {
                change = normalise(j, values[j]) - normalised[unit][j];
            }
            dOverall += share * change;
            if (groupOf[j] >= 0) {
                dGroupNum[groupOf[j]] += share * change;
                groupWeight[groupOf[j]] += share;
            }
            if (sideOf[j] >= 0) {
                dSideNum[sideOf[j]] += share * change;
                sideWeight[sideOf[j]] += share;
            }
        }
        double projectedOverall = overall[unit] + dOverall;
        double[] g = new double[groups.length];
        for (int k = 0; k < g.length; k++) {
            g[k] = groupScores[unit][k] + (groupWeight[k] > 0 ? dGroupNum[k] / groupWeight[k] : 0);
        }
        double[] s = new double[sides.length];
        for (int k = 0; k < s.length; k++) {
            s[k] = sideScores[unit][k] + (sideWeight[k] > 0 ? dSideNum[k] / sideWeight[k] : 0);
        }
        Double projectedD = null;
        CouplingGrade grade = null;
        if (!Double.isNaN(d[unit]) && s.length >= 2) {
            double[] before = unitScale(sideScores[unit]);
            double[] after = unitScale(s);
            if (before != null && after != null) {
                Coupling now = CouplingCoordination.of(before);
                Coupling then = CouplingCoordination.of(after);
                projectedD = Math.max(0, Math.min(1, d[unit] + then.d() - now.d()));
                grade = CouplingGrade.of(projectedD);
            }
        }
        return new Result(projectedOverall, g, s, projectedD, grade, rank(unit, projectedOverall));
    }

    /** 1 + the number of peers whose assessed overall score is above {@code score}. */
    private int rank(int unit, double score) {
        int above = overallSorted.length - upperBound(overallSorted, score);
        // The unit's own assessed score is among them when it is above the projection (a what-if that loses).
        if (overall[unit] > score) {
            above--;
        }
        return above + 1;
    }

    private static int upperBound(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= v) {
                lo = mid + 1;
            }
            else {
                hi = mid;
            }
        }
        return lo;
    }

    private double[] unitScale(double[] scores) {
        double[] u = new double[scores.length];
        for (int k = 0; k < u.length; k++) {
            if (Double.isNaN(scores[k])) {
                return null;
            }
            u[k] = Math.max(0, Math.min(1, scores[k] / scale));
        }
        return u;
    }

    /** The indicator's normalised value at raw value x, read off the cohort (see the class comment). */
    public double normalise(int indicator, double x) {
        double[] xs = rawSorted[indicator];
        double[] ys = normSorted[indicator];
        if (xs.length == 0) {
            return Double.NaN;
        }
        // Outside the cohort's range: held at the end it lies beyond.
        if (x <= xs[0]) {
            return ys[0];
        }
        if (x >= xs[xs.length - 1]) {
            return ys[ys.length - 1];
        }
        int hi = upperBound(xs, x);
        int lo = hi - 1;
        if (xs[hi] == xs[lo]) {
            return ys[lo];
        }
        return ys[lo] + (ys[hi] - ys[lo]) * (x - xs[lo]) / (xs[hi] - xs[lo]);
    }

    public double raw(int unit, int indicator) {
        return raw[unit][indicator];
    }

    /**
     * @param groups     [group] projected score
     * @param subsystems [side] projected score
     * @param d          projected coupling coordination, null without one
     * @param rank       1 + the peers above the projected overall score
     */
    public record Result(double overall, double[] groups, double[] subsystems, Double d, CouplingGrade grade,
            int rank) {
    }
}

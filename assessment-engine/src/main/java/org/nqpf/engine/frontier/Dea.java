package org.nqpf.engine.frontier;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.linear.LinearConstraint;

import org.hipparchus.optim.linear.Relationship;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * Data envelopment analysis, envelopment form, in two phases (Cooper, Seiford &amp; Tone, <i>Data Envelopment
 * Analysis</i>, 2007, ch. 3-4): the radial efficiency first (input orientation: minimise θ with
 * {@code Σλx ≤ θx_o, Σλy ≥ y_o}; output orientation: maximise φ with {@code Σλx ≤ x_o, Σλy ≥ φy_o}), then, at that
 * efficiency, the largest total slack. CCR assumes constant returns to scale (Charnes, Cooper &amp; Rhodes 1978); BCC
 * adds {@code Σλ = 1} (Banker, Charnes &amp; Cooper 1984). Targets: input {@code x̂ = θx − s⁻, ŷ = y + s⁺}; output
 * {@code x̂ = x − s⁻, ŷ = φy + s⁺}. The reference peers are the units with λ &gt; 0.
 * <p>
 * For large cohorts the problems are restricted to the efficient set, found first: a unit another one dominates (no
 * more of any input, no less of any output) is never on the frontier and is left out of the search, and every unit's
 * optimal peers are efficient units (CST, theorem 3.3), so solving each unit against the efficient set alone gives
 * the same θ, slacks and targets as against the whole cohort. The linear programmes are ojAlgo's simplex.
 */
public final class Dea {

    public enum Model { CCR, BCC }

    public enum Orientation { INPUT, OUTPUT }

    /**
     * @param efficiency θ (input) or 1/φ (output): 1 on the frontier, less below it
     * @param expansion  φ for the output orientation (how much every output could grow), 1/θ for the input one
     * @param peers      unit index → λ, for λ &gt; 0, in index order
     */
    public record Result(int unit, double efficiency, double expansion, Map<Integer, Double> peers,
            double[] inputTargets, double[] outputTargets, double[] inputSlacks, double[] outputSlacks) {

        /** On the frontier with no slack: Pareto-Koopmans efficient. */
        public boolean efficient() {
            if (Math.abs(efficiency - 1) > TOLERANCE) {
                return false;
            }
            for (double s : inputSlacks) {
                if (s > TOLERANCE) {
                    return false;
                }
            }
            for (double s : outputSlacks) {
                if (s > TOLERANCE) {
                    return false;
                }
            }
            return true;
        }
    }

    static final double TOLERANCE = 1e-7;

    private final Model model;
    private final Orientation orientation;

    public Dea(Model model, Orientation orientation) {
        this.model = model;
        this.orientation = orientation;
    }

    /**
     * @param inputs  [unit][input], finite and non-negative; a unit with a missing (NaN) value is left out (null)
     * @param outputs [unit][output]
     * @return one result per unit, in unit order; null for a unit left out
     */
    public Result[] evaluate(double[][] inputs, double[][] outputs) {
        int n = inputs.length;
        if (outputs.length != n) {
            throw new IllegalArgumentException(inputs.length + " units of inputs but " + outputs.length + " of outputs");
        }
        // Scaled by each column's mean: the simplex's tolerances then mean the same for every column.
        int m = n == 0 ? 0 : inputs[0].length;
        int s = n == 0 ? 0 : outputs[0].length;
        if (m == 0 || s == 0) {
            throw new IllegalArgumentException("DEA needs at least one input and one output");
        }
        boolean[] present = new boolean[n];
        for (int j = 0; j < n; j++) {
            present[j] = complete(inputs[j]) && complete(outputs[j]);
        }
        double[] xScale = scale(inputs, present, m);
        double[] yScale = scale(outputs, present, s);
        double[][] x = scaled(inputs, xScale, present);
        double[][] y = scaled(outputs, yScale, present);

        List<Integer> candidates = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            if (present[j] && !dominated(j, x, y, present)) {
                candidates.add(j);
            }
        }
        List<Integer> frontier = new ArrayList<>();
        List<Integer> pool = thinned(candidates, x, y);
        for (int j : pool) {
            if (solve(j, pool, x, y).efficient()) {
                frontier.add(j);
            }
        }
        if (frontier.isEmpty()) {
            frontier = candidates; // degenerate data (e.g. all zero): fall back to the whole non-dominated set
        }
        Result[] results = new Result[n];
        for (int j = 0; j < n; j++) {
            if (present[j]) {
                results[j] = unscale(solve(j, frontier, x, y), xScale, yScale);
            }
        }
        return results;
    }

    /**
     * The candidates cut down to a superset of the efficient set by hierarchical decomposition (Barr &amp; Durchholz,
     * Decision Support Systems 20, 1997): a unit on the frontier of the whole cohort is on the frontier of every
     * subset that holds it, so the units radially efficient within blocks hold the efficient set. Blocks double in
     * size each round until one block holds them all. Against the whole cohort each problem has one column per
     * candidate (thousands); within a block, at most {@value #BLOCK} at first.
     */
    private List<Integer> thinned(List<Integer> candidates, double[][] x, double[][] y) {
        List<Integer> pool = candidates;
        int block = BLOCK;
        while (pool.size() > block) {
            List<Integer> kept = new ArrayList<>();
            for (int from = 0; from < pool.size(); from += block) {
                List<Integer> part = pool.subList(from, Math.min(pool.size(), from + block));
                for (int j : part) {
                    double radial = radial(j, part, x, y);
                    if (orientation == Orientation.INPUT ? radial >= 1 - RADIAL_TOLERANCE
                            : radial <= 1 + RADIAL_TOLERANCE) {
                        kept.add(j);
                    }
                }
            }
            pool = kept;
            block *= 2;
        }
        return pool;
    }

    /** Units per block in the first round of {@link #thinned}. */
    static final int BLOCK = 128;
    // Looser than TOLERANCE: keeping a unit that is not efficient costs a column, dropping one that is costs a peer.
    private static final double RADIAL_TOLERANCE = 1e-6;

    /** Phase 1 alone: θ (input) or φ (output) of unit o against the reference units. */
    private double radial(int o, List<Integer> reference, double[][] x, double[][] y) {
        boolean input = orientation == Orientation.INPUT;
        return optimise(radialObjective(reference.size()), radialConstraints(o, reference, x, y),
                input ? GoalType.MINIMIZE : GoalType.MAXIMIZE).getValue();
    }

    private static double[] radialObjective(int k) {
        double[] objective = new double[k + 1];
        objective[0] = 1;
        return objective;
    }

    /** Phase 1's constraints over the variables [radial, λ_1..λ_k]. */
    private List<LinearConstraint> radialConstraints(int o, List<Integer> reference, double[][] x, double[][] y) {
        int k = reference.size();
        int m = x[o].length;
        int s = y[o].length;
        boolean input = orientation == Orientation.INPUT;
        List<LinearConstraint> constraints = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            double[] c = new double[k + 1];
            c[0] = input ? -x[o][i] : 0;
            for (int q = 0; q < k; q++) {
                c[q + 1] = x[reference.get(q)][i];
            }
            constraints.add(new LinearConstraint(c, Relationship.LEQ, input ? 0 : x[o][i]));
        }
        for (int r = 0; r < s; r++) {
            double[] c = new double[k + 1];
            c[0] = input ? 0 : -y[o][r];
            for (int q = 0; q < k; q++) {
                c[q + 1] = y[reference.get(q)][r];
            }
            constraints.add(new LinearConstraint(c, Relationship.GEQ, input ? y[o][r] : 0));
        }
        if (model == Model.BCC) {
            double[] c = new double[k + 1];
            Arrays.fill(c, 1, k + 1, 1);
            constraints.add(new LinearConstraint(c, Relationship.EQ, 1));
        }
        return constraints;
    }

    /** Phase 1 (radial) and phase 2 (slacks) for unit o against the reference units. */
    private Result solve(int o, List<Integer> reference, double[][] x, double[][] y) {
        int k = reference.size();
        int m = x[o].length;
        int s = y[o].length;
        boolean input = orientation == Orientation.INPUT;

        double radial = radial(o, reference, x, y);

        // Phase 2 at that radial value: variables [λ_1..λ_k, s⁻_1..s⁻_m, s⁺_1..s⁺_s], maximise the slacks. The radial
        // value is relaxed by a rounding step so that the simplex's own rounding never makes phase 2 infeasible.
        double relaxed = input ? radial * (1 + 1e-10) : radial * (1 - 1e-10);
        List<LinearConstraint> phase2 = new ArrayList<>();
        int width = k + m + s;
        for (int i = 0; i < m; i++) {
            double[] c = new double[width];
            for (int q = 0; q < k; q++) {
                c[q] = x[reference.get(q)][i];
            }
            c[k + i] = 1;
            phase2.add(new LinearConstraint(c, Relationship.EQ, input ? relaxed * x[o][i] : x[o][i]));
        }
        for (int r = 0; r < s; r++) {
            double[] c = new double[width];
            for (int q = 0; q < k; q++) {
                c[q] = y[reference.get(q)][r];
            }
            c[k + m + r] = -1;
            phase2.add(new LinearConstraint(c, Relationship.EQ, input ? y[o][r] : relaxed * y[o][r]));
        }
        if (model == Model.BCC) {
            double[] c = new double[width];
            Arrays.fill(c, 0, k, 1);
            phase2.add(new LinearConstraint(c, Relationship.EQ, 1));
        }
        double[] slackObjective = new double[width];
        Arrays.fill(slackObjective, k, width, 1);
        double[] point = optimise(slackObjective, phase2, GoalType.MAXIMIZE).getPoint();

        Map<Integer, Double> peers = new LinkedHashMap<>();
        for (int q = 0; q < k; q++) {
            if (point[q] > TOLERANCE) { // below it: the simplex's rounding, not a peer
                peers.put(reference.get(q), point[q]);
            }
        }
        peers = sorted(peers);
        double[] inputSlacks = new double[m];
        double[] outputSlacks = new double[s];
        double[] inputTargets = new double[m];
        double[] outputTargets = new double[s];
        for (int i = 0; i < m; i++) {
            inputSlacks[i] = clean(point[k + i]);
            inputTargets[i] = (input ? radial : 1) * x[o][i] - inputSlacks[i];
        }
        for (int r = 0; r < s; r++) {
            outputSlacks[r] = clean(point[k + m + r]);
            outputTargets[r] = (input ? 1 : radial) * y[o][r] + outputSlacks[r];
        }
        double efficiency = input ? radial : 1 / radial;
        return new Result(o, efficiency, 1 / efficiency, peers, inputTargets, outputTargets, inputSlacks,
                outputSlacks);
    }

    /**
     * One linear programme. Small ones (up to {@link #DENSE_COLUMNS} columns: every problem against the efficient
     * set, and the blocks that find it) go to Hipparchus' dense tableau, which solves them fastest; larger ones, and
     * any Hipparchus calls infeasible, to ojAlgo's simplex: Hipparchus reads its solution back in O(columns²), ojAlgo
     * pivots slowly on the degenerate slack problems (BENCHMARKS.md, roadmap: 3,000 units took minutes either way).
     */
    private static PointValuePair optimise(double[] objective, List<LinearConstraint> constraints, GoalType goal) {
        if (objective.length <= DENSE_COLUMNS) {
            try {
                return dense(objective, constraints, goal);
            }
            catch (IllegalArgumentException e) {
                // Hipparchus' rounding can call a degenerate problem infeasible; ojAlgo decides it.
            }
        }
        ExpressionsBasedModel lp = new ExpressionsBasedModel();
        Variable[] v = new Variable[objective.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = lp.addVariable().lower(0).weight(objective[i]);
        }
        for (LinearConstraint c : constraints) {
            Expression e = lp.addExpression();
            double[] coefficients = c.getCoefficients().toArray();
            for (int i = 0; i < coefficients.length; i++) {
                if (coefficients[i] != 0) {
                    e.set(v[i], coefficients[i]);
                }
            }
            switch (c.getRelationship()) {
                case LEQ -> e.upper(c.getValue());
                case GEQ -> e.lower(c.getValue());
                case EQ -> e.level(c.getValue());
            }
        }
        Optimisation.Result r = goal == GoalType.MINIMIZE ? lp.minimise() : lp.maximise();
        if (!r.getState().isFeasible()) {
            // Infeasible or unbounded: data the envelopment form cannot take (all zero, say).
            throw new IllegalArgumentException("the DEA problem has no solution (" + r.getState()
                    + "): check that inputs and outputs are non-negative and not all zero");
        }
        double[] point = new double[v.length];
        for (int i = 0; i < point.length; i++) {
            point[i] = r.doubleValue(i);
        }
        return new PointValuePair(point, r.getValue());
    }

    /** Up to this many columns Hipparchus' dense tableau is the faster: its read-back is cheap, its pivots few. */
    static final int DENSE_COLUMNS = 400;

    private static PointValuePair dense(double[] objective, List<LinearConstraint> constraints, GoalType goal) {
        try {
            return new org.hipparchus.optim.linear.SimplexSolver(1e-10, 10, 1e-14).optimize(
                    new org.hipparchus.optim.MaxIter(100_000),
                    new org.hipparchus.optim.linear.LinearObjectiveFunction(objective, 0),
                    new org.hipparchus.optim.linear.LinearConstraintSet(constraints), goal,
                    new org.hipparchus.optim.linear.NonNegativeConstraint(true));
        }
        catch (org.hipparchus.exception.MathIllegalStateException e) {
            throw new IllegalArgumentException("the DEA problem has no solution (" + e.getMessage()
                    + "): check that inputs and outputs are non-negative and not all zero", e);
        }
    }

    /** Another present unit uses no more of any input and gives no less of any output, and differs somewhere. */
    private static boolean dominated(int j, double[][] x, double[][] y, boolean[] present) {
        for (int k = 0; k < x.length; k++) {
            if (k == j || !present[k]) {
                continue;
            }
            boolean noWorse = true;
            boolean better = false;
            for (int i = 0; i < x[j].length && noWorse; i++) {
                noWorse = x[k][i] <= x[j][i];
                better |= x[k][i] < x[j][i];
            }
            for (int r = 0; r < y[j].length && noWorse; r++) {
                noWorse = y[k][r] >= y[j][r];
                better |= y[k][r] > y[j][r];
            }
            if (noWorse && better) {
                return true;
            }
        }
        return false;
    }

    private Result unscale(Result r, double[] xScale, double[] yScale) {
        double[] xt = r.inputTargets().clone();
        double[] xs = r.inputSlacks().clone();
        double[] yt = r.outputTargets().clone();
        double[] ys = r.outputSlacks().clone();
        for (int i = 0; i < xt.length; i++) {
            xt[i] *= xScale[i];
            xs[i] *= xScale[i];
        }
        for (int q = 0; q < yt.length; q++) {
            yt[q] *= yScale[q];
            ys[q] *= yScale[q];
        }
        return new Result(r.unit(), r.efficiency(), r.expansion(), r.peers(), xt, yt, xs, ys);
    }

    private static boolean complete(double[] row) {
        for (double v : row) {
            if (!Double.isFinite(v)) {
                return false;
            }
            if (v < 0) {
                throw new IllegalArgumentException("DEA needs non-negative inputs and outputs, got " + v);
            }
        }
        return true;
    }

    private static double[] scale(double[][] values, boolean[] present, int width) {
        double[] mean = new double[width];
        int count = 0;
        for (int j = 0; j < values.length; j++) {
            if (present[j]) {
                count++;
                for (int i = 0; i < width; i++) {
                    mean[i] += values[j][i];
                }
            }
        }
        for (int i = 0; i < width; i++) {
            mean[i] = count == 0 || mean[i] == 0 ? 1 : mean[i] / count;
        }
        return mean;
    }

    private static double[][] scaled(double[][] values, double[] scale, boolean[] present) {
        double[][] out = new double[values.length][];
        for (int j = 0; j < values.length; j++) {
            out[j] = new double[values[j].length];
            for (int i = 0; i < values[j].length; i++) {
                out[j][i] = present[j] ? values[j][i] / scale[i] : Double.NaN;
            }
        }
        return out;
    }

    private static Map<Integer, Double> sorted(Map<Integer, Double> peers) {
        Map<Integer, Double> out = new LinkedHashMap<>();
        peers.keySet().stream().sorted().forEach(j -> out.put(j, peers.get(j)));
        return out;
    }

    private static double clean(double v) {
        return Math.abs(v) < 1e-9 ? 0 : v;
    }
}

package org.nqpf.engine.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nqpf.engine.Ahp;
import org.nqpf.engine.Coupling;
import org.nqpf.engine.Disparity;
import org.nqpf.engine.Progress;
import org.nqpf.engine.Range;
import org.nqpf.engine.Ranks;
import org.nqpf.engine.Trends;
import org.nqpf.engine.data.OutlierTreatment;
import org.nqpf.engine.frontier.Dea;
import org.nqpf.engine.profile.Profile;
import org.nqpf.engine.profile.ProfileException;

/**
 * Everything one assessment of a panel produced, with accessors by unit, period and node code. Scores are on the
 * normalisation's range (TOPSIS: closeness mapped onto it); ranks are within the period's cohort, 1 = best, 0 for a
 * unit without a score.
 */
public final class PanelResult {

    /** A unit-period left out for lack of data. */
    public record Screened(String unit, String period, double coverage) {
    }

    /** An indicator whose outliers were treated, in one period or over the panel. */
    public record Treated(String indicator, String period, OutlierTreatment.Outcome outcome) {
    }

    /** Monte Carlo ranks of the units in {@code period}: median and the 5-95 % interval, per unit (NaN if unscored). */
    public record Uncertainty(String period, int runs, double[] medianRank, double[] rank5, double[] rank95) {
    }

    private final Framework framework;
    private final Panel panel;
    private final String method;
    private final Profile.Over over;
    private final CompiledHierarchy compiled;
    private final Map<String, Double> weights;
    private final Map<String, Ahp.Result> consistency;
    private final boolean[][] included;
    private final double[][] coverage;
    private final double[] indicatorCoverage;
    private final List<Screened> screened;
    private final int imputed;
    private final List<Treated> treated;
    private final double[][][] normalised;
    private final Range boundedRange;
    private final Range scoreRange;
    private final double[][][] scores;
    private final int[][][] ranks;
    private final List<String> subsystems;
    private final double[][][] subsystemScores;
    private final Coupling[][] couplings;
    private final String[][] lagging;
    private final double[][][] obstacles;
    private final double[][] topsis;
    private final Uncertainty uncertainty;
    private final Dea.Result[][] frontier;
    private final Profile.ProgressSpec progress;
    private final Profile.Frontier frontierSpec;
    private final Map<String, Integer> unitIndex = new LinkedHashMap<>();
    private final Map<String, Integer> periodIndex = new LinkedHashMap<>();

    PanelResult(Framework framework, Panel panel, String method, Profile.Over over,
            CompiledHierarchy compiled, Map<String, Double> weights, Map<String, Ahp.Result> consistency, boolean[][] included, double[][] coverage, double[] indicatorCoverage,
            List<Screened> screened, int imputed, List<Treated> treated, double[][][] normalised, Range boundedRange,
            Range scoreRange, double[][][] scores, int[][][] ranks, List<String> subsystems,
            double[][][] subsystemScores, Coupling[][] couplings, String[][] lagging, double[][][] obstacles,
            double[][] topsis, Uncertainty uncertainty, Dea.Result[][] frontier,
            Profile.Frontier frontierSpec, Profile.ProgressSpec progress) {
        this.frontier = frontier;
        this.frontierSpec = frontierSpec;
        this.progress = progress;
        this.topsis = topsis;
        this.framework = framework;
        this.panel = panel;
        this.method = method;
        this.over = over;
        this.compiled = compiled;
        this.weights = Map.copyOf(weights);
        this.consistency = Map.copyOf(consistency);
        this.included = included;
        this.coverage = coverage;
        this.indicatorCoverage = indicatorCoverage;
        this.screened = List.copyOf(screened);
        this.imputed = imputed;
        this.treated = List.copyOf(treated);
        this.normalised = normalised;
        this.boundedRange = boundedRange;
        this.scoreRange = scoreRange;
        this.scores = scores;
        this.ranks = ranks;
        this.subsystems = List.copyOf(subsystems);
        this.subsystemScores = subsystemScores;
        this.couplings = couplings;
        this.lagging = lagging;
        this.obstacles = obstacles;
        this.uncertainty = uncertainty;
        for (int i = 0; i < panel.units().size(); i++) {
            unitIndex.put(panel.units().get(i), i);
        }
        for (int t = 0; t < panel.periods().size(); t++) {
            periodIndex.put(panel.periods().get(t), t);
        }
    }

    public Framework framework() {
        return framework;
    }

    public List<String> units() {
        return panel.units();
    }

    public List<String> unitNames() {
        return panel.unitNames();
    }

    public List<String> periods() {
        return panel.periods();
    }

    /** The methods used, as stable text. */
    public String method() {
        return method;
    }

    /**
     * Where the normalisation bounds came from: each period's cohort (scores say where a unit stands among its peers
     * that year) or the whole panel (a unit's scores of different periods can be compared: real change shows).
     */
    public Profile.Over normalisedOver() {
        return over;
    }

    /** The value as given (before screening, imputation and outlier treatment); NaN when missing. */
    public double raw(String period, String unit, String indicator) {
        return panel.values()[period(period)][unit(unit)][node(indicator)];
    }

    /** The normalised value (after imputation and outlier treatment), on the normalisation's scale; NaN if none. */
    public double normalised(String period, String unit, String indicator) {
        return normalised[period(period)][unit(unit)][node(indicator)];
    }

    /**
     * Each indicator's share of the root for this unit, weights re-scaled over what it has (as aggregation does):
     * the factor contributions F_j of the obstacle degree, summing to 1 for a unit with a score.
     */
    public Map<String, Double> shares(String period, String unit) {
        int t = period(period);
        double[] share = compiled.shares(scores[t], unit(unit), null);
        Map<String, Double> out = new LinkedHashMap<>();
        for (int j = 0; j < compiled.indicators; j++) {
            out.put(compiled.codes[j], share[j]);
        }
        return out;
    }

    /** How many units have a root score in the period. */
    public int cohortSize(String period) {
        int n = 0;
        for (double v : scores[period(period)][compiled.root]) {
            n += Double.isNaN(v) ? 0 : 1;
        }
        return n;
    }

    /** The aggregates, each after its descendants, the root last. */
    public List<String> aggregates() {
        return framework.hierarchy().aggregatesBottomUp();
    }

    /** Each node's weight among its siblings as the weighting gave it (aggregation re-scales over present children). */
    public Map<String, Double> weights() {
        return weights;
    }

    /** Each indicator's share of the root score with nothing missing: its effective weight. */
    public Map<String, Double> effectiveWeights() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int j = 0; j < compiled.indicators; j++) {
            out.put(compiled.codes[j], compiled.effective[j]);
        }
        return out;
    }

    /** AHP: aggregate → eigenvector result with consistency ratio; empty for other weightings. */
    public Map<String, Ahp.Result> consistency() {
        return consistency;
    }

    public boolean included(String period, String unit) {
        return included[period(period)][unit(unit)];
    }

    /** Share of the framework's indicators the unit has a value for, before screening and imputation. */
    public double coverage(String period, String unit) {
        return coverage[period(period)][unit(unit)];
    }

    /** Indicator → share of included unit-periods with a value, before imputation. */
    public Map<String, Double> indicatorCoverage() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int j = 0; j < compiled.indicators; j++) {
            out.put(compiled.codes[j], indicatorCoverage[j]);
        }
        return out;
    }

    public List<Screened> screened() {
        return screened;
    }

    public int imputed() {
        return imputed;
    }

    public List<Treated> treated() {
        return treated;
    }

    /** The scale aggregate scores live on. */
    public Range scoreRange() {
        return scoreRange;
    }

    /** A node's score (an indicator's: its normalised value); NaN when the unit has none. */
    public double score(String period, String unit, String node) {
        return scores[period(period)][node(node)][unit(unit)];
    }

    /** A node's scores for every unit in a period, in unit order. */
    public double[] scores(String period, String node) {
        return scores[period(period)][node(node)].clone();
    }

    public int rank(String period, String unit, String node) {
        return rankArray(period(period), node(node))[unit(unit)];
    }

    /** Aggregates' ranks are computed with the scores; an indicator's (its normalised value's) on demand. */
    private int[] rankArray(int t, int k) {
        return ranks[t][k] != null ? ranks[t][k] : Ranks.descending(scores[t][k]);
    }

    /** Every unit's rank of a node in a period, in unit order: {@link #rank} for all units at once. */
    public int[] ranks(String period, String node) {
        return rankArray(period(period), node(node)).clone();
    }

    public List<String> subsystems() {
        return subsystems;
    }

    /** Subsystem → score (NaN when the unit has no value in it). */
    public Map<String, Double> subsystemScores(String period, String unit) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int s = 0; s < subsystems.size(); s++) {
            out.put(subsystems.get(s), subsystemScores[period(period)][s][unit(unit)]);
        }
        return out;
    }

    /** Coupling coordination of the subsystems, or null (fewer than two subsystems, or a subsystem without score). */
    public Coupling coupling(String period, String unit) {
        return couplings[period(period)][unit(unit)];
    }

    /** The subsystem lagging by more than 0.1, or null. */
    public String lagging(String period, String unit) {
        return lagging[period(period)][unit(unit)];
    }

    /** False when the normalisation is unbounded (none, z-score): obstacle degrees need values on [0, 1]. */
    public boolean hasObstacles() {
        return obstacles != null;
    }

    /** Indicator → obstacle degree in percent (summing to 100 unless the unit is best on everything). */
    public Map<String, Double> obstacles(String period, String unit) {
        double[] o = obstacleRow(period, unit);
        Map<String, Double> out = new LinkedHashMap<>();
        for (int j = 0; j < compiled.indicators; j++) {
            out.put(compiled.codes[j], o == null ? Double.NaN : o[j]);
        }
        return out;
    }

    /** Aggregate (except the root) → obstacle degree in percent, the sum over its indicators. */
    public Map<String, Double> aggregateObstacles(String period, String unit) {
        double[] o = obstacleRow(period, unit);
        Map<String, Double> out = new LinkedHashMap<>();
        for (int a = compiled.indicators; a < compiled.nodeCount(); a++) {
            if (a == compiled.root) {
                continue;
            }
            double sum = 0;
            for (int j : compiled.descendants[a]) {
                sum += o == null ? Double.NaN : o[j];
            }
            out.put(compiled.codes[a], sum);
        }
        return out;
    }

    /**
     * For callers that publish obstacle degrees whatever the framework: refuses a result whose scores have no scale,
     * for the same reason the pipeline gives where coupling needs one.
     */
    public void requireScale() {
        if (obstacles == null) {
            throw ProfileException.at(null, "normalise.method", Assessor.unscaled(
                    " gives scores without a fixed range (" + method + ")"));
        }
    }

    private double[] obstacleRow(String period, String unit) {
        if (obstacles == null) {
            throw new IllegalStateException("obstacle degrees need a bounded normalisation (minmax, goalposts, rank, vector)");
        }
        return obstacles[period(period)][unit(unit)];
    }

    /**
     * The explanation of a score: each indicator's share of the root for this unit (weights re-scaled over what it
     * has) times its normalised value, in score points. With arithmetic means they add up to the root score exactly.
     */
    public Map<String, Double> contributions(String period, String unit) {
        int t = period(period);
        int i = unit(unit);
        double[] share = compiled.shares(scores[t], i, null);
        Map<String, Double> out = new LinkedHashMap<>();
        for (int j = 0; j < compiled.indicators; j++) {
            double x = normalised[t][i][j];
            out.put(compiled.codes[j], share[j] == 0 || Double.isNaN(x) ? 0.0 : share[j] * x);
        }
        return out;
    }

    /** Growth of a node's score from the previous period (NaN in the first period or when either is missing). */
    public double growth(String period, String unit, String node) {
        int t = period(period);
        return t == 0 ? Double.NaN : Trends.growth(scores[t - 1][node(node)][unit(unit)], scores[t][node(node)][unit(unit)]);
    }

    /** Compound annual growth of a node's score from the first to the last period with a score. */
    public double cagr(String unit, String node) {
        int i = unit(unit);
        int k = node(node);
        double[] times = panel.times();
        int first = -1;
        int last = -1;
        for (int t = 0; t < scores.length; t++) {
            if (!Double.isNaN(scores[t][k][i])) {
                first = first < 0 ? t : first;
                last = t;
            }
        }
        return first < 0 || last == first ? Double.NaN
                : Trends.cagr(scores[first][k][i], scores[last][k][i], times[last] - times[first]);
    }

    /** Gini coefficient of a node's scores over the period's cohort. */
    public double gini(String period, String node) {
        return Disparity.gini(scores[period(period)][node(node)]);
    }

    /** Theil index of a node's scores over the period's cohort. */
    public double theil(String period, String node) {
        return Disparity.theil(scores[period(period)][node(node)]);
    }

    /** True when the profile asked for TOPSIS closeness next to the scores ({@code aggregate.topsis}). */
    public boolean hasTopsis() {
        return topsis != null;
    }

    /** TOPSIS closeness in [0, 1] over all indicators with their effective weights; NaN without values. */
    public double topsis(String period, String unit) {
        if (topsis == null) {
            throw new IllegalStateException("TOPSIS closeness was not asked for: set aggregate.topsis to true");
        }
        return topsis[period(period)][unit(unit)];
    }

    /**
     * A unit's place against the efficiency frontier of its period.
     *
     * @param peers   unit code → λ, the efficient units its targets are made of
     * @param targets indicator code → the value on the frontier (raw units): inputs θx − s⁻, outputs y + s⁺ (input
     *                orientation) or x − s⁻ and φy + s⁺ (output orientation)
     * @param slacks  indicator code → the slack left after the radial move
     */
    public record FrontierPosition(double efficiency, Map<String, Double> peers, Map<String, Double> targets,
            Map<String, Double> slacks) {
    }

    public boolean hasFrontier() {
        return frontier != null;
    }

    /** Null when the unit lacks one of the frontier's indicators in that period. */
    public FrontierPosition frontier(String period, String unit) {
        if (frontier == null) {
            throw new IllegalStateException("no frontier was asked for: add a frontier section to the profile");
        }
        Dea.Result r = frontier[period(period)][unit(unit)];
        if (r == null) {
            return null;
        }
        Map<String, Double> peers = new LinkedHashMap<>();
        r.peers().forEach((j, lambda) -> peers.put(panel.units().get(j), lambda));
        Map<String, Double> targets = new LinkedHashMap<>();
        Map<String, Double> slacks = new LinkedHashMap<>();
        List<String> inputs = frontierSpec.inputs();
        List<String> outputs = frontierSpec.outputs();
        for (int i = 0; i < inputs.size(); i++) {
            targets.put(inputs.get(i), r.inputTargets()[i]);
            slacks.put(inputs.get(i), r.inputSlacks()[i]);
        }
        for (int q = 0; q < outputs.size(); q++) {
            targets.put(outputs.get(q), r.outputTargets()[q]);
            slacks.put(outputs.get(q), r.outputSlacks()[q]);
        }
        return new FrontierPosition(r.efficiency(), peers, targets, slacks);
    }

    public boolean hasProgress() {
        return progress != null;
    }

    /**
     * Each indicator's progress for the unit by the Open SDG measure: toward its target (iMeta {@code Target}) when
     * it has one, else against the fixed growth thresholds; from the profile's base year to the latest period.
     */
    public Map<String, Progress.Result> progress(String unit) {
        if (progress == null) {
            throw new IllegalStateException("no progress was asked for: add a progress section to the profile");
        }
        int i = unit(unit);
        double[] years = panel.times();
        Map<String, Progress.Result> out = new LinkedHashMap<>();
        double[] series = new double[years.length];
        for (int j = 0; j < compiled.indicators; j++) {
            for (int t = 0; t < years.length; t++) {
                series[t] = panel.values()[t][i][j];
            }
            String code = compiled.codes[j];
            out.put(code, Progress.of(years, series, framework.hierarchy().node(code).direction(),
                    framework.info(code).target(), progress.base(), progress.targetYear()));
        }
        return out;
    }

    /** Null unless the profile asked for an uncertainty analysis. */
    public Uncertainty uncertainty() {
        return uncertainty;
    }

    /** The units with a root score in a period, best first. */
    public List<String> ranking(String period) {
        int t = period(period);
        double[] root = scores[t][compiled.root];
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < root.length; i++) {
            if (!Double.isNaN(root[i])) {
                order.add(i);
            }
        }
        order.sort((a, b) -> Double.compare(root[b], root[a]));
        return order.stream().map(panel.units()::get).toList();
    }

    private int unit(String unit) {
        Integer i = unitIndex.get(unit);
        if (i == null) {
            throw new IllegalArgumentException("no unit " + unit + " in the panel");
        }
        return i;
    }

    private int period(String period) {
        Integer t = periodIndex.get(period);
        if (t == null) {
            throw new IllegalArgumentException("no period " + period + " in the panel (periods: " + panel.periods() + ")");
        }
        return t;
    }

    private int node(String node) {
        Integer k = compiled.index.get(node);
        if (k == null) {
            throw new IllegalArgumentException("no node " + node + " in the framework");
        }
        return k;
    }
}

package org.nqpf.roadmap.planning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nqpf.contracts.AssessmentComputed;
import org.nqpf.contracts.AssessmentComputed.DimensionScore;
import org.nqpf.contracts.AssessmentComputed.IndicatorScore;
import org.nqpf.contracts.AssessmentComputed.SubsystemScore;
import org.nqpf.contracts.Subsystem;
import org.nqpf.engine.frontier.Dea;
import org.nqpf.engine.whatif.CohortProjection;

/**
 * One cohort-period as the planner reads it, built once and shared by every member's plan: the members' indicator
 * values as matrices, each indicator's direction, the engine's what-if over the cohort and the efficiency frontier.
 */
final class Cohort {

    static final List<String> SIDES = List.of(Subsystem.AI.name(), Subsystem.NQPF.name());

    final List<AssessmentComputed> members;
    final String[] ids;
    final Map<String, Integer> index = new HashMap<>();
    final List<String> codes;
    final Map<String, Integer> column = new HashMap<>();
    final String[] dimensionOf;
    final String[] sideOf;
    final int[] direction;
    final double[][] raw;
    final double[][] normalised;
    final double[][] obstacle;
    final List<String> dimensions;
    final CohortProjection projection;
    final FrontierRun frontier;

    /** The frontier as run for the cohort: its variables, its results, or why there is none. */
    record FrontierRun(String model, String orientation, List<String> inputs, List<String> outputs,
            Dea.Result[] results, double[][] inputValues, double[][] outputValues, String note) {
    }

    Cohort(List<AssessmentComputed> members, PlanningProfile.FrontierSpec spec) {
        this.members = members;
        int n = members.size();
        ids = new String[n];
        // The indicators and dimensions the cohort reports, in the order the first members list them.
        Map<String, IndicatorScore> first = new LinkedHashMap<>();
        List<String> dims = new ArrayList<>();
        for (int u = 0; u < n; u++) {
            AssessmentComputed a = members.get(u);
            ids[u] = a.entityId();
            index.put(a.entityId(), u);
            for (IndicatorScore i : nullSafe(a.indicators())) {
                first.putIfAbsent(i.indicator(), i);
            }
            for (DimensionScore d : nullSafe(a.dimensions())) {
                if (!dims.contains(d.dimension().name())) {
                    dims.add(d.dimension().name());
                }
            }
        }
        dimensions = List.copyOf(dims);
        codes = List.copyOf(first.keySet());
        int m = codes.size();
        dimensionOf = new String[m];
        sideOf = new String[m];
        for (int j = 0; j < m; j++) {
            IndicatorScore i = first.get(codes.get(j));
            column.put(codes.get(j), j);
            dimensionOf[j] = i.dimension() == null ? null : i.dimension().name();
            sideOf[j] = i.subsystem() == null ? null : i.subsystem().name();
        }
        raw = nan(n, m);
        normalised = nan(n, m);
        obstacle = nan(n, m);
        double[][] shares = nan(n, m);
        double[] overall = new double[n];
        double[][] dimScores = nan(n, dimensions.size());
        double[][] sideScores = nan(n, SIDES.size());
        double[] d = new double[n];
        for (int u = 0; u < n; u++) {
            AssessmentComputed a = members.get(u);
            overall[u] = a.overallScore();
            d[u] = a.coupling() == null ? Double.NaN : a.coupling().d();
            for (IndicatorScore i : nullSafe(a.indicators())) {
                Integer j = column.get(i.indicator());
                raw[u][j] = i.value() == null ? Double.NaN : i.value();
                normalised[u][j] = i.normalised() == null ? Double.NaN : i.normalised();
                obstacle[u][j] = i.obstacle();
                shares[u][j] = i.weight();
            }
            for (DimensionScore ds : nullSafe(a.dimensions())) {
                dimScores[u][dimensions.indexOf(ds.dimension().name())] = ds.score();
            }
            for (SubsystemScore s : nullSafe(a.subsystems())) {
                sideScores[u][SIDES.indexOf(s.subsystem().name())] = s.score();
            }
        }
        direction = new int[m];
        for (int j = 0; j < m; j++) {
            direction[j] = direction(j);
        }
        int[] groupOf = new int[m];
        int[] sideIndex = new int[m];
        for (int j = 0; j < m; j++) {
            groupOf[j] = dimensionOf[j] == null ? -1 : dimensions.indexOf(dimensionOf[j]);
            sideIndex[j] = sideOf[j] == null ? -1 : SIDES.indexOf(sideOf[j]);
        }
        projection = new CohortProjection(dimensions, SIDES, groupOf, sideIndex, raw, normalised, shares, overall,
                dimScores, sideScores, d, 100);
        frontier = frontier(spec, shares, sideScores);
    }

    /**
     * The indicator's direction, read off the assessment: +1 when the member with the highest raw value is
     * normalised at least as high as the one with the lowest.
     */
    private int direction(int j) {
        int low = -1;
        int high = -1;
        for (int u = 0; u < ids.length; u++) {
            if (Double.isNaN(raw[u][j]) || Double.isNaN(normalised[u][j])) {
                continue;
            }
            if (low < 0 || raw[u][j] < raw[low][j]) {
                low = u;
            }
            if (high < 0 || raw[u][j] > raw[high][j]) {
                high = u;
            }
        }
        if (low < 0 || raw[low][j] == raw[high][j]) {
            return 1;
        }
        return normalised[high][j] >= normalised[low][j] ? 1 : -1;
    }

    private final Map<Double, int[]> quantilePeers = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Per indicator, the member at the cohort's quantile of its normalised values, by nearest rank (the lowest-placed
     * member with at least that share of the cohort at or below it; ties by entity id), or -1 when none has a value.
     * The same for every member, so computed once per quantile.
     */
    int[] quantilePeers(double quantile) {
        return quantilePeers.computeIfAbsent(quantile, q -> {
            int[] out = new int[codes.size()];
            for (int j = 0; j < out.length; j++) {
                final int col = j;
                List<Integer> order = new ArrayList<>();
                for (int u = 0; u < size(); u++) {
                    if (!Double.isNaN(normalised[u][j]) && !Double.isNaN(raw[u][j])) {
                        order.add(u);
                    }
                }
                if (order.isEmpty()) {
                    out[j] = -1;
                    continue;
                }
                order.sort(java.util.Comparator.comparingDouble((Integer u) -> normalised[u][col])
                        .thenComparing(u -> ids[u]));
                int k = (int) Math.ceil(q * order.size()) - 1;
                out[j] = order.get(Math.max(0, Math.min(order.size() - 1, k)));
            }
            return out;
        });
    }

    int size() {
        return ids.length;
    }

    /** The usual rule of thumb for DEA: at least max(m·s, 3(m+s)) units for m inputs and s outputs. */
    static int unitsNeeded(int inputs, int outputs) {
        return Math.max(inputs * outputs, 3 * (inputs + outputs));
    }

    private FrontierRun frontier(PlanningProfile.FrontierSpec spec, double[][] shares, double[][] sideScores) {
        String model = spec == null || spec.model() == null ? "BCC" : spec.model();
        String orientation = spec == null || spec.orientation() == null ? "OUTPUT" : spec.orientation();
        List<String> inputs;
        List<String> outputs;
        String note = null;
        boolean configured = spec != null && spec.inputs() != null && spec.outputs() != null;
        if (configured) {
            inputs = spec.inputs();
            outputs = spec.outputs();
            if (size() < unitsNeeded(inputs.size(), outputs.size())) {
                note = String.format(java.util.Locale.ROOT,
                        "%d entities for %d inputs and %d outputs, fewer than the max(m·s, 3(m+s)) = %d the usual "
                                + "rule asks for: many will look efficient", size(), inputs.size(), outputs.size(),
                        unitsNeeded(inputs.size(), outputs.size()));
            }
        }
        else {
            // The paper's two sides: the AI side of each dimension as inputs, its NQPF side as outputs; the two
            // subsystem scores when the cohort is too small for eight variables.
            inputs = dimensions.stream().map(dim -> dim + "/" + Subsystem.AI.name()).toList();
            outputs = dimensions.stream().map(dim -> dim + "/" + Subsystem.NQPF.name()).toList();
            if (dimensions.isEmpty() || size() < unitsNeeded(inputs.size(), outputs.size())) {
                int needed = unitsNeeded(inputs.size(), outputs.size());
                inputs = List.of(Subsystem.AI.name());
                outputs = List.of(Subsystem.NQPF.name());
                note = String.format(java.util.Locale.ROOT,
                        "the AI and NQPF subsystem scores rather than their %d per-dimension scores: %d entities are "
                                + "fewer than the %d the rule max(m·s, 3(m+s)) asks for", 2 * dimensions.size(),
                        size(), needed);
                if (size() < unitsNeeded(1, 1)) {
                    return new FrontierRun(model, orientation, inputs, outputs, null, null, null, String.format(
                            java.util.Locale.ROOT, "no frontier: %d entities, fewer than the %d even one input and "
                                    + "one output need", size(), unitsNeeded(1, 1)));
                }
            }
        }
        double[][] x = new double[size()][];
        double[][] y = new double[size()][];
        for (int u = 0; u < size(); u++) {
            x[u] = variables(u, inputs, shares, sideScores);
            y[u] = variables(u, outputs, shares, sideScores);
        }
        try {
            Dea.Result[] results = new Dea(Dea.Model.valueOf(model), Dea.Orientation.valueOf(orientation))
                    .evaluate(x, y);
            return new FrontierRun(model, orientation, inputs, outputs, results, x, y, note);
        }
        catch (IllegalArgumentException e) {
            return new FrontierRun(model, orientation, inputs, outputs, null, null, null,
                    "no frontier: " + e.getMessage());
        }
    }

    /** A frontier variable's value: "DIMENSION/SIDE", a side, or an indicator's raw value; NaN when missing. */
    private double[] variables(int u, List<String> names, double[][] shares, double[][] sideScores) {
        double[] out = new double[names.size()];
        for (int k = 0; k < out.length; k++) {
            String name = names.get(k);
            int slash = name.indexOf('/');
            if (slash > 0) {
                out[k] = sideOfDimension(u, name.substring(0, slash), name.substring(slash + 1), shares);
            }
            else if (SIDES.contains(name)) {
                out[k] = sideScores[u][SIDES.indexOf(name)];
            }
            else {
                Integer j = column.get(name);
                out[k] = j == null ? Double.NaN : raw[u][j];
            }
            if (out[k] < 0) {
                out[k] = Double.NaN; // DEA takes non-negative data only
            }
        }
        return out;
    }

    /** One side's score within one dimension: its indicators' normalised values, weighted by their shares. */
    private double sideOfDimension(int u, String dimension, String side, double[][] shares) {
        double sum = 0;
        double weight = 0;
        for (int j = 0; j < codes.size(); j++) {
            if (dimension.equals(dimensionOf[j]) && side.equals(sideOf[j]) && !Double.isNaN(normalised[u][j])
                    && !Double.isNaN(shares[u][j])) {
                sum += shares[u][j] * normalised[u][j];
                weight += shares[u][j];
            }
        }
        return weight > 0 ? sum / weight : Double.NaN;
    }

    private static double[][] nan(int n, int m) {
        double[][] out = new double[n][m];
        for (double[] row : out) {
            Arrays.fill(row, Double.NaN);
        }
        return out;
    }

    static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }
}

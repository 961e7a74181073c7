package org.nqpf.engine;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A composite indicator built the OECD/JRC way: normalise each indicator, weight, aggregate up the hierarchy level
 * by level. Each step is a strategy, so methods can be swapped and compared (sensitivity analysis).
 */
public final class CompositeIndicator {

    private final Hierarchy hierarchy;
    private final Normalisation normalisation;
    private final Weighting weighting;
    private final Aggregation aggregation;

    public CompositeIndicator(Hierarchy hierarchy, Normalisation normalisation, Weighting weighting,
            Aggregation aggregation) {
        this.hierarchy = Objects.requireNonNull(hierarchy);
        this.normalisation = Objects.requireNonNull(normalisation);
        this.weighting = Objects.requireNonNull(weighting);
        this.aggregation = Objects.requireNonNull(aggregation);
    }

    public Hierarchy hierarchy() {
        return hierarchy;
    }

    public Normalisation normalisation() {
        return normalisation;
    }

    public Aggregation aggregation() {
        return aggregation;
    }

    /** The method, stable text: equal methods describe the same computation. */
    public String describe() {
        return "normalisation=" + normalisation.describe() + ";weighting=" + weighting.describe() + ";aggregation="
                + aggregation.describe();
    }

    /**
     * @param raw values of the hierarchy's indicators; an indicator without a column is missing for every unit,
     *            a column that is no indicator of the hierarchy is an error
     */
    public CompositeResult compute(IndicatorTable raw) {
        for (String column : raw.indicators()) {
            if (!hierarchy.contains(column) || !hierarchy.node(column).indicator()) {
                throw new IllegalArgumentException("column " + column + " is no indicator of the hierarchy");
            }
        }
        List<String> indicators = hierarchy.indicators();
        List<String> units = raw.units();
        double[][] normalised = new double[units.size()][indicators.size()];
        Map<String, double[]> scores = new HashMap<>();
        for (int j = 0; j < indicators.size(); j++) {
            String code = indicators.get(j);
            double[] column;
            if (raw.hasIndicator(code)) {
                column = normalisation.normalise(raw.column(code), hierarchy.node(code).direction());
            }
            else {
                column = new double[units.size()];
                java.util.Arrays.fill(column, Double.NaN);
            }
            scores.put(code, column);
            for (int i = 0; i < units.size(); i++) {
                normalised[i][j] = column[i];
            }
        }
        IndicatorTable normalisedTable = IndicatorTable.of(units, indicators, normalised);
        Map<String, Double> weights = weighting.weights(hierarchy, normalisedTable);
        for (String aggregate : hierarchy.aggregatesBottomUp()) {
            List<String> children = hierarchy.children(aggregate);
            double[] w = new double[children.size()];
            for (int k = 0; k < w.length; k++) {
                w[k] = weights.getOrDefault(children.get(k), 0.0);
            }
            double[] out = new double[units.size()];
            double[] values = new double[children.size()];
            for (int i = 0; i < units.size(); i++) {
                for (int k = 0; k < values.length; k++) {
                    values[k] = scores.get(children.get(k))[i];
                }
                out[i] = aggregation.aggregate(values, w);
            }
            scores.put(aggregate, out);
        }
        return new CompositeResult(hierarchy, raw, normalisedTable, weights, scores);
    }
}

package org.nqpf.engine;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Weights from AHP pairwise comparisons, one matrix per aggregate over its children. Aggregates without a matrix
 * keep the weights of the fallback scheme (by default the framework's). The consistency of each matrix is reported by
 * {@link #consistency()}.
 */
public final class AhpWeights implements Weighting {

    /** A pairwise comparison of an aggregate's children, in {@code order}: {@code matrix[i][j]} = how much more i matters than j. */
    public record Comparison(List<String> order, double[][] matrix) {
    }

    private final Map<String, Comparison> comparisons;
    private final Weighting fallback;
    private final Map<String, Ahp.Result> consistency = new LinkedHashMap<>();

    public AhpWeights(Map<String, Comparison> comparisons, Weighting fallback) {
        this.comparisons = new LinkedHashMap<>(comparisons);
        this.fallback = fallback;
        this.comparisons.forEach((aggregate, c) -> {
            try {
                consistency.put(aggregate, Ahp.of(c.matrix()));
            }
            catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("AHP matrix of " + aggregate + ": " + e.getMessage(), e);
            }
        });
    }

    /** Aggregate → eigenvector result with CI and CR. */
    public Map<String, Ahp.Result> consistency() {
        return Map.copyOf(consistency);
    }

    @Override
    public Map<String, Double> weights(Hierarchy hierarchy, IndicatorTable normalised) {
        return apply(hierarchy, fallback.weights(hierarchy, normalised));
    }

    @Override
    public Map<String, Double> weights(Hierarchy hierarchy, double[][] normalised, double[][] raw) {
        return apply(hierarchy, fallback.weights(hierarchy, normalised, raw));
    }

    private Map<String, Double> apply(Hierarchy hierarchy, Map<String, Double> base) {
        Map<String, Double> weights = new LinkedHashMap<>(base);
        comparisons.forEach((aggregate, c) -> {
            List<String> children = hierarchy.children(aggregate);
            Set<String> named = new HashSet<>(c.order());
            if (named.size() != c.order().size() || !named.equals(new HashSet<>(children))) {
                throw new IllegalArgumentException("AHP matrix of " + aggregate + " names " + c.order()
                        + " but its children are " + children);
            }
            double[] w = consistency.get(aggregate).weights();
            for (int k = 0; k < w.length; k++) {
                weights.put(c.order().get(k), w[k]);
            }
        });
        return weights;
    }

    @Override
    public String describe() {
        return "ahp[" + String.join(",", comparisons.keySet()) + "]+" + fallback.describe();
    }
}

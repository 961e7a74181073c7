package org.nqpf.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Scores of every node of the hierarchy for every unit, with what explains them. */
public final class CompositeResult {

    private final Hierarchy hierarchy;
    private final IndicatorTable raw;
    private final IndicatorTable normalised;
    private final Map<String, Double> weights;
    private final Map<String, double[]> scores;

    CompositeResult(Hierarchy hierarchy, IndicatorTable raw, IndicatorTable normalised, Map<String, Double> weights,
            Map<String, double[]> scores) {
        this.hierarchy = hierarchy;
        this.raw = raw;
        this.normalised = normalised;
        this.weights = Map.copyOf(weights);
        this.scores = scores;
    }

    public Hierarchy hierarchy() {
        return hierarchy;
    }

    public List<String> units() {
        return raw.units();
    }

    public IndicatorTable raw() {
        return raw;
    }

    /** The normalised values of every indicator of the hierarchy. */
    public IndicatorTable normalised() {
        return normalised;
    }

    /** A node's weight among its siblings, before re-scaling. */
    public double weight(String node) {
        return weights.getOrDefault(node, 0.0);
    }

    /** A node's score for every unit, in unit order (for an indicator: its normalised values). */
    public double[] scores(String node) {
        double[] s = scores.get(node);
        if (s == null) {
            throw new IllegalArgumentException("no node " + node + " in the hierarchy");
        }
        return s.clone();
    }

    public double score(String unit, String node) {
        return scores(node)[raw.unitIndex(unit)];
    }

    /** Ranks of the units on a node's score: 1 is best, ties share the best rank. */
    public int[] ranks(String node) {
        return Ranks.descending(scores(node));
    }

    /**
     * Each indicator's share of {@code ancestor}'s score for this unit: the product of the re-scaled weights along
     * the path (weights re-scaled over the children the unit has, as aggregation does). Indicators the unit lacks,
     * or that are not under {@code ancestor}, get 0. For a unit with a score the shares sum to 1.
     */
    public Map<String, Double> effectiveWeights(String unit, String ancestor) {
        int i = raw.unitIndex(unit);
        Map<String, Double> result = new LinkedHashMap<>();
        for (String indicator : hierarchy.indicators()) {
            double share = Double.isNaN(scores.get(indicator)[i]) ? 0 : 1;
            String node = indicator;
            boolean under = indicator.equals(ancestor);
            while (share > 0 && !under) {
                String parent = hierarchy.node(node).parent();
                if (parent == null) {
                    share = 0;
                    break;
                }
                double present = 0;
                for (String sibling : hierarchy.children(parent)) {
                    if (!Double.isNaN(scores.get(sibling)[i])) {
                        present += weight(sibling);
                    }
                }
                share = present == 0 ? 0 : share * weight(node) / present;
                node = parent;
                under = node.equals(ancestor);
            }
            result.put(indicator, under ? share : 0.0);
        }
        return result;
    }

    /**
     * Each indicator's contribution to the root score, in score points: effective weight × normalised value.
     * With an {@linkplain Aggregation#additive() additive} aggregation they sum to the unit's root score.
     */
    public Map<String, Double> contributions(String unit) {
        Map<String, Double> weightsOfUnit = effectiveWeights(unit, hierarchy.root());
        Map<String, Double> result = new LinkedHashMap<>();
        weightsOfUnit.forEach((indicator, w) -> {
            double x = normalised.value(unit, indicator);
            result.put(indicator, w == 0 || Double.isNaN(x) ? 0.0 : w * x);
        });
        return result;
    }
}

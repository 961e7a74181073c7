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
 * <p>
 * {@link #overDataPresent} is for hierarchies built from the data at hand (a cohort may lack an indicator or a whole
 * dimension): a child with no data drops out with its row and column, and the priorities come from the rest of the
 * judgements. A child the matrix does not name is still an error: nothing says what it should weigh.
 */
public final class AhpWeights implements Weighting {

    /** A pairwise comparison of an aggregate's children, in {@code order}: {@code matrix[i][j]} = how much more i matters than j. */
    public record Comparison(List<String> order, double[][] matrix) {
    }

    private final Map<String, Comparison> comparisons;
    private final Weighting fallback;
    private final boolean dataPresentOnly;
    private final Map<String, Ahp.Result> consistency = new LinkedHashMap<>();

    /** Every matrix must name exactly its aggregate's children. */
    public AhpWeights(Map<String, Comparison> comparisons, Weighting fallback) {
        this(comparisons, fallback, false);
    }

    /** Matrices may name children the data lacks (and aggregates it lacks); those drop out. */
    public static AhpWeights overDataPresent(Map<String, Comparison> comparisons, Weighting fallback) {
        return new AhpWeights(comparisons, fallback, true);
    }

    private AhpWeights(Map<String, Comparison> comparisons, Weighting fallback, boolean dataPresentOnly) {
        this.comparisons = new LinkedHashMap<>(comparisons);
        this.fallback = fallback;
        this.dataPresentOnly = dataPresentOnly;
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
            if (dataPresentOnly && !hierarchy.nodes().containsKey(aggregate)) {
                return;
            }
            List<String> children = hierarchy.children(aggregate);
            Set<String> named = new HashSet<>(c.order());
            boolean covered = dataPresentOnly ? named.containsAll(children) : named.equals(new HashSet<>(children));
            if (named.size() != c.order().size() || !covered) {
                List<String> unnamed = children.stream().filter(child -> !named.contains(child)).toList();
                throw new IllegalArgumentException("AHP matrix of " + aggregate + " names " + c.order()
                        + " but its children are " + children + (unnamed.isEmpty() ? "" : "; not named: " + unnamed));
            }
            List<String> order = c.order().stream().filter(children::contains).toList();
            double[] w = order.size() == c.order().size() ? consistency.get(aggregate).weights()
                    : Ahp.of(subMatrix(c, order)).weights();
            for (int k = 0; k < w.length; k++) {
                weights.put(order.get(k), w[k]);
            }
        });
        return weights;
    }

    /** The judgements among {@code kept}, in its order. */
    private static double[][] subMatrix(Comparison c, List<String> kept) {
        int[] at = kept.stream().mapToInt(c.order()::indexOf).toArray();
        double[][] a = new double[at.length][at.length];
        for (int i = 0; i < at.length; i++) {
            for (int j = 0; j < at.length; j++) {
                a[i][j] = c.matrix()[at[i]][at[j]];
            }
        }
        return a;
    }

    @Override
    public String describe() {
        return "ahp[" + String.join(",", comparisons.keySet()) + "]+" + fallback.describe();
    }
}

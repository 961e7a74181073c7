package org.nqpf.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses each node's weight among its siblings. Weights need not sum to one: aggregation re-scales them over the
 * children a unit actually has. Data-driven schemes (entropy, CRITIC) receive the data as matrices.
 * <p>
 * Implementations: {@link EqualWeights}, {@link GivenWeights}, {@link EntropyWeights}, {@link CriticWeights},
 * {@link AhpWeights}, {@link CombinedWeights}.
 */
public interface Weighting {

    /** A weight for every node of the hierarchy except the root. */
    Map<String, Double> weights(Hierarchy hierarchy, IndicatorTable normalised);

    /**
     * The same from matrices, rows = observations (units, or unit-periods of a panel), columns = the hierarchy's
     * indicators in {@link Hierarchy#indicators()} order, NaN for missing. Data-driven schemes override this so a
     * large panel is not copied into a table.
     *
     * @param raw the values before normalisation (for entropy on raw data, as some published work does)
     */
    default Map<String, Double> weights(Hierarchy hierarchy, double[][] normalised, double[][] raw) {
        List<String> rows = new ArrayList<>(normalised.length);
        for (int i = 0; i < normalised.length; i++) {
            rows.add("#" + i);
        }
        return weights(hierarchy, IndicatorTable.of(rows, hierarchy.indicators(), normalised));
    }

    String describe();

    /** Every sibling weighs the same. */
    static Weighting equal() {
        return EqualWeights.INSTANCE;
    }

    /** The weights the framework (the hierarchy's metadata) gives. */
    static Weighting given() {
        return GivenWeights.INSTANCE;
    }

    /**
     * Hierarchy weights from one weight per indicator (the objective schemes' output): an indicator keeps its weight,
     * an aggregate gets the sum of its indicators', so each indicator's share of the root equals its weight (the
     * Chinese literature's entropy/CRITIC composite) while the hierarchy still gives the dimension scores.
     */
    static Map<String, Double> fromIndicatorWeights(Hierarchy hierarchy, double[] indicatorWeights) {
        List<String> indicators = hierarchy.indicators();
        Map<String, Double> weights = new LinkedHashMap<>();
        for (String code : hierarchy.nodes().keySet()) {
            if (!code.equals(hierarchy.root())) {
                weights.put(code, 0.0);
            }
        }
        for (int j = 0; j < indicators.size(); j++) {
            String node = indicators.get(j);
            while (!node.equals(hierarchy.root())) {
                weights.merge(node, indicatorWeights[j], Double::sum);
                node = hierarchy.node(node).parent();
            }
        }
        return weights;
    }

    /** The rows of a table as a matrix, columns in the hierarchy's indicator order (missing columns all NaN). */
    static double[][] matrix(Hierarchy hierarchy, IndicatorTable table) {
        List<String> indicators = hierarchy.indicators();
        double[][] m = new double[table.units().size()][indicators.size()];
        for (int j = 0; j < indicators.size(); j++) {
            double[] column = table.hasIndicator(indicators.get(j)) ? table.column(indicators.get(j)) : null;
            for (int i = 0; i < m.length; i++) {
                m[i][j] = column == null ? Double.NaN : column[i];
            }
        }
        return m;
    }
}

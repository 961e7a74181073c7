package org.nqpf.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/** The weights declared on the hierarchy's nodes, i.e. by the framework or an expert panel. */
public final class GivenWeights implements Weighting {

    static final GivenWeights INSTANCE = new GivenWeights();

    private GivenWeights() {
    }

    @Override
    public Map<String, Double> weights(Hierarchy hierarchy, IndicatorTable normalised) {
        Map<String, Double> weights = new LinkedHashMap<>();
        hierarchy.nodes().values().stream().filter(node -> !node.code().equals(hierarchy.root()))
                .forEach(node -> weights.put(node.code(), node.weight()));
        return weights;
    }

    /** The data play no part: a panel's rows are not copied into a table (60,000 rows in ./nqpf bench assess). */
    @Override
    public Map<String, Double> weights(Hierarchy hierarchy, double[][] normalised, double[][] raw) {
        return weights(hierarchy, (IndicatorTable) null);
    }

    @Override
    public String describe() {
        return "given";
    }
}

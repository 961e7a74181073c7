package org.nqpf.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/** Equal weights among siblings: the default when nothing justifies another choice (OECD/JRC Handbook). */
public final class EqualWeights implements Weighting {

    static final EqualWeights INSTANCE = new EqualWeights();

    private EqualWeights() {
    }

    @Override
    public Map<String, Double> weights(Hierarchy hierarchy, IndicatorTable normalised) {
        Map<String, Double> weights = new LinkedHashMap<>();
        hierarchy.nodes().keySet().stream().filter(code -> !code.equals(hierarchy.root()))
                .forEach(code -> weights.put(code, 1.0));
        return weights;
    }

    /** The data play no part: a panel's rows are not copied into a table (60,000 rows in ./nqpf bench assess). */
    @Override
    public Map<String, Double> weights(Hierarchy hierarchy, double[][] normalised, double[][] raw) {
        return weights(hierarchy, (IndicatorTable) null);
    }

    @Override
    public String describe() {
        return "equal";
    }
}

package org.nqpf.engine;

import java.util.Map;

/**
 * Chooses each node's weight among its siblings. Weights need not sum to one: aggregation re-scales them over the
 * children a unit actually has. Data-driven schemes receive the normalised table.
 * <p>
 * Implementations to come: entropy, CRITIC, AHP.
 */
public interface Weighting {

    /** A weight for every node of the hierarchy except the root. */
    Map<String, Double> weights(Hierarchy hierarchy, IndicatorTable normalised);

    String describe();

    /** Every sibling weighs the same. */
    static Weighting equal() {
        return EqualWeights.INSTANCE;
    }

    /** The weights the framework (the hierarchy's metadata) gives. */
    static Weighting given() {
        return GivenWeights.INSTANCE;
    }
}

package org.nqpf.roadmap.planning;

import java.util.List;

/**
 * Plans one entity's roadmap from its assessment and its cohort's: pure and deterministic, the same input gives the
 * same plan.
 */
public final class Planner {

    /**
     * @throws Unplannable when no roadmap can be planned from the input, whatever is retried
     */
    public Plan plan(PlanningInput input) {
        throw new UnsupportedOperationException("being written");
    }

    /**
     * What a chosen set of the library's actions would achieve for the entity, by phase and as a whole.
     *
     * @throws IllegalArgumentException naming an action code the library version does not hold
     */
    public Plan.Projections whatIf(PlanningInput input, List<String> actionCodes) {
        throw new UnsupportedOperationException("being written");
    }

    /**
     * What makes two plans the same: the period, the actions (code, order, phase) and the targets (indicator,
     * strategy, value), not the sentences or the projected numbers.
     */
    public static String digest(Plan plan) {
        throw new UnsupportedOperationException("being written");
    }
}

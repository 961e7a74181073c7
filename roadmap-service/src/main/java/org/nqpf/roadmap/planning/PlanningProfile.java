package org.nqpf.roadmap.planning;

import java.util.List;

/**
 * How roadmaps of one framework are planned: how candidate actions are ranked, how targets are set and which
 * frontier the entity is measured against. The roadmap's part of the framework's method profile.
 *
 * @param version        0 for the built-in default
 * @param weights        the parts of an action's rank
 * @param targetStrategy which strategy sets each indicator's target: {@code QUANTILE}, {@code NEAREST_PEERS} or
 *                       {@code FRONTIER} (the others are shown beside it)
 * @param quantile       the cohort quantile a QUANTILE target reaches (0.75: the upper quartile)
 * @param nearestPeers   k, the number of most similar better peers a NEAREST_PEERS target averages
 * @param maxTargets     weak indicators given a target, largest obstacle first
 * @param maxActions     actions chosen by rank, before the prerequisites they need are added
 * @param frontier       the DEA model; null inputs/outputs: the AI side of each dimension as inputs and its NQPF side
 *                       as outputs, reduced to the two subsystem scores when the cohort is too small for eight
 */
public record PlanningProfile(int version, Weights weights, String targetStrategy, double quantile, int nearestPeers,
        int maxTargets, int maxActions, FrontierSpec frontier) {

    public static final String QUANTILE = "QUANTILE";
    public static final String NEAREST_PEERS = "NEAREST_PEERS";
    public static final String FRONTIER = "FRONTIER";
    public static final List<String> STRATEGIES = List.of(QUANTILE, NEAREST_PEERS, FRONTIER);

    /**
     * Weights of an action's expected impact, its urgency and its feasibility in its rank; each part is on [0, 1].
     */
    public record Weights(double impact, double urgency, double feasibility) {
    }

    /**
     * @param model       {@code CCR} or {@code BCC}
     * @param orientation {@code INPUT} or {@code OUTPUT}
     * @param inputs      aggregate codes as "DIMENSION/SIDE" (e.g. {@code LABORERS/AI}), a side ({@code AI}) or an
     *                    indicator code; null for the default
     * @param outputs     as inputs
     */
    public record FrontierSpec(String model, String orientation, List<String> inputs, List<String> outputs) {
    }

    public static PlanningProfile defaults() {
        return new PlanningProfile(0, new Weights(0.5, 0.3, 0.2), NEAREST_PEERS, 0.75, 3, 8, 12,
                new FrontierSpec("BCC", "OUTPUT", null, null));
    }
}

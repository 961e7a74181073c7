package org.nqpf.roadmap.planning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.nqpf.engine.frontier.Dea;

/**
 * Targets for one entity's weak indicators, each from peers that already got there: the cohort's quantile, the
 * nearest better peers on the normalised profile, and the efficiency frontier's composite of reference peers.
 */
final class Targets {

    /** A strategy's target for one indicator with the peers behind it; null target when it has none to offer. */
    record Proposal(String strategy, Double target, List<Plan.Peer> peers, String note) {
    }

    private final Cohort cohort;
    private final int unit;
    private final String period;
    private final PlanningProfile profile;
    private double[] distance;

    Targets(Cohort cohort, int unit, String period, PlanningProfile profile) {
        this.cohort = cohort;
        this.unit = unit;
        this.period = period;
        this.profile = profile;
    }

    /**
     * The weak indicators: below the cohort's chosen quantile on their normalised value, largest obstacle degree
     * first (then lowest normalised value, then code), at most maxTargets.
     */
    List<Integer> weak() {
        List<Integer> weak = new ArrayList<>();
        for (int j = 0; j < cohort.codes.size(); j++) {
            double z = cohort.normalised[unit][j];
            if (Double.isNaN(z) || Double.isNaN(cohort.raw[unit][j])) {
                continue;
            }
            Integer peer = quantilePeer(j);
            if (peer != null && cohort.normalised[peer][j] > z) {
                weak.add(j);
            }
        }
        weak.sort(Comparator.comparingDouble((Integer j) -> -orZero(cohort.obstacle[unit][j]))
                .thenComparingDouble(j -> cohort.normalised[unit][j])
                .thenComparing(j -> cohort.codes.get(j)));
        return weak.size() > profile.maxTargets() ? List.copyOf(weak.subList(0, profile.maxTargets())) : weak;
    }

    List<Proposal> proposals(int j) {
        return List.of(quantile(j), nearestPeers(j), frontier(j));
    }

    /**
     * The member at the cohort's quantile of the indicator's normalised values, by nearest rank: the lowest-placed
     * member with at least that share of the cohort at or below it. Its raw value is the target, exactly.
     */
    private Integer quantilePeer(int j) {
        int peer = cohort.quantilePeers(profile.quantile())[j];
        return peer < 0 ? null : peer;
    }

    private Proposal quantile(int j) {
        Integer peer = quantilePeer(j);
        String strategy = PlanningProfile.QUANTILE;
        if (peer == null || cohort.normalised[peer][j] <= cohort.normalised[unit][j]) {
            return new Proposal(strategy, null, List.of(), "already at or above the cohort's quantile");
        }
        return new Proposal(strategy, cohort.raw[peer][j],
                List.of(new Plan.Peer(cohort.ids[peer], cohort.raw[peer][j], period, null, null)), null);
    }

    /**
     * The k members most similar to this one (root-mean-square distance over the indicators both have, on the
     * normalised scale) that do better on the indicator; the target is the mean of their values.
     */
    private Proposal nearestPeers(int j) {
        double[] dist = distances();
        double z = cohort.normalised[unit][j];
        // Walk the members nearest first (sorted once per entity) and keep the first k that do better.
        List<Integer> nearest = new ArrayList<>();
        for (int u : byDistance()) {
            if (nearest.size() == profile.nearestPeers()) {
                break;
            }
            if (u != unit && cohort.normalised[u][j] > z && !Double.isNaN(cohort.raw[u][j])) {
                nearest.add(u);
            }
        }
        if (nearest.isEmpty()) {
            return new Proposal(PlanningProfile.NEAREST_PEERS, null, List.of(), "no peer does better on it");
        }
        double sum = 0;
        List<Plan.Peer> peers = new ArrayList<>();
        for (int u : nearest) {
            sum += cohort.raw[u][j];
            peers.add(new Plan.Peer(cohort.ids[u], cohort.raw[u][j], period, null, Planner.round(dist[u])));
        }
        return new Proposal(PlanningProfile.NEAREST_PEERS, sum / nearest.size(), peers, null);
    }

    private int[] byDistance;

    /** The members with a distance, nearest first (ties by entity id). */
    private int[] byDistance() {
        if (byDistance == null) {
            double[] dist = distances();
            byDistance = java.util.stream.IntStream.range(0, cohort.size()).boxed()
                    .filter(u -> !Double.isNaN(dist[u]))
                    .sorted(Comparator.comparingDouble((Integer u) -> dist[u]).thenComparing(u -> cohort.ids[u]))
                    .mapToInt(Integer::intValue).toArray();
        }
        return byDistance;
    }

    private double[] distances() {
        if (distance != null) {
            return distance;
        }
        int m = cohort.codes.size();
        double[] own = cohort.normalised[unit];
        distance = new double[cohort.size()];
        for (int u = 0; u < cohort.size(); u++) {
            double[] other = cohort.normalised[u];
            double sum = 0;
            int count = 0;
            for (int k = 0; k < m; k++) {
                double diff = own[k] - other[k];
                if (!Double.isNaN(diff)) {
                    sum += diff * diff;
                    count++;
                }
            }
            distance[u] = count == 0 ? Double.NaN : Math.sqrt(sum / count);
        }
        return distance;
    }

    /**
     * The frontier's composite: the reference peers' values weighted by their λ (re-scaled to sum to 1, so the
     * composite is a point between them), when it does better than the entity.
     */
    private Proposal frontier(int j) {
        Cohort.FrontierRun run = cohort.frontier;
        String strategy = PlanningProfile.FRONTIER;
        if (run.results() == null || run.results()[unit] == null) {
            return new Proposal(strategy, null, List.of(), run.results() == null ? run.note()
                    : "the entity lacks a frontier variable");
        }
        Dea.Result r = run.results()[unit];
        if (r.peers().isEmpty() || (r.peers().size() == 1 && r.peers().containsKey(unit))) {
            return new Proposal(strategy, null, List.of(), "the entity is on the frontier");
        }
        double lambda = 0;
        double sum = 0;
        List<Plan.Peer> peers = new ArrayList<>();
        for (Map.Entry<Integer, Double> e : r.peers().entrySet()) {
            double v = cohort.raw[e.getKey()][j];
            if (Double.isNaN(v)) {
                continue;
            }
            lambda += e.getValue();
            sum += e.getValue() * v;
            peers.add(new Plan.Peer(cohort.ids[e.getKey()], v, period, Planner.round(e.getValue()), null));
        }
        if (lambda <= 0) {
            return new Proposal(strategy, null, List.of(), "its reference peers have no value for it");
        }
        double target = sum / lambda;
        double now = cohort.raw[unit][j];
        if (cohort.direction[j] * (target - now) <= 0) {
            return new Proposal(strategy, null, peers, "its reference peers do no better on it");
        }
        return new Proposal(strategy, target, peers, null);
    }

    private static double orZero(double v) {
        return Double.isNaN(v) ? 0 : v;
    }
}

package org.nqpf.engine.nqpf;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.nqpf.engine.Coupling;
import org.nqpf.engine.Hierarchy;
import org.nqpf.engine.pipeline.Framework;
import org.nqpf.engine.pipeline.PanelResult;

/**
 * The paper's model as a view of the one assessment pipeline ({@link org.nqpf.engine.pipeline.Assessor}): its
 * framework is a hierarchy with the overall score at the root, the four dimensions below it (sub-dimensions below
 * them, to any depth) and the indicators at the leaves, each tagged with its side of the two-way empowerment (AI or
 * NQPF); its results are each unit's dimensions with the cohort's leader, subsystems and their coupling
 * coordination, obstacle degrees and contributions, read off the pipeline's {@link PanelResult}. There is no second
 * engine: the service and {@code ./nqpf assess} compute the same numbers.
 */
public final class NqpfModel {

    /** The root of the hierarchy. */
    public static final String OVERALL = "OVERALL";
    /** The paper's dimensions, in its order; results list dimensions in this order. */
    public static final List<String> DIMENSIONS = List.of("LABORERS", "MEANS_OF_LABOR", "OBJECTS_OF_LABOR",
            "OPTIMIZED_COMBINATION");

    private NqpfModel() {
    }

    /**
     * The hierarchy the indicators' paths describe: OVERALL → top-level aggregates (the paper's dimensions first, in
     * its order, others after them alphabetically) → sub-aggregates → indicators, in the order given.
     *
     * @throws IllegalArgumentException when an aggregate is placed under two parents, or a code is used twice
     */
    public static Framework framework(List<NqpfIndicator> indicators) {
        Map<String, String> parentOf = new LinkedHashMap<>();
        Set<String> codes = new LinkedHashSet<>();
        for (NqpfIndicator indicator : indicators) {
            if (!codes.add(indicator.code())) {
                throw new IllegalArgumentException("indicator " + indicator.code() + " is listed twice");
            }
            String parent = OVERALL;
            for (String aggregate : indicator.path()) {
                Objects.requireNonNull(aggregate, "an aggregate of " + indicator.code() + "'s path");
                String before = parentOf.putIfAbsent(aggregate, parent);
                if (before != null && !before.equals(parent)) {
                    throw new IllegalArgumentException("aggregate " + aggregate + " is placed under " + before
                            + " and, by indicator " + indicator.code() + ", under " + parent);
                }
                parent = aggregate;
            }
        }
        for (String aggregate : parentOf.keySet()) {
            if (aggregate.equals(OVERALL) || codes.contains(aggregate)) {
                throw new IllegalArgumentException("aggregate " + aggregate + " clashes with a node of the hierarchy");
            }
        }
        Hierarchy.Builder builder = Hierarchy.builder().aggregate(OVERALL, null);
        List<String> aggregates = new ArrayList<>(parentOf.keySet());
        aggregates.sort(Comparator.comparing((String a) -> depth(a, parentOf))
                .thenComparing(a -> DIMENSIONS.contains(a) ? DIMENSIONS.indexOf(a) : DIMENSIONS.size())
                .thenComparing(Comparator.naturalOrder()));
        aggregates.forEach(a -> builder.aggregate(a, parentOf.get(a)));
        Map<String, Framework.NodeInfo> infos = new LinkedHashMap<>();
        for (NqpfIndicator indicator : indicators) {
            builder.indicator(indicator.code(), indicator.path().get(indicator.path().size() - 1),
                    indicator.direction(), indicator.weight());
            infos.put(indicator.code(), new Framework.NodeInfo(indicator.code(), indicator.subsystem(), null,
                    Double.NaN, Double.NaN, Double.NaN));
        }
        return new Framework(builder.build(), infos);
    }

    private static int depth(String aggregate, Map<String, String> parentOf) {
        int depth = 0;
        for (String a = aggregate; !a.equals(OVERALL); a = parentOf.get(a)) {
            depth++;
        }
        return depth;
    }

    /** Every unit with an overall score in {@code period}, in the panel's unit order. */
    public static List<NqpfAssessment> assessments(PanelResult r, String period) {
        Hierarchy h = r.framework().hierarchy();
        String root = h.root();
        List<String> top = h.children(root);
        // Top-down, level by level, siblings in the hierarchy's order.
        List<String> aggregates = new ArrayList<>();
        java.util.ArrayDeque<String> queue = new java.util.ArrayDeque<>(List.of(root));
        while (!queue.isEmpty()) {
            for (String child : h.children(queue.poll())) {
                if (!h.node(child).indicator()) {
                    aggregates.add(child);
                    queue.add(child);
                }
            }
        }
        List<String> units = r.units();
        // What is the same for every unit, once: scores, ranks, leaders and depth of each aggregate, each
        // indicator's dimension.
        Map<String, double[]> scores = new LinkedHashMap<>();
        Map<String, int[]> ranks = new LinkedHashMap<>();
        Map<String, Integer> leaders = new LinkedHashMap<>();
        Map<String, Integer> depth = new LinkedHashMap<>();
        for (String node : aggregates) {
            double[] s = r.scores(period, node);
            scores.put(node, s);
            ranks.put(node, r.ranks(period, node));
            depth.put(node, h.ancestors(node).size());
            int leader = -1;
            for (int i = 0; i < s.length; i++) {
                if (!Double.isNaN(s[i]) && (leader < 0 || s[i] > s[leader])) {
                    leader = i;
                }
            }
            leaders.put(node, leader);
        }
        double[] overall = r.scores(period, root);
        int[] overallRanks = r.ranks(period, root);
        int cohortSize = r.cohortSize(period);
        List<String> indicators = h.indicators();
        Map<String, String> dimensionOf = new LinkedHashMap<>();
        for (String code : indicators) {
            List<String> path = h.ancestors(code);
            dimensionOf.put(code, path.size() >= 2 ? path.get(path.size() - 2) : null);
        }
        List<NqpfAssessment> out = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            if (Double.isNaN(overall[i])) {
                continue;
            }
            String unit = units.get(i);
            Map<String, Double> indicatorObstacles = r.hasObstacles() ? r.obstacles(period, unit) : Map.of();
            Map<String, Double> aggregateObstacles = r.hasObstacles() ? r.aggregateObstacles(period, unit) : Map.of();
            List<NqpfAssessment.DimensionScore> dimensions = new ArrayList<>();
            for (String d : top) {
                double score = scores.get(d)[i];
                if (!Double.isNaN(score)) {
                    int leader = leaders.get(d);
                    dimensions.add(new NqpfAssessment.DimensionScore(d, score, ranks.get(d)[i], units.get(leader),
                            scores.get(d)[leader]));
                }
            }
            List<NqpfAssessment.AggregateScore> levels = new ArrayList<>();
            for (String a : aggregates) {
                double score = scores.get(a)[i];
                if (!Double.isNaN(score)) {
                    levels.add(new NqpfAssessment.AggregateScore(a, h.node(a).parent(), depth.get(a), score,
                            ranks.get(a)[i], aggregateObstacles.getOrDefault(a, Double.NaN)));
                }
            }
            Map<String, Double> subsystems = new LinkedHashMap<>();
            r.subsystemScores(period, unit).forEach((s, v) -> {
                if (!Double.isNaN(v)) {
                    subsystems.put(s, v);
                }
            });
            Coupling coupling = r.coupling(period, unit);
            Map<String, Double> obstacles = new LinkedHashMap<>();
            if (r.hasObstacles()) {
                top.forEach(d -> obstacles.put(d, aggregateObstacles.get(d)));
            }
            Map<String, Double> shares = r.shares(period, unit);
            Map<String, Double> contributions = r.contributions(period, unit);
            List<NqpfAssessment.IndicatorDetail> details = new ArrayList<>();
            for (String code : indicators) {
                details.add(new NqpfAssessment.IndicatorDetail(code, dimensionOf.get(code),
                        r.framework().info(code).subsystem(),
                        r.raw(period, unit, code), r.normalised(period, unit, code), shares.get(code),
                        contributions.get(code), indicatorObstacles.getOrDefault(code, Double.NaN)));
            }
            out.add(new NqpfAssessment(unit, period, overall[i], overallRanks[i], cohortSize, dimensions,
                    levels, subsystems, coupling, coupling == null ? null : r.lagging(period, unit), obstacles,
                    details));
        }
        return out;
    }
}

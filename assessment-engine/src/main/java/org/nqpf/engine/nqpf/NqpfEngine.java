package org.nqpf.engine.nqpf;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.nqpf.engine.Aggregation;
import org.nqpf.engine.ArithmeticMean;
import org.nqpf.engine.BoundedNormalisation;
import org.nqpf.engine.CompositeIndicator;
import org.nqpf.engine.CompositeResult;
import org.nqpf.engine.Coupling;
import org.nqpf.engine.CouplingCoordination;
import org.nqpf.engine.Hierarchy;
import org.nqpf.engine.IndicatorTable;
import org.nqpf.engine.MinMax;
import org.nqpf.engine.ObstacleDegree;
import org.nqpf.engine.Range;
import org.nqpf.engine.Ranks;
import org.nqpf.engine.Topsis;
import org.nqpf.engine.Weighting;

/**
 * The paper's model on the composite-indicator engine: indicators → four dimensions → overall score, the AI and
 * NQPF subsystems across them, their coupling coordination, obstacle degrees and each indicator's contribution.
 * <p>
 * A subsystem's score aggregates its own indicators with their factor contributions F_j as weights (so an
 * indicator counts in its subsystem as it counts in the overall score).
 * <p>
 * With {@link #topsis} a mean is replaced by TOPSIS closeness, as entropy-TOPSIS studies of new quality productive
 * forces report it: every aggregate's score (overall, each dimension, each subsystem) is the units' closeness to the
 * cohort's ideal over the aggregate's indicators, with their weights in the whole, mapped onto the score range.
 */
public final class NqpfEngine {

    /** The root of the hierarchy. */
    public static final String OVERALL = "OVERALL";
    /** The paper's dimensions, in its order; results list dimensions in this order. */
    public static final List<String> DIMENSIONS = List.of("LABORERS", "MEANS_OF_LABOR", "OBJECTS_OF_LABOR",
            "OPTIMIZED_COMBINATION");
    /** The subsystems of the "two-way empowerment", AI first. */
    public static final List<String> SUBSYSTEMS = List.of("AI", "NQPF");

    private final BoundedNormalisation normalisation;
    private final Weighting weighting;
    private final Aggregation aggregation;
    /** TOPSIS closeness instead of the means; {@link #aggregation} then only serves the weights and shares. */
    private final boolean closeness;

    public NqpfEngine(BoundedNormalisation normalisation, Weighting weighting, Aggregation aggregation) {
        this(normalisation, weighting, aggregation, false);
    }

    private NqpfEngine(BoundedNormalisation normalisation, Weighting weighting, Aggregation aggregation,
            boolean closeness) {
        this.normalisation = Objects.requireNonNull(normalisation);
        this.weighting = Objects.requireNonNull(weighting);
        this.aggregation = Objects.requireNonNull(aggregation);
        this.closeness = closeness;
    }

    /** TOPSIS closeness in place of means at every level. */
    public static NqpfEngine topsis(BoundedNormalisation normalisation, Weighting weighting) {
        return new NqpfEngine(normalisation, weighting, ArithmeticMean.INSTANCE, true);
    }

    /** Min-max into [0, 100], equal weights, arithmetic means: the platform's default method. */
    public static NqpfEngine standard() {
        return new NqpfEngine(MinMax.percent(), Weighting.equal(), ArithmeticMean.INSTANCE);
    }

    public BoundedNormalisation normalisation() {
        return normalisation;
    }

    public Weighting weighting() {
        return weighting;
    }

    /** How aggregates are scored: the mean's name, or {@code topsis}. */
    public String describeAggregation() {
        return closeness ? "topsis" : aggregation.describe();
    }

    /** Stable text naming the method; part of each result's input digest. */
    public String describe() {
        return "normalisation=" + normalisation.describe() + ";weighting=" + weighting.describe() + ";aggregation="
                + describeAggregation();
    }

    /**
     * Assesses every unit of {@code raw} against the others. Units without any value are left out of the result.
     *
     * @param indicators the framework's indicators; each column of {@code raw} must be one of them
     */
    public List<NqpfAssessment> assess(List<NqpfIndicator> indicators, IndicatorTable raw) {
        Map<String, NqpfIndicator> byCode = new LinkedHashMap<>();
        for (NqpfIndicator indicator : indicators) {
            if (byCode.put(indicator.code(), indicator) != null) {
                throw new IllegalArgumentException("indicator " + indicator.code() + " is listed twice");
            }
        }
        List<String> dimensions = ordered(indicators.stream().map(NqpfIndicator::dimension).toList(), DIMENSIONS);
        List<String> subsystems = ordered(indicators.stream().map(NqpfIndicator::subsystem).toList(), SUBSYSTEMS);
        Hierarchy.Builder builder = Hierarchy.builder().aggregate(OVERALL, null);
        for (String dimension : dimensions) {
            if (dimension.equals(OVERALL) || byCode.containsKey(dimension)) {
                throw new IllegalArgumentException("dimension " + dimension + " clashes with a node of the hierarchy");
            }
            builder.aggregate(dimension, OVERALL);
        }
        for (NqpfIndicator indicator : indicators) {
            builder.indicator(indicator.code(), indicator.dimension(), indicator.direction(), indicator.weight());
        }
        Hierarchy hierarchy = builder.build();
        CompositeResult result = new CompositeIndicator(hierarchy, normalisation, weighting, aggregation).compute(raw);
        Range range = normalisation.range();

        List<String> units = raw.units();
        List<String> codes = hierarchy.indicators();
        Map<String, double[]> closenessScores = closeness
                ? closenessScores(hierarchy, result, dimensions, subsystems, byCode, units) : Map.of();
        double[] overall = closeness ? closenessScores.get(OVERALL) : result.scores(OVERALL);
        int[] overallRanks = Ranks.descending(overall);
        int cohortSize = 0;
        for (double score : overall) {
            cohortSize += Double.isNaN(score) ? 0 : 1;
        }
        Map<String, double[]> dimensionScores = new LinkedHashMap<>();
        Map<String, int[]> dimensionRanks = new LinkedHashMap<>();
        Map<String, Integer> leaders = new LinkedHashMap<>();
        for (String dimension : dimensions) {
            double[] scores = closeness ? closenessScores.get(dimension) : result.scores(dimension);
            dimensionScores.put(dimension, scores);
            dimensionRanks.put(dimension, Ranks.descending(scores));
            int leader = -1;
            for (int i = 0; i < scores.length; i++) {
                if (!Double.isNaN(scores[i]) && (leader < 0 || scores[i] > scores[leader])) {
                    leader = i;
                }
            }
            leaders.put(dimension, leader);
        }

        List<NqpfAssessment> assessments = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            if (Double.isNaN(overall[i])) {
                continue;
            }
            String unit = units.get(i);
            List<NqpfAssessment.DimensionScore> dims = new ArrayList<>();
            for (String dimension : dimensions) {
                double score = dimensionScores.get(dimension)[i];
                if (!Double.isNaN(score)) {
                    int leader = leaders.get(dimension);
                    dims.add(new NqpfAssessment.DimensionScore(dimension, score, dimensionRanks.get(dimension)[i],
                            units.get(leader), dimensionScores.get(dimension)[leader]));
                }
            }

            Map<String, Double> factor = result.effectiveWeights(unit, OVERALL);
            double[] f = new double[codes.size()];
            double[] x = new double[codes.size()];
            for (int j = 0; j < codes.size(); j++) {
                f[j] = factor.get(codes.get(j));
                x[j] = range.toUnit(result.normalised().value(unit, codes.get(j)));
            }
            double[] obstacle = ObstacleDegree.of(f, x);

            Map<String, Double> subsystemScores = new LinkedHashMap<>();
            for (String subsystem : subsystems) {
                List<Integer> members = new ArrayList<>();
                for (int j = 0; j < codes.size(); j++) {
                    if (byCode.get(codes.get(j)).subsystem().equals(subsystem)) {
                        members.add(j);
                    }
                }
                double[] values = new double[members.size()];
                double[] weights = new double[members.size()];
                for (int k = 0; k < members.size(); k++) {
                    values[k] = result.normalised().value(unit, codes.get(members.get(k)));
                    weights[k] = f[members.get(k)];
                }
                double score = closeness ? closenessScores.get(subsystem)[i] : aggregation.aggregate(values, weights);
                if (!Double.isNaN(score)) {
                    subsystemScores.put(subsystem, score);
                }
            }
            Coupling coupling = null;
            String lagging = null;
            if (subsystemScores.size() >= 2) {
                List<String> present = new ArrayList<>(subsystemScores.keySet());
                double[] u = present.stream().mapToDouble(s -> range.toUnit(subsystemScores.get(s))).toArray();
                coupling = CouplingCoordination.of(u);
                int lag = CouplingCoordination.lagging(u);
                lagging = lag < 0 ? null : present.get(lag);
            }

            Map<String, Double> obstacles = new LinkedHashMap<>();
            List<NqpfAssessment.IndicatorDetail> details = new ArrayList<>();
            Map<String, Double> contributions = result.contributions(unit);
            for (String dimension : dimensions) {
                obstacles.put(dimension, 0.0);
            }
            for (int j = 0; j < codes.size(); j++) {
                NqpfIndicator indicator = byCode.get(codes.get(j));
                obstacles.merge(indicator.dimension(), obstacle[j], Double::sum);
                details.add(new NqpfAssessment.IndicatorDetail(indicator.code(), indicator.dimension(),
                        indicator.subsystem(), raw.hasIndicator(indicator.code())
                                ? raw.value(unit, indicator.code()) : Double.NaN,
                        result.normalised().value(unit, indicator.code()), f[j], contributions.get(indicator.code()),
                        obstacle[j]));
            }
            assessments.add(new NqpfAssessment(unit, overall[i], overallRanks[i], cohortSize, dims, subsystemScores,
                    coupling, lagging, obstacles, details));
        }
        return assessments;
    }

    /**
     * TOPSIS closeness of every unit for the overall score, each dimension and each subsystem, on the score range.
     * Each indicator weighs what it weighs in the whole (its share of the root, missing data aside), so a dimension's
     * closeness uses the same weights as the overall one.
     */
    private Map<String, double[]> closenessScores(Hierarchy hierarchy, CompositeResult result, List<String> dimensions,
            List<String> subsystems, Map<String, NqpfIndicator> byCode, List<String> units) {
        List<String> codes = hierarchy.indicators();
        double[] share = new double[codes.size()];
        for (int j = 0; j < share.length; j++) {
            share[j] = 1;
            for (String node = codes.get(j); !node.equals(OVERALL); node = hierarchy.node(node).parent()) {
                double siblings = 0;
                for (String sibling : hierarchy.children(hierarchy.node(node).parent())) {
                    siblings += result.weight(sibling);
                }
                share[j] *= siblings == 0 ? 0 : result.weight(node) / siblings;
            }
        }
        double[][] z = new double[units.size()][codes.size()];
        for (int j = 0; j < codes.size(); j++) {
            double[] column = result.scores(codes.get(j));
            for (int i = 0; i < z.length; i++) {
                z[i][j] = column[i];
            }
        }
        Map<String, int[]> members = new LinkedHashMap<>();
        members.put(OVERALL, columns(codes, c -> true));
        dimensions.forEach(d -> members.put(d, columns(codes, c -> byCode.get(c).dimension().equals(d))));
        subsystems.forEach(s -> members.put(s, columns(codes, c -> byCode.get(c).subsystem().equals(s))));
        Range range = normalisation.range();
        Map<String, double[]> scores = new LinkedHashMap<>();
        members.forEach((node, columns) -> {
            double[] c = Topsis.closeness(z, columns, share);
            for (int i = 0; i < c.length; i++) {
                c[i] = range.lower() + c[i] * range.width();
            }
            scores.put(node, c);
        });
        return scores;
    }

    private static int[] columns(List<String> codes, java.util.function.Predicate<String> member) {
        return java.util.stream.IntStream.range(0, codes.size()).filter(j -> member.test(codes.get(j))).toArray();
    }

    /** The codes that occur, known ones in the paper's order first, any others after them alphabetically. */
    private static List<String> ordered(List<String> codes, List<String> known) {
        Set<String> present = new LinkedHashSet<>();
        for (String code : codes) {
            present.add(Objects.requireNonNull(code, "dimension and subsystem are required"));
        }
        List<String> result = new ArrayList<>();
        for (String code : known) {
            if (present.remove(code)) {
                result.add(code);
            }
        }
        present.stream().sorted(Comparator.naturalOrder()).forEach(result::add);
        return result;
    }
}

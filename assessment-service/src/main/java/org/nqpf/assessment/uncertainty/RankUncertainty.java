package org.nqpf.assessment.uncertainty;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nqpf.assessment.profile.MethodProfiles;
import org.nqpf.assessment.recompute.CohortAssessor;
import org.nqpf.assessment.CohortPeriod;
import org.nqpf.engine.Aggregation;
import org.nqpf.engine.ArithmeticMean;
import org.nqpf.engine.BoundedNormalisation;
import org.nqpf.engine.GeometricMean;
import org.nqpf.engine.Hierarchy;
import org.nqpf.engine.IndicatorTable;
import org.nqpf.engine.MinMax;
import org.nqpf.engine.Range;
import org.nqpf.engine.RankScaling;
import org.nqpf.engine.Weighting;
import org.nqpf.engine.nqpf.NqpfAssessment;
import org.nqpf.engine.nqpf.NqpfEngine;
import org.springframework.stereotype.Service;

/**
 * How sure a rank is: Monte Carlo over the choices an analyst could defend (each of the profile's weights scaled by a
 * random factor in [1 - noise, 1 + noise], min-max or rank normalisation, arithmetic or geometric mean), giving each
 * unit's median rank and its 5-95% rank interval. Seeded, so the same question gets the same answer.
 */
@Service
public class RankUncertainty {

    public record Interval(String entityId, double medianRank, double rank5, double rank95) {
    }

    public record Result(String cohort, String period, int runs, long seed, double weightNoise, String design,
            List<Interval> units) {
    }

    private final CohortAssessor assessor;
    private final MethodProfiles profiles;

    RankUncertainty(CohortAssessor assessor, MethodProfiles profiles) {
        this.assessor = assessor;
        this.profiles = profiles;
    }

    public java.util.Optional<Result> analyse(CohortPeriod key, int runs, long seed, double noise) {
        // Around the weights the profile chose (AHP judgements, entropy ...), not around equal ones.
        Weighting weighting = profiles.current(key.frameworkCode()).engine().weighting();
        return assessor.engineInputs(key).map(in -> simulate(key, in, weighting, runs, seed, noise));
    }

    private static Result simulate(CohortPeriod key, CohortAssessor.Inputs in, Weighting weighting, int runs,
            long seed, double noise) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> units = in.table().units();
        Map<String, double[]> ranks = new HashMap<>();
        units.forEach(u -> ranks.put(u, new double[runs]));
        for (int r = 0; r < runs; r++) {
            BoundedNormalisation normalisation = random.nextBoolean() ? new MinMax(Range.PERCENT)
                    : new RankScaling(Range.PERCENT);
            Aggregation aggregation = random.nextBoolean() ? ArithmeticMean.INSTANCE : GeometricMean.INSTANCE;
            long runSeed = random.nextLong();
            NqpfEngine engine = new NqpfEngine(normalisation, perturbed(weighting, noise, runSeed), aggregation);
            List<NqpfAssessment> results = engine.assess(in.indicators(), in.table());
            for (NqpfAssessment a : results) {
                ranks.get(a.unit())[r] = a.rank();
            }
        }
        List<Interval> intervals = new ArrayList<>();
        for (String unit : units) {
            double[] sorted = ranks.get(unit).clone();
            Arrays.sort(sorted);
            intervals.add(new Interval(unit, quantile(sorted, 0.5), quantile(sorted, 0.05), quantile(sorted, 0.95)));
        }
        intervals.sort((a, b) -> Double.compare(a.medianRank(), b.medianRank()));
        return new Result(key.cohort(), key.period(), runs, seed, noise,
                "profile weights (" + weighting.describe() + ") x U[1-noise, 1+noise]; normalisation minmax|rank; "
                        + "aggregation amean|gmean", intervals);
    }

    /** The given weights, each scaled by its own random factor; the same seed gives the same factors. */
    private static Weighting perturbed(Weighting weighting, double noise, long seed) {
        return new Weighting() {
            @Override
            public Map<String, Double> weights(Hierarchy hierarchy, IndicatorTable normalised) {
                return scaled(weighting.weights(hierarchy, normalised));
            }

            @Override
            public Map<String, Double> weights(Hierarchy hierarchy, double[][] normalised, double[][] raw) {
                return scaled(weighting.weights(hierarchy, normalised, raw));
            }

            private Map<String, Double> scaled(Map<String, Double> base) {
                SplittableRandom random = new SplittableRandom(seed);
                Map<String, Double> scaled = new HashMap<>();
                base.keySet().stream().sorted().forEach(node -> scaled.put(node,
                        base.get(node) * (1 - noise + 2 * noise * random.nextDouble())));
                return scaled;
            }

            @Override
            public String describe() {
                return weighting.describe() + "*U[" + (1 - noise) + "," + (1 + noise) + "]";
            }
        };
    }

    /** Linear interpolation between order statistics (type 7, as R's default). */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}

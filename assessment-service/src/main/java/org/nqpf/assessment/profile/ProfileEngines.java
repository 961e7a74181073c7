package org.nqpf.assessment.profile;

import java.util.List;
import java.util.Map;
import org.nqpf.engine.Aggregation;
import org.nqpf.engine.Ahp;
import org.nqpf.engine.AhpWeights;
import org.nqpf.engine.ArithmeticMean;
import org.nqpf.engine.BoundedNormalisation;
import org.nqpf.engine.CombinedWeights;
import org.nqpf.engine.CriticWeights;
import org.nqpf.engine.EntropyWeights;
import org.nqpf.engine.GeometricMean;
import org.nqpf.engine.Goalposts;
import org.nqpf.engine.HarmonicMean;
import org.nqpf.engine.MinMax;
import org.nqpf.engine.RankScaling;
import org.nqpf.engine.Weighting;
import org.nqpf.engine.nqpf.NqpfEngine;
import org.nqpf.engine.profile.Profile;

/**
 * Turns a profile into the engine the service runs. The service publishes scores on a fixed range, with coupling
 * and obstacle degrees defined on it, so it takes the bounded normalisations (min-max, rank, goalposts); the analyst
 * command ({@code ./nqpf assess}) runs the others. Every weighting and aggregation the engine has is available.
 */
final class ProfileEngines {

    private ProfileEngines() {
    }

    static NqpfEngine engine(Profile p) {
        if (p.aggregate().method() == Profile.AggregateMethod.TOPSIS) {
            return NqpfEngine.topsis(normalisation(p.normalise()), weighting(p.weights()));
        }
        return new NqpfEngine(normalisation(p.normalise()), weighting(p.weights()), aggregation(p.aggregate()));
    }

    private static BoundedNormalisation normalisation(Profile.Normalise n) {
        return switch (n.method()) {
            case MINMAX -> new MinMax(n.range());
            case RANK -> new RankScaling(n.range());
            case GOALPOSTS -> new Goalposts(n.goalposts(), n.range());
            default -> throw new IllegalArgumentException("normalise.method: " + n.method().name().toLowerCase()
                    + " has no fixed range; assessments need minmax, rank or goalposts");
        };
    }

    private static Weighting weighting(Profile.Weights w) {
        return switch (w.method()) {
            // The framework gives every indicator the same weight within its dimension.
            case META, EQUAL -> Weighting.equal();
            case ENTROPY -> new EntropyWeights(w.on());
            case CRITIC -> CriticWeights.INSTANCE;
            case AHP -> ahp(w.matrices());
            case COMBINED -> {
                if (w.subjective().method() != Profile.WeightsMethod.META
                        && w.subjective().method() != Profile.WeightsMethod.EQUAL
                        && w.subjective().method() != Profile.WeightsMethod.AHP) {
                    throw new IllegalArgumentException("weights.subjective.method: " + name(w.subjective().method())
                            + " is not a subjective scheme; use equal, meta or ahp");
                }
                if (w.objective().method() != Profile.WeightsMethod.ENTROPY
                        && w.objective().method() != Profile.WeightsMethod.CRITIC) {
                    throw new IllegalArgumentException("weights.objective.method: " + name(w.objective().method())
                            + " is not an objective scheme; use entropy or critic");
                }
                yield new CombinedWeights(weighting(w.subjective()), weighting(w.objective()), w.combine(), w.alpha());
            }
        };
    }

    /**
     * AHP judgements over the framework's nodes: {@code OVERALL} compares the dimensions, a dimension compares its
     * indicators. A cohort without data for some of them is weighted on the judgements among the rest. Judgements
     * Saaty would send back for revision (CR above 0.1) are refused, so no published score rests on them.
     */
    private static Weighting ahp(Map<String, AhpWeights.Comparison> matrices) {
        matrices.forEach((aggregate, c) -> {
            String at = "weights.matrices." + aggregate;
            if (aggregate.equals(NqpfEngine.OVERALL)) {
                List<String> unknown = c.order().stream().filter(d -> !NqpfEngine.DIMENSIONS.contains(d)).toList();
                if (!unknown.isEmpty()) {
                    throw new IllegalArgumentException(at + ".order: " + unknown + " are not dimensions; "
                            + NqpfEngine.OVERALL + " compares " + NqpfEngine.DIMENSIONS);
                }
            }
            else if (!NqpfEngine.DIMENSIONS.contains(aggregate)) {
                throw new IllegalArgumentException(at + ": " + aggregate + " is neither " + NqpfEngine.OVERALL
                        + " nor a dimension " + NqpfEngine.DIMENSIONS);
            }
            Ahp.Result r;
            try {
                r = Ahp.of(c.matrix());
            }
            catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(at + ".matrix: " + e.getMessage(), e);
            }
            if (!r.consistent()) {
                throw new IllegalArgumentException(at + ".matrix: consistency ratio %.3f exceeds %.1f; revise the judgements"
                        .formatted(r.cr(), Ahp.ACCEPTABLE_CR));
            }
        });
        return AhpWeights.overDataPresent(matrices, Weighting.equal());
    }

    private static String name(Profile.WeightsMethod method) {
        return method.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static Aggregation aggregation(Profile.Aggregate a) {
        return switch (a.method()) {
            case AMEAN -> ArithmeticMean.INSTANCE;
            case GMEAN -> GeometricMean.INSTANCE;
            case HMEAN -> HarmonicMean.INSTANCE;
            case TOPSIS -> throw new IllegalStateException("TOPSIS is not a mean");
        };
    }
}

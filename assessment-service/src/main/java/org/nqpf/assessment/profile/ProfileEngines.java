package org.nqpf.assessment.profile;

import org.nqpf.engine.Aggregation;
import org.nqpf.engine.ArithmeticMean;
import org.nqpf.engine.BoundedNormalisation;
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
 * command ({@code ./nqpf assess}) runs the others.
 */
final class ProfileEngines {

    private ProfileEngines() {
    }

    static NqpfEngine engine(Profile p) {
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
            default -> throw new IllegalArgumentException("weights.method: " + w.method().name().toLowerCase()
                    + " needs pairwise matrices per framework node, which assessment profiles do not carry yet;"
                    + " use equal, meta, entropy or critic");
        };
    }

    private static Aggregation aggregation(Profile.Aggregate a) {
        return switch (a.method()) {
            case AMEAN -> ArithmeticMean.INSTANCE;
            case GMEAN -> GeometricMean.INSTANCE;
            case HMEAN -> HarmonicMean.INSTANCE;
            default -> throw new IllegalArgumentException(
                    "aggregate.method: topsis gives one closeness, not per-dimension scores; use amean, gmean or hmean");
        };
    }
}

package org.nqpf.assessment.uncertainty;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nqpf.assessment.profile.MethodProfiles;
import org.nqpf.assessment.recompute.CohortAssessor;
import org.nqpf.assessment.CohortPeriod;
import org.nqpf.engine.pipeline.Assessor;
import org.nqpf.engine.pipeline.PanelResult;
import org.nqpf.engine.profile.Profile;
import org.springframework.stereotype.Service;

/**
 * How sure a rank is: the pipeline's own Monte Carlo ({@code "uncertainty"} of a profile, as {@code ./nqpf assess}
 * runs it) around the framework's current profile: each weight the profile chose (AHP judgements, entropy ...)
 * scaled by a random factor in [1 - noise, 1 + noise], min-max or rank normalisation on the profile's range, and the
 * arithmetic mean or, where the range allows it (above zero), the geometric one; each unit's median rank and its
 * 5-95% interval. Seeded, so the same question gets the same answer.
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

    public Optional<Result> analyse(CohortPeriod key, int runs, long seed, double noise) {
        MethodProfiles.Configured configured = profiles.current(key.frameworkCode());
        Profile base = configured.profile();
        // The methods drawn from: the profile's own uncertainty section where it names them, else these.
        Profile.Uncertainty own = base.uncertainty();
        List<Profile.NormaliseMethod> normalisations = own != null && !own.normalise().isEmpty() ? own.normalise()
                : List.of(Profile.NormaliseMethod.MINMAX, Profile.NormaliseMethod.RANK);
        List<Profile.AggregateMethod> means = own != null && !own.aggregate().isEmpty() ? own.aggregate()
                : base.normalise().range().lower() > 0
                        ? List.of(Profile.AggregateMethod.AMEAN, Profile.AggregateMethod.GMEAN)
                        : List.of(Profile.AggregateMethod.AMEAN);
        Profile analysed = base.withUncertainty(new Profile.Uncertainty(runs, seed, noise, normalisations, means,
                key.period()));
        Assessor pipeline = new Assessor(analysed);
        return assessor.cohort(key, configured).filter(c -> c.panel().periods().contains(key.period())).map(c -> {
            PanelResult r = pipeline.assess(c.framework(), c.panel());
            PanelResult.Uncertainty u = r.uncertainty();
            List<Interval> intervals = new ArrayList<>();
            for (int i = 0; i < r.units().size(); i++) {
                if (!Double.isNaN(u.medianRank()[i])) {
                    intervals.add(new Interval(r.units().get(i), u.medianRank()[i], u.rank5()[i], u.rank95()[i]));
                }
            }
            intervals.sort((a, b) -> Double.compare(a.medianRank(), b.medianRank()));
            return new Result(key.cohort(), key.period(), runs, seed, noise, "profile weights ("
                    + pipeline.describeWeighting() + ") x U[1-noise, 1+noise]; normalisation " + String.join("|",
                            normalisations.stream().map(m -> m.name().toLowerCase()).toList()) + " on "
                    + base.normalise().range() + "; aggregation " + String.join("|",
                            means.stream().map(m -> m.name().toLowerCase()).toList()), intervals);
        });
    }
}

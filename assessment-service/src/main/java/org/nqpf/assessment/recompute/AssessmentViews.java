package org.nqpf.assessment.recompute;

import java.util.List;
import org.nqpf.assessment.CohortPeriod;
import org.nqpf.assessment.profile.MethodProfiles;
import org.nqpf.assessment.results.AssessmentView;
import org.nqpf.contracts.Dimension;
import org.nqpf.contracts.Subsystem;
import org.nqpf.engine.Coupling;
import org.nqpf.engine.nqpf.NqpfAssessment;
import org.nqpf.engine.pipeline.PanelResult;

/** The pipeline's result for one entity and period, as the service stores, serves and announces it. */
final class AssessmentViews {

    private AssessmentViews() {
    }

    static AssessmentView of(CohortPeriod key, int frameworkVersion, MethodProfiles.Configured configured,
            PanelResult result, NqpfAssessment a) {
        List<AssessmentView.DimensionScore> dimensions = a.dimensions().stream()
                .filter(d -> dimension(d.dimension()) != null)
                .map(d -> new AssessmentView.DimensionScore(dimension(d.dimension()), round(d.score()), d.rank(),
                        d.leader(), round(d.leaderScore())))
                .toList();
        List<AssessmentView.AggregateScore> aggregates = a.aggregates().stream()
                .map(g -> new AssessmentView.AggregateScore(g.code(), g.parent(), g.level(), round(g.score()),
                        g.rank(), round(g.obstacle())))
                .toList();
        List<AssessmentView.SubsystemScore> subsystems = a.subsystems().entrySet().stream()
                .filter(s -> subsystem(s.getKey()) != null)
                .map(s -> new AssessmentView.SubsystemScore(subsystem(s.getKey()), round(s.getValue())))
                .toList();
        AssessmentView.Coupling coupling = null;
        Coupling c = a.coupling();
        if (c != null) {
            coupling = new AssessmentView.Coupling(round(c.c()), round(c.t()), round(c.d()), c.grade().name(),
                    c.grade().chinese() + " " + c.grade().english(), subsystem(a.lagging()));
        }
        List<AssessmentView.DimensionObstacle> dimensionObstacles = a.obstacles().entrySet().stream()
                .filter(o -> dimension(o.getKey()) != null)
                .map(o -> new AssessmentView.DimensionObstacle(dimension(o.getKey()), round(o.getValue())))
                .toList();
        List<AssessmentView.IndicatorObstacle> indicatorObstacles = a.indicators().stream()
                .map(i -> new AssessmentView.IndicatorObstacle(i.indicator(), dimension(i.dimension()),
                        round(i.obstacle())))
                .toList();
        List<AssessmentView.Contribution> explanation = a.indicators().stream()
                .map(i -> new AssessmentView.Contribution(i.indicator(), dimension(i.dimension()),
                        subsystem(i.subsystem()), nullable(i.value()), nullable(round(i.normalised())),
                        round(i.weight()), round(i.contribution())))
                .toList();
        return new AssessmentView(null, a.unit(), key.cohort(), key.period(), key.frameworkCode(), frameworkVersion,
                new AssessmentView.Method(configured.assessor().describeNormalisation(),
                        configured.assessor().describeWeighting(), configured.assessor().describeAggregation(),
                        configured.version(), result.normalisedOver().name()),
                round(a.overall()), a.rank(), a.cohortSize(), dimensions, aggregates, subsystems, coupling,
                new AssessmentView.Obstacles(dimensionObstacles, indicatorObstacles), explanation, null, null);
    }

    /** The paper's dimension of that name; null for an aggregate of another framework. */
    private static Dimension dimension(String code) {
        for (Dimension d : Dimension.values()) {
            if (d.name().equals(code)) {
                return d;
            }
        }
        return null;
    }

    private static Subsystem subsystem(String code) {
        for (Subsystem s : Subsystem.values()) {
            if (s.name().equals(code)) {
                return s;
            }
        }
        return null;
    }

    /** Six decimals: well below any meaningful difference, and no rounding noise such as 100.00000000000001. */
    private static double round(double x) {
        return Double.isNaN(x) ? x : Math.round(x * 1e6) / 1e6;
    }

    private static Double nullable(double x) {
        return Double.isNaN(x) ? null : x;
    }
}

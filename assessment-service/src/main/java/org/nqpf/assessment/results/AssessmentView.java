package org.nqpf.assessment.results;

import java.time.Instant;
import java.util.List;
import org.nqpf.contracts.AssessmentComputed;
import org.nqpf.contracts.Dimension;
import org.nqpf.contracts.Subsystem;

/**
 * One entity's assessment as stored (JSONB) and served by {@code GET /api/v1/assessments/{entityId}}. Scores are on
 * the profile's range ([0, 100] by default), rank 1 is best, obstacle degrees in percent.
 *
 * @param dimensions the paper's four dimensions (empty for a framework of another hierarchy)
 * @param aggregates every aggregate below the overall score, top-down: dimensions, their sub-dimensions, ...
 */
public record AssessmentView(
        String assessmentId,
        String entityId,
        String cohort,
        String period,
        String frameworkCode,
        int frameworkVersion,
        Method method,
        double overallScore,
        int rank,
        int cohortSize,
        List<DimensionScore> dimensions,
        List<AggregateScore> aggregates,
        List<SubsystemScore> subsystems,
        Coupling coupling,
        Obstacles obstacles,
        List<Contribution> explanation,
        String inputDigest,
        Instant computedAt) {

    /**
     * @param profileVersion the framework's method profile version used (0: the default profile)
     * @param over           {@code PERIOD}: the score places the entity among that period's peers, so a change over
     *                       the years is relative; {@code PANEL}: normalised over every period, so scores of
     *                       different periods compare and real change shows
     */
    public record Method(String normalisation, String weighting, String aggregation, Integer profileVersion,
            String over) {
    }

    /**
     * @param level    1 for a dimension, 2 for its sub-dimensions, ...
     * @param obstacle the sum of its indicators' obstacle degrees, in percent
     */
    public record AggregateScore(String code, String parent, int level, double score, int rank, double obstacle) {
    }

    /** @param leaderEntityId the cohort's best entity on this dimension */
    public record DimensionScore(Dimension dimension, double score, int rank, String leaderEntityId,
            double leaderScore) {
    }

    public record SubsystemScore(Subsystem subsystem, double score) {
    }

    /**
     * Coupling coordination of the AI and NQPF scores scaled to [0, 1].
     *
     * @param grade   one of the ten grades, e.g. {@code GOOD_COORDINATION}
     * @param label   the grade in the literature's words, e.g. {@code 良好协调 good coordination}
     * @param lagging the side behind by more than 0.1, absent when they are within it
     */
    public record Coupling(double c, double t, double d, String grade, String label, Subsystem lagging) {
    }

    public record Obstacles(List<DimensionObstacle> dimensions, List<IndicatorObstacle> indicators) {
    }

    public record DimensionObstacle(Dimension dimension, double obstacle) {
    }

    /** @param dimension absent for a framework of another hierarchy */
    public record IndicatorObstacle(String indicator, Dimension dimension, double obstacle) {
    }

    /**
     * @param value        the raw value; absent when the entity has none
     * @param normalised   normalised by the profile's method, with the indicator's direction, on its score range
     * @param weight       the indicator's share of the overall score (weight within dimension × dimension weight)
     * @param contribution weight × normalised value; with arithmetic means the contributions sum to the overall
     *                     score (not with geometric or harmonic means, or TOPSIS)
     */
    public record Contribution(String indicator, Dimension dimension, Subsystem subsystem, Double value,
            Double normalised, double weight, double contribution) {
    }

    /** The same result with its identity: id, input digest and time. */
    public AssessmentView identified(String id, String digest, Instant at) {
        return new AssessmentView(id, entityId, cohort, period, frameworkCode, frameworkVersion, method, overallScore,
                rank, cohortSize, dimensions, aggregates, subsystems, coupling, obstacles, explanation, digest, at);
    }

    /** The payload of the {@code org.nqpf.assessment.computed.v1} event. */
    /** @param entityKind the entity's kind, as its newest observation said (null when unknown) */
    public AssessmentComputed toEvent(String entityKind) {
        List<AssessmentComputed.IndicatorScore> indicators = explanation.stream()
                .map(c -> new AssessmentComputed.IndicatorScore(c.indicator(), c.dimension(), c.subsystem(), c.value(),
                        c.normalised(), c.weight(), obstacles.indicators().stream()
                                .filter(o -> o.indicator().equals(c.indicator())).mapToDouble(IndicatorObstacle::obstacle)
                                .findFirst().orElse(0)))
                .toList();
        return new AssessmentComputed(assessmentId, entityId, cohort, period, frameworkCode, frameworkVersion,
                new AssessmentComputed.Method(method.normalisation(), method.weighting(), method.aggregation(),
                        method.profileVersion(), method.over()),
                inputDigest, overallScore, rank, cohortSize,
                dimensions.stream().map(d -> new AssessmentComputed.DimensionScore(d.dimension(), d.score(), d.rank(),
                        d.leaderEntityId(), d.leaderScore())).toList(),
                subsystems.stream().map(s -> new AssessmentComputed.SubsystemScore(s.subsystem(), s.score())).toList(),
                coupling == null ? null : new AssessmentComputed.Coupling(coupling.c(), coupling.t(), coupling.d(),
                        coupling.grade(), coupling.lagging() == null ? null : coupling.lagging().name()),
                indicators, computedAt, entityKind, aggregates == null ? null : aggregates.stream()
                        .map(a -> new AssessmentComputed.AggregateScore(a.code(), a.parent(), a.level(), a.score(),
                                a.rank()))
                        .toList());
    }
}

package org.nqpf.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * One entity's assessment against its cohort for one period ({@link EventTypes#ASSESSMENT_COMPUTED} on
 * {@link Topics#ASSESSMENTS}). Scores are on [0, 100]; rank 1 is the best in the cohort.
 *
 * @param inputDigest SHA-256 over the cohort's inputs and the method: equal digests, equal results
 * @param entityKind  {@code REGION}, {@code INDUSTRY} or {@code ENTERPRISE}: which actions can apply to it
 * @param aggregates  every aggregate below the overall score (dimensions, sub-dimensions, or another framework's
 *                    pillars), top-down; absent from producers that predate it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AssessmentComputed(
        String assessmentId,
        String entityId,
        String cohort,
        String period,
        String frameworkCode,
        int frameworkVersion,
        Method method,
        String inputDigest,
        double overallScore,
        int rank,
        int cohortSize,
        List<DimensionScore> dimensions,
        List<SubsystemScore> subsystems,
        Coupling coupling,
        List<IndicatorScore> indicators,
        Instant computedAt,
        String entityKind,
        List<AggregateScore> aggregates) {

    public AssessmentComputed(String assessmentId, String entityId, String cohort, String period, String frameworkCode,
            int frameworkVersion, Method method, String inputDigest, double overallScore, int rank, int cohortSize,
            List<DimensionScore> dimensions, List<SubsystemScore> subsystems, Coupling coupling,
            List<IndicatorScore> indicators, Instant computedAt, String entityKind) {
        this(assessmentId, entityId, cohort, period, frameworkCode, frameworkVersion, method, inputDigest,
                overallScore, rank, cohortSize, dimensions, subsystems, coupling, indicators, computedAt, entityKind,
                null);
    }

    /**
     * @param profileVersion the framework's method profile version (0: the default profile, never set)
     * @param over           {@code PERIOD}: scores place the entity among its peers of that period;
     *                       {@code PANEL}: normalised over every period, so scores of different periods compare
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Method(String normalisation, String weighting, String aggregation, Integer profileVersion,
            String over) {

        public Method(String normalisation, String weighting, String aggregation, Integer profileVersion) {
            this(normalisation, weighting, aggregation, profileVersion, null);
        }
    }

    /**
     * @param level 1 for a dimension, 2 for its sub-dimensions, ...
     */
    public record AggregateScore(String code, String parent, int level, double score, int rank) {
    }

    /**
     * @param leaderEntityId the cohort's best entity on this dimension: the peer that already got there
     * @param leaderScore    that peer's score
     */
    public record DimensionScore(Dimension dimension, double score, int rank, String leaderEntityId,
            double leaderScore) {
    }

    public record SubsystemScore(Subsystem subsystem, double score) {
    }

    /**
     * Coupling coordination of the AI and NQPF subsystem scores (scaled to [0, 1]).
     *
     * @param lagging {@code AI}, {@code NQPF} or {@code null} when the sides are within 0.1
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Coupling(double c, double t, double d, String grade, String lagging) {
    }

    /**
     * @param value      the raw value used
     * @param normalised the value after min-max normalisation with its direction, on [0, 100]
     * @param obstacle   the indicator's obstacle degree in percent
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record IndicatorScore(String indicator, Dimension dimension, Subsystem subsystem, Double value,
            Double normalised, double weight, double obstacle) {
    }
}

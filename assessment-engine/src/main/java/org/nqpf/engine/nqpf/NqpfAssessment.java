package org.nqpf.engine.nqpf;

import java.util.List;
import java.util.Map;
import org.nqpf.engine.Coupling;

/**
 * One unit's assessment against its cohort in one period, read off the pipeline's {@code PanelResult}. Scores are
 * on the profile's score range (the platform's default: [0, 100]).
 *
 * @param cohortSize  units with a score in the cohort that period
 * @param dimensions  the top-level aggregates (the paper's four dimensions), in the paper's order
 * @param aggregates  every aggregate below the overall score, sub-dimensions included, top-down
 * @param subsystems  subsystem code → score, for the subsystems the unit has values in
 * @param coupling    coupling coordination of the subsystems scaled to [0, 1]; {@code null} with fewer than two
 * @param lagging     the subsystem lagging by more than 0.1, or {@code null}
 * @param obstacles   dimension → obstacle degree in percent (sum of its indicators'); empty without a bounded scale
 */
public record NqpfAssessment(
        String unit,
        String period,
        double overall,
        int rank,
        int cohortSize,
        List<DimensionScore> dimensions,
        List<AggregateScore> aggregates,
        Map<String, Double> subsystems,
        Coupling coupling,
        String lagging,
        Map<String, Double> obstacles,
        List<IndicatorDetail> indicators) {

    /** @param leader the cohort's best unit on this dimension (ties: the first in unit order) */
    public record DimensionScore(String dimension, double score, int rank, String leader, double leaderScore) {
    }

    /**
     * @param level    1 for the top-level aggregates (dimensions), 2 for their sub-dimensions, ...
     * @param obstacle the sum of its indicators' obstacle degrees, NaN without a bounded scale
     */
    public record AggregateScore(String code, String parent, int level, double score, int rank, double obstacle) {
    }

    /**
     * The explanation of one indicator for the unit.
     *
     * @param dimension    its top-level aggregate
     * @param value        raw value, NaN when missing
     * @param normalised   normalised value, NaN when missing
     * @param weight       share of the overall score (weights along its path, re-scaled over what the unit has):
     *                     the factor contribution F_j
     * @param contribution score points this indicator adds to the overall score (weight × normalised)
     * @param obstacle     obstacle degree in percent, NaN without a bounded scale
     */
    public record IndicatorDetail(String indicator, String dimension, String subsystem, double value,
            double normalised, double weight, double contribution, double obstacle) {
    }
}

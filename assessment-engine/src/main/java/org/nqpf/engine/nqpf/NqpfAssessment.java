package org.nqpf.engine.nqpf;

import java.util.List;
import java.util.Map;
import org.nqpf.engine.Coupling;

/**
 * One unit's assessment against its cohort. Scores are on the normalisation's range (the platform: [0, 100]).
 *
 * @param cohortSize  units with a score in the cohort
 * @param subsystems  subsystem code → score, for the subsystems the unit has values in
 * @param coupling    coupling coordination of the subsystems scaled to [0, 1]; {@code null} with fewer than two
 * @param lagging     the subsystem lagging by more than 0.1, or {@code null}
 * @param obstacles   dimension → obstacle degree in percent (sum of its indicators')
 */
public record NqpfAssessment(
        String unit,
        double overall,
        int rank,
        int cohortSize,
        List<DimensionScore> dimensions,
        Map<String, Double> subsystems,
        Coupling coupling,
        String lagging,
        Map<String, Double> obstacles,
        List<IndicatorDetail> indicators) {

    /** @param leader the cohort's best unit on this dimension (ties: the first in unit order) */
    public record DimensionScore(String dimension, double score, int rank, String leader, double leaderScore) {
    }

    /**
     * The explanation of one indicator for the unit.
     *
     * @param value        raw value, NaN when missing
     * @param normalised   normalised value, NaN when missing
     * @param weight       share of the overall score (weight within dimension × dimension weight, re-scaled over
     *                     what the unit has): the factor contribution F_j
     * @param contribution score points this indicator adds to the overall score (weight × normalised)
     * @param obstacle     obstacle degree in percent
     */
    public record IndicatorDetail(String indicator, String dimension, String subsystem, double value,
            double normalised, double weight, double contribution, double obstacle) {
    }
}

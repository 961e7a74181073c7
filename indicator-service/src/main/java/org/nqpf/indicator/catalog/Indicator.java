package org.nqpf.indicator.catalog;

import java.util.List;
import org.nqpf.contracts.Dimension;
import org.nqpf.contracts.Mechanism;
import org.nqpf.contracts.Subsystem;

/**
 * One indicator of a framework version: where it sits in the paper's model and what values it accepts.
 *
 * @param direction +1 when more is better, -1 when less is better
 * @param minValue  lowest plausible value, or null; values outside [minValue, maxValue] are rejected
 * @param origin    where its values come from (a series, a derivation, or "synthetic")
 * @param subDimensions the sub-dimensions between its dimension and itself, top first; empty when it sits directly
 *                      under its dimension
 */
public record Indicator(String frameworkCode, int frameworkVersion, String code, String nameEn, String nameZh,
        Dimension dimension, Subsystem subsystem, Mechanism mechanism, String unit, int direction, Double minValue,
        Double maxValue, Double target, String origin, String rationale, List<String> subDimensions) {

    public Indicator {
        subDimensions = subDimensions == null ? List.of() : List.copyOf(subDimensions);
    }

    /** Its place in the hierarchy as observation events carry it: dimension, then sub-dimensions; null without any. */
    public List<String> path() {
        if (subDimensions.isEmpty()) {
            return null;
        }
        List<String> path = new java.util.ArrayList<>();
        path.add(dimension.name());
        path.addAll(subDimensions);
        return path;
    }

    public boolean inRange(double value) {
        return (minValue == null || value >= minValue) && (maxValue == null || value <= maxValue);
    }
}

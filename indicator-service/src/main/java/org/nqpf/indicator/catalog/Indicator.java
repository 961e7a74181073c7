package org.nqpf.indicator.catalog;

import org.nqpf.contracts.Dimension;
import org.nqpf.contracts.Mechanism;
import org.nqpf.contracts.Subsystem;

/**
 * One indicator of a framework version: where it sits in the paper's model and what values it accepts.
 *
 * @param direction +1 when more is better, -1 when less is better
 * @param minValue  lowest plausible value, or null; values outside [minValue, maxValue] are rejected
 * @param origin    where its values come from (a series, a derivation, or "synthetic")
 */
public record Indicator(String frameworkCode, int frameworkVersion, String code, String nameEn, String nameZh,
        Dimension dimension, Subsystem subsystem, Mechanism mechanism, String unit, int direction, Double minValue,
        Double maxValue, Double target, String origin, String rationale) {

    public boolean inRange(double value) {
        return (minValue == null || value >= minValue) && (maxValue == null || value <= maxValue);
    }
}

package org.nqpf.engine.nqpf;

/**
 * An indicator's place in the paper's framework.
 *
 * @param dimension one of the four dimensions, e.g. {@code LABORERS}
 * @param subsystem {@code AI} or {@code NQPF}
 * @param direction +1 when more is better, -1 when less is better
 * @param weight    weight within its dimension when the framework gives one (used by {@code Weighting.given()})
 */
public record NqpfIndicator(String code, String dimension, String subsystem, int direction, double weight) {

    public NqpfIndicator(String code, String dimension, String subsystem, int direction) {
        this(code, dimension, subsystem, direction, 1.0);
    }
}

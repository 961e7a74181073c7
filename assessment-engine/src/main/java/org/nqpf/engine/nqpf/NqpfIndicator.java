package org.nqpf.engine.nqpf;

import java.util.List;
import java.util.Objects;

/**
 * An indicator's place in the paper's framework.
 *
 * @param path      the aggregates above it, from the top of the hierarchy (below the overall score) down to its
 *                  parent: {@code [dimension]} when it sits directly under one of the four dimensions,
 *                  {@code [dimension, sub-dimension, ...]} when the framework has sub-dimensions; a framework of
 *                  another hierarchy (COINr's ASEM index, say) names its own aggregates
 * @param subsystem {@code AI} or {@code NQPF}; null for a framework without the two-way empowerment
 * @param direction +1 when more is better, -1 when less is better
 * @param weight    weight among its siblings when the framework gives one (used by {@code "weights": "meta"})
 */
public record NqpfIndicator(String code, List<String> path, String subsystem, int direction, double weight) {

    public NqpfIndicator {
        Objects.requireNonNull(code, "indicator code");
        path = List.copyOf(path);
        if (path.isEmpty()) {
            throw new IllegalArgumentException("indicator " + code + " has no place in the hierarchy (empty path)");
        }
    }

    public NqpfIndicator(String code, String dimension, String subsystem, int direction) {
        this(code, List.of(dimension), subsystem, direction, 1.0);
    }

    /** The top-level aggregate: for the paper's frameworks, the dimension. */
    public String dimension() {
        return path.get(0);
    }
}

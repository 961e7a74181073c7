package org.nqpf.engine;

/**
 * Coupling coordination of subsystem scores in [0, 1].
 *
 * @param c degree of coupling: how strongly the subsystems interact (1 when they are equal)
 * @param t comprehensive coordination index {@code Σ α_i U_i}: how developed they are together
 * @param d coupling coordination degree {@code √(C·T)}
 */
public record Coupling(double c, double t, double d, CouplingGrade grade) {
}

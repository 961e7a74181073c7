package org.nqpf.roadmap.planning;

import org.nqpf.contracts.ActionSystem;
import org.nqpf.contracts.Dimension;
import org.nqpf.contracts.Mechanism;
import org.nqpf.contracts.Subsystem;
import org.nqpf.roadmap.library.Actor;
import org.nqpf.roadmap.library.Phase;

/**
 * One action of a roadmap: a library action placed in a phase, with the data that justify it.
 *
 * @param priority  1 is the most urgent action of the whole roadmap
 * @param gap       how far the entity is behind the cohort leader on the dimension; null when it leads everywhere
 * @param target    the dimension score to reach; null when no peer is ahead
 * @param peer      the cohort leader that already reached the target; null when no peer is ahead
 */
public record PlannedAction(String actionCode, String title, String titleZh, ActionSystem system, Actor actor,
        String instrument, Mechanism mechanism, Subsystem subsystem, Dimension dimension, Phase phase, int priority,
        String rationale, Double gap, Double target, String peer) {
}

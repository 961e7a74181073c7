package org.nqpf.roadmap.library;

import java.util.Objects;
import java.util.Set;
import org.nqpf.contracts.ActionSystem;
import org.nqpf.contracts.Dimension;
import org.nqpf.contracts.Mechanism;
import org.nqpf.contracts.Subsystem;

/**
 * One action of the library, as the paper's framework classifies it.
 *
 * @param dimension    the dimension of productive forces the action improves
 * @param subsystem    the side of the AI-NQPF coupling it mainly strengthens
 * @param instrument   a policy instrument; an open set ({@code NATIONAL_STRATEGY}, {@code INDUSTRIAL_POLICY}, ...)
 * @param entityKinds  the kinds of entity that can carry it out
 * @param horizon      the phase in which it typically shows results
 * @param horizonYears its typical duration in years
 */
public record LibraryAction(String code, String title, String titleZh, ActionSystem system, Dimension dimension,
        Mechanism mechanism, Subsystem subsystem, Actor actor, String instrument, Set<EntityKind> entityKinds,
        Phase horizon, int horizonYears) {

    public LibraryAction {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(dimension, "dimension");
        Objects.requireNonNull(mechanism, "mechanism");
        Objects.requireNonNull(subsystem, "subsystem");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(instrument, "instrument");
        entityKinds = Set.copyOf(entityKinds);
    }

    public boolean appliesTo(EntityKind kind) {
        return kind == null || entityKinds.contains(kind);
    }
}

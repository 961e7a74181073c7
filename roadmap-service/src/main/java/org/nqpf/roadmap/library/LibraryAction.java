package org.nqpf.roadmap.library;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.nqpf.contracts.ActionSystem;
import org.nqpf.contracts.Dimension;
import org.nqpf.contracts.Mechanism;
import org.nqpf.contracts.Subsystem;

/**
 * One action of a library version, as the paper's framework classifies it: one of the four systems, one of the three
 * mechanisms, who leads it and who supports it, through which instrument, and what it is expected to move.
 *
 * @param indicators       the framework's indicators it moves, with the expected effect on each; the first is its
 *                         primary indicator, whose dimension and side classify the action
 * @param instrument       a policy instrument; an open set ({@code NATIONAL_STRATEGY}, {@code INDUSTRIAL_POLICY}, ...)
 * @param horizonYears     how long it typically takes to show its effect
 * @param prerequisites    codes of the actions of the same version that must come first
 * @param sources          the policy documents or studies it comes from; at least one
 * @param dimension        the dimension of its primary indicator (derived, not given)
 * @param subsystem        the side of the AI-NQPF coupling of its primary indicator (derived, not given)
 */
public record LibraryAction(String code, String titleEn, String titleZh, ActionSystem system,
        List<IndicatorEffect> indicators, Mechanism mechanism, Actor leadActor, List<Actor> supportingActors,
        String instrument, int horizonYears, List<String> prerequisites, Effort effort, Set<EntityKind> entityKinds,
        List<Source> sources, Dimension dimension, Subsystem subsystem) {

    public LibraryAction {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(mechanism, "mechanism");
        Objects.requireNonNull(leadActor, "leadActor");
        Objects.requireNonNull(instrument, "instrument");
        indicators = List.copyOf(indicators);
        supportingActors = List.copyOf(supportingActors);
        prerequisites = List.copyOf(prerequisites);
        entityKinds = Set.copyOf(entityKinds);
        sources = List.copyOf(sources);
    }

    /** Effort it takes, in three classes: what a planner can weigh without a costing. */
    public enum Effort {
        LOW, MEDIUM, HIGH
    }

    /**
     * The expected effect on one indicator: its direction and a low and a high size per year, in percent change of
     * the indicator's value per year ({@link LibraryVersion#EFFECT_UNIT}), and where that expectation comes from.
     *
     * @param direction +1 raises the indicator's value, -1 lowers it (whether that is better is the indicator's
     *                  own direction: lower ENERGY_INTENSITY is better)
     */
    public record IndicatorEffect(String code, int direction, double low, double high, Basis basis) {
    }

    /**
     * Where an expected effect comes from.
     *
     * @param kind      {@code EXPERT_JUDGEMENT} (a judgement, stated as such), {@code POLICY_TARGET} (the pace a
     *                  target of the source implies, not a measured effect), {@code STUDY} or {@code EVALUATION}
     *                  (a measured effect, with its reference)
     * @param reference the study or evaluation; required for STUDY and EVALUATION
     */
    public record Basis(BasisKind kind, String note, String reference) {
    }

    public enum BasisKind {
        EXPERT_JUDGEMENT, POLICY_TARGET, STUDY, EVALUATION
    }

    /**
     * A policy document or study an action comes from, by its real title.
     *
     * @param section the part of it the action takes up, e.g. one of the AI+ opinions' six key actions
     */
    public record Source(String document, String documentZh, String issuer, Integer year, String section) {
    }

    public boolean appliesTo(EntityKind kind) {
        return kind == null || entityKinds.contains(kind);
    }

    /** The phase in which it typically shows results: up to a year near, up to three mid, beyond long term. */
    @JsonIgnore
    public Phase phase() {
        return Phase.ofYears(horizonYears);
    }

    /** Whether it is expected to move the indicator. */
    public boolean moves(String indicatorCode) {
        return indicators.stream().anyMatch(i -> i.code().equals(indicatorCode));
    }
}

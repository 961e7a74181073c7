package org.nqpf.roadmap.library;

import java.time.Instant;
import java.util.List;

/**
 * A version of the action library: the actions roadmaps are built from, for one framework.
 *
 * @param frameworkCode the framework whose indicators its actions name
 * @param status        {@code DRAFT} (editable) or {@code PUBLISHED} (immutable: a change makes a new version)
 * @param basedOn       the version it started as a copy of; null for the seed
 * @param effectUnit    the unit of every effect size: {@value #EFFECT_UNIT}
 * @param actions       ordered by code
 */
public record LibraryVersion(int version, String frameworkCode, Status status, Integer basedOn, String effectUnit,
        Instant createdAt, Instant publishedAt, List<LibraryAction> actions) {

    /** Percent change of the indicator's value per year: one unit for indicators in yuan, % or counts alike. */
    public static final String EFFECT_UNIT = "PERCENT_PER_YEAR";

    public enum Status {
        DRAFT, PUBLISHED
    }

    /** One version without its actions, for the list. */
    public record Summary(int version, String frameworkCode, Status status, Integer basedOn, int actionCount,
            Instant createdAt, Instant publishedAt) {
    }
}

package org.nqpf.roadmap.library;

/** The roadmap's phases; also the phase in which an action typically shows results. */
public enum Phase {
    NEAR_TERM,
    MID_TERM,
    LONG_TERM;

    /** The terms: near up to one year, mid one to three years, long beyond. */
    public static Phase ofYears(int years) {
        return years <= 1 ? NEAR_TERM : years <= 3 ? MID_TERM : LONG_TERM;
    }
}

package org.nqpf.roadmap.library;

/** The roadmap's phases; also an action's typical horizon. */
public enum Phase {
    NEAR_TERM,
    MID_TERM,
    LONG_TERM
}

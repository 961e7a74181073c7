package org.nqpf.roadmap.library;

/** Who leads an action: the paper's multi-stakeholder actors. */
public enum Actor {
    GOVERNMENT,
    MARKET,
    ENTERPRISE,
    SOCIETY
}

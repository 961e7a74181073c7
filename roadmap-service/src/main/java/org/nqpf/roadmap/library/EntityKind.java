package org.nqpf.roadmap.library;

/** The kinds of assessed entity an action can apply to. */
public enum EntityKind {
    REGION,
    INDUSTRY,
    ENTERPRISE
}

package org.nqpf.indicator.ingest;

/** How an observation reached the platform: part of its provenance. */
public enum Channel {
    HTTP,
    KAFKA
}

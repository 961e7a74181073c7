package org.nqpf.indicator.ingest;

/** How an observation reached the platform: part of its provenance. */
public enum Channel {
    /** A batch posted to /api/v1/observations. */
    HTTP,
    /** An event on the raw feed topic. */
    KAFKA,
    /** A bulk file run as an import job. */
    IMPORT
}

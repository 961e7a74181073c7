package org.nqpf.indicator.ingest;

import java.time.Instant;
import java.util.UUID;

/** One revision of an observation with its provenance. */
public record StoredObservation(UUID id, String entity, String indicator, String period, Double value,
        boolean deleted, int revision, String source, String channel, Instant receivedAt) {
}

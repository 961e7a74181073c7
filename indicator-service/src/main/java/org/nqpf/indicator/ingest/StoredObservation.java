package org.nqpf.indicator.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/**
 * One revision of an observation with its provenance.
 *
 * @param sourceTime when the source says it published or revised the figure, if it said so
 * @param superseded true for a late revision kept in history that never became current
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StoredObservation(UUID id, String entity, String indicator, String period, Double value,
        boolean deleted, int revision, String source, String channel, Instant receivedAt, Instant sourceTime,
        boolean superseded) {
}

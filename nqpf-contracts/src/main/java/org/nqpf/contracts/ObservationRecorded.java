package org.nqpf.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A validated observation as stored by indicator-service ({@link EventTypes#OBSERVATION_RECORDED} on
 * {@link Topics#OBSERVATIONS}). It carries what a consumer needs to use the value without reading
 * indicator-service's tables: the indicator's place in the framework and the entity's cohorts.
 *
 * @param observationId stable id of the (entity, indicator, period) value across revisions
 * @param revision      1 for the first value, higher for each accepted revision
 * @param value         the current value; {@code null} when {@code deleted}
 * @param direction     +1 when more is better, -1 when less is better
 * @param channel       {@code HTTP}, {@code KAFKA} or {@code IMPORT} (a bulk file)
 * @param path          the aggregates above the indicator, from the top of the hierarchy down to its parent:
 *                      {@code [dimension, sub-dimension, ...]} when the framework has sub-dimensions; absent when the
 *                      indicator sits directly under its {@code dimension}. A framework of another hierarchy (COINr's
 *                      ASEM index, say) gives its own aggregates here and no dimension or subsystem.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ObservationRecorded(
        String observationId,
        String entityId,
        String entityKind,
        List<String> cohorts,
        String frameworkCode,
        int frameworkVersion,
        String indicator,
        Dimension dimension,
        Subsystem subsystem,
        Mechanism mechanism,
        int direction,
        String unit,
        String period,
        Double value,
        boolean deleted,
        int revision,
        String source,
        String channel,
        Instant recordedAt,
        List<String> path) {

    /** An indicator directly under its dimension. */
    public ObservationRecorded(String observationId, String entityId, String entityKind, List<String> cohorts,
            String frameworkCode, int frameworkVersion, String indicator, Dimension dimension, Subsystem subsystem,
            Mechanism mechanism, int direction, String unit, String period, Double value, boolean deleted,
            int revision, String source, String channel, Instant recordedAt) {
        this(observationId, entityId, entityKind, cohorts, frameworkCode, frameworkVersion, indicator, dimension,
                subsystem, mechanism, direction, unit, period, value, deleted, revision, source, channel, recordedAt,
                null);
    }

    /** The aggregates above the indicator, top first: the path when given, else its dimension. */
    public List<String> aggregates() {
        if (path != null && !path.isEmpty()) {
            return path;
        }
        return dimension == null ? List.of() : List.of(dimension.name());
    }
}

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
        Instant recordedAt) {
}

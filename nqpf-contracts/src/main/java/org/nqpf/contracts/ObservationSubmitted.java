package org.nqpf.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One indicator value as a data feed sends it, before validation
 * ({@link EventTypes#OBSERVATION_SUBMITTED} on a feed's raw topic, {@link Topics#rawFeed(String)}).
 *
 * @param entity    entity id, e.g. {@code CN-11}
 * @param indicator indicator code of the framework
 * @param period    {@code YYYY}
 * @param value     the value in the indicator's unit
 * @param unit      optional; when given it must match the indicator's unit
 * @param source    who produced the figure: on Kafka, the feed that wrote its raw topic (another source is
 *                  dead-lettered); the feed's name when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ObservationSubmitted(String entity, String indicator, String period, Double value, String unit,
        String source) {
}

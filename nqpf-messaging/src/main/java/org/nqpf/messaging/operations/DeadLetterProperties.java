package org.nqpf.messaging.operations;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which dead-letter topics this service keeps: the twins of the topics it consumes, read by a consumer group of its
 * own into its {@code dead_letter} table, from where operators list and replay them.
 *
 * @param topics       dead-letter topics by name, e.g. {@code nqpf.observations.v1.DLT}
 * @param topicPattern or a pattern of them (a regular expression), e.g. every feed's raw topic's twin
 * @param groupId      the consumer group; {@code <spring.application.name>-dead-letters} when unset
 */
@ConfigurationProperties("nqpf.messaging.dead-letters")
public record DeadLetterProperties(@DefaultValue List<String> topics, String topicPattern, String groupId) {

    boolean configured() {
        return !topics.isEmpty() || topicPattern != null && !topicPattern.isBlank();
    }
}

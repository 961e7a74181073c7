package org.nqpf.messaging;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param source         the CloudEvents {@code source} of what this service publishes, e.g. {@code /nqpf/indicator-service}
 * @param partitions     partitions of each topic and of its dead-letter twin when this service creates them
 * @param outboxBatch    rows the outbox relay sends per round trip
 * @param retryInterval  wait between retries of a record that failed for a reason that may pass
 * @param retries        retries before such a record goes to the dead-letter topic
 * @param inboxRetention how long a consumed event's id is remembered against redelivery (30 days by default)
 */
@ConfigurationProperties("nqpf.messaging")
public record MessagingProperties(String source, Integer partitions, Integer outboxBatch, Duration retryInterval,
        Integer retries, Duration inboxRetention) {

    public MessagingProperties {
        partitions = partitions == null ? 3 : partitions;
        outboxBatch = outboxBatch == null ? 2000 : outboxBatch;
        retryInterval = retryInterval == null ? Duration.ofMillis(500) : retryInterval;
        retries = retries == null ? 3 : retries;
        inboxRetention = inboxRetention == null ? Duration.ofDays(30) : inboxRetention;
    }
}

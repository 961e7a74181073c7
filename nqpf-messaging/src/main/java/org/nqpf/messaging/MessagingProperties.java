package org.nqpf.messaging;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param source             the CloudEvents {@code source} of what this service publishes, e.g.
 *                           {@code /nqpf/indicator-service}; {@code /nqpf/<spring.application.name>} when unset
 * @param partitions         partitions of each topic and of its dead-letter twin when this service creates them
 * @param replicationFactor  replicas of each topic this service creates: 1 on the embedded broker, 3 in production
 * @param minInsyncReplicas  replicas that must have a record before {@code acks=all} answers: 1 embedded, 2 in
 *                           production (one broker may be down without stopping producers or losing a record)
 * @param outboxBatch        events the outbox relay sends per round trip, and the most one outbox row holds
 * @param retryInterval      wait between retries of a record that failed for a reason that may pass
 * @param retries            retries before such a record goes to the dead-letter topic
 * @param outageInitialInterval first wait of a consumer whose database or broker is unavailable; doubled each time
 * @param outageMaxInterval  longest wait between two tries during an outage (tries go on until it is over)
 * @param inboxRetention     how long a consumed event's id is remembered against redelivery
 * @param inboxPurgeInterval how often ids older than the retention are deleted
 * @param migrations         where the outbox and inbox migrations are, applied with their own Flyway history
 */
@ConfigurationProperties("nqpf.messaging")
public record MessagingProperties(String source, @DefaultValue("3") int partitions,
        @DefaultValue("1") short replicationFactor, @DefaultValue("1") int minInsyncReplicas,
        @DefaultValue("2000") int outboxBatch, @DefaultValue("500ms") Duration retryInterval,
        @DefaultValue("3") int retries, @DefaultValue("1s") Duration outageInitialInterval,
        @DefaultValue("30s") Duration outageMaxInterval, @DefaultValue("30d") Duration inboxRetention,
        @DefaultValue("1h") Duration inboxPurgeInterval,
        @DefaultValue("classpath:db/messaging") List<String> migrations) {
}

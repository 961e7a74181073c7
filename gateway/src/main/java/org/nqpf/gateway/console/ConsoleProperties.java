package org.nqpf.gateway.console;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The operator console ({@code nqpf.console.*}).
 *
 * @param probeTimeout   how long a service may take to answer one of the console's questions before that part counts
 *                       as DOWN or unavailable
 * @param streamInterval how often an open live stream asks the services for health, counters, lag, outbox, dead
 *                       letters and the recompute backlog
 * @param recentInterval how often it asks for the recent assessments and roadmaps: heavier questions whose answers
 *                       change slowly
 */
@ConfigurationProperties("nqpf.console")
public record ConsoleProperties(@DefaultValue("2s") Duration probeTimeout,
        @DefaultValue("2s") Duration streamInterval,
        @DefaultValue("15s") Duration recentInterval) {
}

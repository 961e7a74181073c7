package org.nqpf.messaging;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The outbox relay ({@code nqpf.outbox.*}, a prefix of its own since the first release).
 *
 * @param pollInterval pause between relay rounds when the outbox is empty: the floor of an event's latency
 * @param relay        whether this instance relays its outbox at all: off for a rebuild ({@code ./nqpf rebuild}),
 *                     whose events the live instance already published
 */
@ConfigurationProperties("nqpf.outbox")
public record OutboxProperties(@DefaultValue("100ms") Duration pollInterval, @DefaultValue("true") boolean relay) {
}

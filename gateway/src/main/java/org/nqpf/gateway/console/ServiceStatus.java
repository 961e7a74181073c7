package org.nqpf.gateway.console;

/**
 * One row of the console: a service, where the gateway reaches it, what its health endpoint says, and how many events
 * wait in its outbox for Kafka (null when the service did not say): a backlog that keeps growing means the broker is
 * out of reach or the relay falls behind.
 */
public record ServiceStatus(String service, String url, String status, Long outboxPending) {
}

package org.nqpf.gateway.console;

/** One row of the console: a service, where the gateway reaches it, and what its health endpoint says. */
public record ServiceStatus(String service, String url, String status) {
}

package org.nqpf.gateway;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The gateway's own limits ({@code nqpf.gateway.*}).
 *
 * @param maxRequestSize  largest request body accepted; observation batches are the big ones
 * @param upstreamTimeout how long a service may take to answer; generous so large batch POSTs are not cut
 */
@ConfigurationProperties("nqpf.gateway")
public record GatewaySettings(
        @DefaultValue("16MB") DataSize maxRequestSize,
        @DefaultValue("60s") Duration upstreamTimeout) {
}

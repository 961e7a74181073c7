package org.nqpf.gateway.console;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The operator console ({@code nqpf.console.*}).
 *
 * @param probeTimeout how long a service's health may take to answer before it counts as DOWN
 */
@ConfigurationProperties("nqpf.console")
public record ConsoleProperties(@DefaultValue("2s") Duration probeTimeout) {
}

package org.nqpf.gateway;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The gateway's own limits ({@code nqpf.gateway.*}).
 *
 * @param maxRequestSize  largest request body accepted; observation batches are the big ones
 * @param upstreamTimeout how long a service may take to answer at most: the HTTP client's default and the breakers'
 *                        time limit (plus 5 s); each route sets its own, shorter or equal, in application.yml
 * @param maxImportSize   largest file accepted on {@code /api/v1/imports}: streamed through, never held, so it may
 *                        be far larger than the heap
 * @param importTimeout   how long one import upload may take end to end (the import route's breaker time limit)
 */
@ConfigurationProperties("nqpf.gateway")
public record GatewaySettings(
        @DefaultValue("16MB") DataSize maxRequestSize,
        @DefaultValue("60s") Duration upstreamTimeout,
        @DefaultValue("2GB") DataSize maxImportSize,
        @DefaultValue("30m") Duration importTimeout) {

    /** The path prefix of import jobs, whose bodies are files and get {@link #maxImportSize}. */
    public static final String IMPORTS_PATH = "/api/v1/imports";

    public static boolean isImport(String path) {
        return path.equals(IMPORTS_PATH) || path.startsWith(IMPORTS_PATH + "/");
    }
}

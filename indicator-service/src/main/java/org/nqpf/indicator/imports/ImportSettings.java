package org.nqpf.indicator.imports;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Import jobs ({@code nqpf.imports.*}).
 *
 * @param spoolDir             where uploaded files wait, on disk, until their job has read them
 * @param workers              jobs run at once; more wait QUEUED (their files are on disk, not in memory)
 * @param chunkRows            rows per ingestion call: one transaction each, and the memory a job holds
 * @param maxStoredRejections  rejections kept per job for {@code /rejections}; all are counted
 * @param heartbeat            how often a process renews its claim on the jobs it runs or has queued
 * @param lease                how long a claim holds without renewal: a process on the same node takes over the
 *                             jobs of an owner silent for longer (a crash), so keep it several heartbeats long
 */
@ConfigurationProperties("nqpf.imports")
public record ImportSettings(Path spoolDir, @DefaultValue("2") int workers, @DefaultValue("5000") int chunkRows,
        @DefaultValue("1000") int maxStoredRejections, @DefaultValue("5s") Duration heartbeat,
        @DefaultValue("30s") Duration lease) {

    public ImportSettings {
        if (spoolDir == null) {
            spoolDir = Path.of(System.getProperty("java.io.tmpdir"), "nqpf-imports");
        }
        if (lease.compareTo(heartbeat.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("nqpf.imports.lease (" + lease + ") must be at least two heartbeats ("
                    + heartbeat + ")");
        }
    }
}

package org.nqpf.indicator.ingest;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Ingestion limits ({@code nqpf.ingest.*}).
 *
 * @param maxBatchSize  largest HTTP batch body; larger files go to {@code /api/v1/imports}, which streams them
 * @param maxBatchRows  most rows in one HTTP batch, however small they are
 * @param maxEventSize  largest raw feed event: one carries one observation, so anything larger is a broken feed
 * @param maxClockSkew  how far in the future a source's own time ({@code revisedAt}, {@code ce_time}) may be: clocks
 *                      drift, but a revision from beyond that would outrank every honest one until its time came
 */
@ConfigurationProperties("nqpf.ingest")
public record IngestProperties(@DefaultValue("16MB") DataSize maxBatchSize, @DefaultValue("200000") int maxBatchRows,
        @DefaultValue("64KB") DataSize maxEventSize, @DefaultValue("5m") Duration maxClockSkew) {
}

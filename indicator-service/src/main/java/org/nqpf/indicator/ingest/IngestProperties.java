package org.nqpf.indicator.ingest;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Ingestion limits ({@code nqpf.ingest.*}).
 *
 * @param maxBatchSize  largest HTTP batch body; larger files go to {@code /api/v1/imports}, which streams them
 * @param maxBatchRows  most rows in one HTTP batch, however small they are
 * @param maxEventSize  largest raw feed event: one carries one observation, so anything larger is a broken feed
 */
@ConfigurationProperties("nqpf.ingest")
public record IngestProperties(@DefaultValue("16MB") DataSize maxBatchSize, @DefaultValue("200000") int maxBatchRows,
        @DefaultValue("64KB") DataSize maxEventSize) {
}

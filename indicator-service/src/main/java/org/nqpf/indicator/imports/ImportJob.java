package org.nqpf.indicator.imports;

import java.time.Instant;
import java.util.UUID;

/**
 * An import job as clients see it: where it stands and what became of the rows so far.
 *
 * @param format          {@code json}, {@code csv} or {@code sdmx}
 * @param percentComplete by bytes of the file read
 * @param rowsDone        rows read and ingested so far (accepted + superseded + unchanged + rejected)
 * @param failure         why the job failed, when it did
 */
public record ImportJob(UUID id, Status status, String format, String contentType, long bytesTotal, long bytesRead,
        double percentComplete, long rowsDone, long accepted, long superseded, long unchanged, long rejected,
        Instant createdAt, Instant startedAt, Instant finishedAt, String failure) {

    public enum Status {
        QUEUED,
        RUNNING,
        COMPLETED,
        FAILED
    }

    public boolean finished() {
        return status == Status.COMPLETED || status == Status.FAILED;
    }
}

package org.nqpf.indicator.ingest;

import java.util.List;

/**
 * What became of a batch.
 *
 * @param accepted  rows stored as a new value or a new revision, and published
 * @param unchanged rows equal to the current value: nothing stored, nothing published
 * @param rejected  rows refused, each with its reason
 */
public record IngestResult(int received, int accepted, int unchanged, List<Rejection> rejected) {
}

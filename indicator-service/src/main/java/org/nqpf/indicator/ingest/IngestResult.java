package org.nqpf.indicator.ingest;

import java.util.List;

/**
 * What became of a batch.
 *
 * @param accepted   rows stored as a new value, a revision or a deletion, and published
 * @param superseded late revisions, older by the source's clock than the current value: kept in history only
 * @param unchanged  rows equal to the current value: nothing stored, nothing published
 * @param rejected   rows refused, each with its reason
 */
public record IngestResult(int received, int accepted, int superseded, int unchanged, List<Rejection> rejected) {
}

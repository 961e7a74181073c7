package org.nqpf.indicator.ingest.format;

import java.util.Iterator;
import org.nqpf.indicator.ingest.ObservationRow;

/**
 * Rows read one at a time from an upload, so a file of millions of rows is never held whole in memory. A row that
 * cannot be read comes back with its {@code problem} set; a stream that cannot be read on throws
 * {@link UnreadableInputException}.
 */
public interface RowReader extends Iterator<ObservationRow>, AutoCloseable {

    /** Bytes consumed so far, for progress reports. */
    long bytesRead();

    @Override
    void close();
}

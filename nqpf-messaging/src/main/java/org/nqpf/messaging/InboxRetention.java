package org.nqpf.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps the inbox ({@code processed_event}) from growing without end. A redelivery comes within minutes of the first
 * delivery (a consumer restart, a rebalance) and a feed's re-send within days; rows older than the retention
 * ({@code nqpf.messaging.inbox-retention}, 30 days by default) guard against nothing and are deleted, a bounded batch
 * at a time so no purge holds locks or bloats a transaction.
 */
public class InboxRetention {

    private static final Logger log = LoggerFactory.getLogger(InboxRetention.class);
    private static final int BATCH = 10_000;

    private final JdbcTemplate jdbc;
    private final Duration retention;
    private final Counter purged;

    public InboxRetention(JdbcTemplate jdbc, Duration retention, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.retention = retention;
        this.purged = Counter.builder("nqpf.inbox.purged").description("inbox rows deleted after the retention")
                .register(meters);
    }

    /** Run every {@code nqpf.messaging.inbox-purge-interval}; a failure waits for the next round. */
    public void scheduledPurge() {
        try {
            long n = purge();
            if (n > 0) {
                log.info("inbox: deleted {} processed-event rows older than {}", n, retention);
            }
        }
        catch (RuntimeException e) {
            log.warn("inbox purge paused: {}", e.getMessage());
        }
    }

    /** Deletes the rows older than the retention; returns how many. */
    public long purge() {
        long total = 0;
        int deleted;
        do {
            deleted = jdbc.update("""
                    DELETE FROM processed_event WHERE ctid IN (
                      SELECT ctid FROM processed_event WHERE processed_at < now() - ?::interval LIMIT ?)""",
                    retention.toSeconds() + " seconds", BATCH);
            total += deleted;
            purged.increment(deleted);
        }
        while (deleted == BATCH);
        return total;
    }
}

package org.nqpf.assessment.recompute;

import java.time.Instant;
import java.util.List;
import org.nqpf.assessment.CohortPeriod;
import org.nqpf.messaging.TraceContinuation;
import org.nqpf.messaging.TraceHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The set of cohort-periods waiting for a recompute. Marking updates the row, so it holds the row lock until the
 * marking transaction commits: the worker skips a row that is being marked, and a marker that arrives while the
 * worker recomputes waits and then re-inserts the row, so no change is ever left unrecomputed.
 * <p>
 * A recompute that fails is retried after a delay that doubles with each attempt (up to ten minutes), so one
 * cohort-period that cannot be assessed never holds up the others; a new mark (fresh data, a new profile) retries it
 * at once.
 */
@Repository
public class DirtyCohortPeriods {

    private final JdbcClient jdbc;
    private final TraceContinuation trace;

    DirtyCohortPeriods(JdbcClient jdbc, TraceContinuation trace) {
        this.jdbc = jdbc;
        this.trace = trace;
    }

    /**
     * Marks the key with the caller's trace context. When several changes mark it before the recompute, the latest
     * one's trace is kept (and continued by the recompute): one recompute settles them all, and the latest change is
     * the one whose result it publishes; the earlier traces end at their mark.
     */
    public void mark(CohortPeriod key) {
        mark(key, trace.current());
    }

    /** Marks the key with the trace of the change that made it dirty: a batch's events each carry their own. */
    public void mark(CohortPeriod key, TraceHeaders context) {
        jdbc.sql("""
                INSERT INTO dirty_cohort_period (framework_code, cohort, period, traceparent, tracestate, baggage)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (framework_code, cohort, period)
                DO UPDATE SET marked_at = clock_timestamp(), attempts = 0, last_error = NULL, retry_at = NULL,
                              traceparent = EXCLUDED.traceparent, tracestate = EXCLUDED.tracestate,
                              baggage = EXCLUDED.baggage""")
                .params(key.frameworkCode(), key.cohort(), key.period(), context.traceparent(), context.tracestate(),
                        context.baggage())
                .update();
    }

    /** A cohort-period waiting for its recompute, with the trace context of the change that marked it last. */
    record Mark(CohortPeriod key, TraceHeaders trace) {
    }

    /** The oldest marks first, leaving out failed ones whose retry is not yet due. */
    List<Mark> pending(int limit) {
        return jdbc.sql("""
                SELECT framework_code, cohort, period, traceparent, tracestate, baggage FROM dirty_cohort_period
                WHERE retry_at IS NULL OR retry_at <= clock_timestamp() ORDER BY marked_at LIMIT ?""")
                .param(limit)
                .query((rs, i) -> new Mark(new CohortPeriod(rs.getString(1), rs.getString(2), rs.getString(3)),
                        new TraceHeaders(rs.getString(4), rs.getString(5), rs.getString(6))))
                .list();
    }

    /** Locks the mark for this transaction; false when it is gone or another transaction holds it. */
    boolean claim(CohortPeriod key) {
        return jdbc.sql("""
                SELECT 1 FROM dirty_cohort_period WHERE framework_code = ? AND cohort = ? AND period = ?
                FOR UPDATE SKIP LOCKED""")
                .params(key.frameworkCode(), key.cohort(), key.period())
                .query(Integer.class)
                .optional()
                .isPresent();
    }

    /**
     * Takes the key's cohort for this transaction's recompute of its whole panel; false when another recompute (of
     * another instance) has it now, whose marks are then left to the next round.
     */
    boolean lockCohort(CohortPeriod key) {
        return jdbc.sql("SELECT pg_try_advisory_xact_lock(hashtext('nqpf.recompute.' || ? || '/' || ?))")
                .params(key.frameworkCode(), key.cohort())
                .query(Boolean.class)
                .single();
    }

    /**
     * Locks every mark of the key's framework and cohort this transaction can take (its own included); marks being
     * written by another transaction are skipped and stay.
     */
    List<CohortPeriod> claimCohort(CohortPeriod key) {
        return jdbc.sql("""
                SELECT framework_code, cohort, period FROM dirty_cohort_period WHERE framework_code = ? AND cohort = ?
                ORDER BY period FOR UPDATE SKIP LOCKED""")
                .params(key.frameworkCode(), key.cohort())
                .query((rs, i) -> new CohortPeriod(rs.getString(1), rs.getString(2), rs.getString(3)))
                .list();
    }

    void clear(CohortPeriod key) {
        jdbc.sql("DELETE FROM dirty_cohort_period WHERE framework_code = ? AND cohort = ? AND period = ?")
                .params(key.frameworkCode(), key.cohort(), key.period())
                .update();
    }

    /** Records a failed recompute and when to try again: 1 s, 2 s, 4 s ... at most 10 minutes after it. */
    void failed(CohortPeriod key, String reason) {
        jdbc.sql("""
                UPDATE dirty_cohort_period SET attempts = attempts + 1, last_error = ?,
                       retry_at = clock_timestamp() + LEAST(interval '1 second' * power(2, LEAST(attempts, 10)),
                                                            interval '10 minutes')
                WHERE framework_code = ? AND cohort = ? AND period = ?""")
                .params(reason, key.frameworkCode(), key.cohort(), key.period())
                .update();
    }

    /** A cohort-period whose recompute failed, with the last reason. */
    public record Failure(String frameworkCode, String cohort, String period, int attempts, String reason,
            Instant retryAt) {
    }

    public List<Failure> failures() {
        return jdbc.sql("""
                SELECT framework_code, cohort, period, attempts, last_error, retry_at FROM dirty_cohort_period
                WHERE attempts > 0 ORDER BY framework_code, cohort, period""")
                .query((rs, i) -> new Failure(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        rs.getString(5), rs.getTimestamp(6).toInstant()))
                .list();
    }

    /** How many failed their last recompute: a count, read on each scrape of the gauge. */
    long failing() {
        return jdbc.sql("SELECT count(*) FROM dirty_cohort_period WHERE attempts > 0").query(Long.class).single();
    }

    public long count() {
        return jdbc.sql("SELECT count(*) FROM dirty_cohort_period").query(Long.class).single();
    }
}

package org.nqpf.roadmap.roadmaps;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.nqpf.messaging.TraceContinuation;
import org.nqpf.messaging.TraceHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The cohort-periods due to be planned. A mark is pushed a quiet period ahead by every assessment of its key, so a
 * cohort whose events arrive one by one is planned once; its generation, read once the worker holds the key, tells
 * it whether the key was marked again while it planned.
 */
@Repository
public class PlanningMarks {

    // Two-key advisory locks live in a key space apart from the outbox relay's one-key lock.
    private static final int LOCK_SPACE = 8083;

    private final JdbcClient jdbc;
    private final TraceContinuation trace;

    public PlanningMarks(JdbcClient jdbc, TraceContinuation trace) {
        this.jdbc = jdbc;
        this.trace = trace;
    }

    public record Key(String cohort, String frameworkCode, String period) {

        @Override
        public String toString() {
            return cohort + "/" + frameworkCode + "/" + period;
        }
    }

    /** A key due to be planned, with the trace context of the assessment that marked it last. */
    public record Due(Key key, TraceHeaders trace) {
    }

    /**
     * Due a quiet period from now, but no later than {@code longest} after the key's first unplanned mark. The mark
     * keeps the caller's trace context; when several assessments mark the key before it is planned, the latest one's
     * is kept (one plan follows them all, the earlier traces end at their mark).
     */
    public void mark(Key key, Duration quiet, Duration longest) {
        TraceHeaders context = trace.current();
        jdbc.sql("""
                INSERT INTO planning_due (cohort, framework_code, period, due_at, traceparent, tracestate, baggage)
                VALUES (:cohort, :framework, :period, now() + CAST(:quiet AS INTERVAL), :traceparent, :tracestate,
                        :baggage)
                ON CONFLICT (cohort, framework_code, period) DO UPDATE
                    SET due_at = LEAST(EXCLUDED.due_at, planning_due.marked_at + CAST(:longest AS INTERVAL)),
                        generation = planning_due.generation + 1, traceparent = EXCLUDED.traceparent,
                        tracestate = EXCLUDED.tracestate, baggage = EXCLUDED.baggage""")
                .param("cohort", key.cohort()).param("framework", key.frameworkCode()).param("period", key.period())
                .param("quiet", quiet.toMillis() + " milliseconds")
                .param("longest", longest.toMillis() + " milliseconds")
                .param("traceparent", context.traceparent(), java.sql.Types.VARCHAR)
                .param("tracestate", context.tracestate(), java.sql.Types.VARCHAR)
                .param("baggage", context.baggage(), java.sql.Types.VARCHAR).update();
    }

    public List<Due> due(int limit) {
        return jdbc.sql("""
                SELECT cohort, framework_code, period, traceparent, tracestate, baggage FROM planning_due
                WHERE due_at <= now() ORDER BY due_at LIMIT :limit""")
                .param("limit", limit)
                .query((rs, row) -> new Due(new Key(rs.getString(1), rs.getString(2), rs.getString(3)),
                        new TraceHeaders(rs.getString(4), rs.getString(5), rs.getString(6))))
                .list();
    }

    /** Takes the key for this transaction, or answers false when another worker plans it now. */
    public boolean tryLock(Key key) {
        return jdbc.sql("SELECT pg_try_advisory_xact_lock(:space, hashtext(:key))")
                .param("space", LOCK_SPACE).param("key", key.toString()).query(Boolean.class).single();
    }

    /**
     * The key's generation now, read by the worker that holds it; empty when the key is no longer marked (another
     * worker planned it since the due list was read).
     */
    public OptionalLong generation(Key key) {
        return jdbc.sql("""
                SELECT generation FROM planning_due WHERE cohort = :cohort AND framework_code = :framework
                  AND period = :period""")
                .param("cohort", key.cohort()).param("framework", key.frameworkCode()).param("period", key.period())
                .query(Long.class).optional().map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    /** Deletes the mark unless an assessment marked it again since its generation was read. */
    public void done(Key key, long generation) {
        jdbc.sql("""
                DELETE FROM planning_due
                WHERE cohort = :cohort AND framework_code = :framework AND period = :period AND generation = :g""")
                .param("cohort", key.cohort()).param("framework", key.frameworkCode())
                .param("period", key.period()).param("g", generation).update();
    }
}

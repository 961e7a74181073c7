package org.nqpf.roadmap.roadmaps;

import java.time.Duration;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The cohort-periods due to be planned. A mark is pushed a quiet period ahead by every assessment of its key, so a
 * cohort whose events arrive one by one is planned once; its generation tells the worker whether it was marked again
 * while it planned.
 */
@Repository
public class PlanningMarks {

    // Two-key advisory locks live in a key space apart from the outbox relay's one-key lock.
    private static final int LOCK_SPACE = 8083;

    private final JdbcClient jdbc;

    public PlanningMarks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Key(String cohort, String frameworkCode, String period) {

        @Override
        public String toString() {
            return cohort + "/" + frameworkCode + "/" + period;
        }
    }

    public record Due(Key key, long generation) {
    }

    /** Due a quiet period from now, but no later than {@code longest} after the key's first unplanned mark. */
    public void mark(Key key, Duration quiet, Duration longest) {
        jdbc.sql("""
                INSERT INTO planning_due (cohort, framework_code, period, due_at)
                VALUES (:cohort, :framework, :period, now() + CAST(:quiet AS INTERVAL))
                ON CONFLICT (cohort, framework_code, period) DO UPDATE
                    SET due_at = LEAST(EXCLUDED.due_at, planning_due.marked_at + CAST(:longest AS INTERVAL)),
                        generation = planning_due.generation + 1""")
                .param("cohort", key.cohort()).param("framework", key.frameworkCode()).param("period", key.period())
                .param("quiet", quiet.toMillis() + " milliseconds")
                .param("longest", longest.toMillis() + " milliseconds").update();
    }

    public List<Due> due(int limit) {
        return jdbc.sql("""
                SELECT cohort, framework_code, period, generation FROM planning_due WHERE due_at <= now()
                ORDER BY due_at LIMIT :limit""")
                .param("limit", limit)
                .query((rs, row) -> new Due(new Key(rs.getString(1), rs.getString(2), rs.getString(3)), rs.getLong(4)))
                .list();
    }

    /** Takes the key for this transaction, or answers false when another worker plans it now. */
    public boolean tryLock(Key key) {
        return jdbc.sql("SELECT pg_try_advisory_xact_lock(:space, hashtext(:key))")
                .param("space", LOCK_SPACE).param("key", key.toString()).query(Boolean.class).single();
    }

    /** Deletes the mark unless an assessment marked it again since it was read. */
    public void done(Due due) {
        jdbc.sql("""
                DELETE FROM planning_due
                WHERE cohort = :cohort AND framework_code = :framework AND period = :period AND generation = :g""")
                .param("cohort", due.key().cohort()).param("framework", due.key().frameworkCode())
                .param("period", due.key().period()).param("g", due.generation()).update();
    }
}

package org.nqpf.assessment.recompute;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The set of cohort-periods waiting for a recompute. Marking updates the row, so it holds the row lock until the
 * marking transaction commits: the worker skips a row that is being marked, and a marker that arrives while the
 * worker recomputes waits and then re-inserts the row, so no change is ever left unrecomputed.
 */
@Repository
public class DirtyCohortPeriods {

    private final JdbcClient jdbc;

    DirtyCohortPeriods(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void mark(CohortPeriod key) {
        jdbc.sql("""
                INSERT INTO dirty_cohort_period (framework_code, cohort, period) VALUES (?, ?, ?)
                ON CONFLICT (framework_code, cohort, period) DO UPDATE SET marked_at = clock_timestamp()""")
                .params(key.frameworkCode(), key.cohort(), key.period())
                .update();
    }

    /** The oldest marks first. */
    List<CohortPeriod> pending(int limit) {
        return jdbc.sql("SELECT framework_code, cohort, period FROM dirty_cohort_period ORDER BY marked_at LIMIT ?")
                .param(limit)
                .query((rs, i) -> new CohortPeriod(rs.getString(1), rs.getString(2), rs.getString(3)))
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

    void clear(CohortPeriod key) {
        jdbc.sql("DELETE FROM dirty_cohort_period WHERE framework_code = ? AND cohort = ? AND period = ?")
                .params(key.frameworkCode(), key.cohort(), key.period())
                .update();
    }

    public long count() {
        return jdbc.sql("SELECT count(*) FROM dirty_cohort_period").query(Long.class).single();
    }
}

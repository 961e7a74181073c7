package org.nqpf.launcher;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.LongPredicate;

import org.nqpf.testsupport.Poll;

/** Counts read straight from the platform's database by the launcher's tests, and waits on them. */
final class SqlCounts {

    private SqlCounts() {
    }

    /** The single number a {@code SELECT count(*) ...} returns. */
    static long count(Connection db, String sql) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Polls a count (a failing query counts as not yet) until it satisfies {@code until}; fails after the timeout. */
    static void awaitCount(Connection db, String sql, LongPredicate until, Duration timeout) {
        Poll.until("count " + sql.strip().lines().findFirst().orElse(sql), timeout, Duration.ofMillis(250),
                () -> count(db, sql), until::test);
    }
}

package org.nqpf.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.util.backoff.FixedBackOff;

/** What counts as an outage to wait out, and what as a bad record to dead-letter, by the cause chain. */
class OutagesTest {

    @Test
    void should_SeeAnOutage_When_TheDatabaseOrBrokerIsUnavailableAnywhereInTheCauseChain() {
        assertThat(Outages.isOutage(listener(new CannotCreateTransactionException("no connection",
                new SQLTransientConnectionException("pool timed out"))))).isTrue();
        assertThat(Outages.isOutage(listener(new CannotGetJdbcConnectionException("no connection")))).isTrue();
        assertThat(Outages.isOutage(listener(new DataAccessResourceFailureException("gone")))).isTrue();
        // a commit that failed because the connection broke: only the SQLState says so
        assertThat(Outages.isOutage(listener(new TransactionSystemException("could not commit",
                new PSQLException("I/O error", PSQLState.CONNECTION_FAILURE))))).isTrue();
        // the rollback after a broken query failed as well: Spring throws the rollback's failure, the query's aside
        TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
                new SQLException("cannot roll back"));
        rollback.initApplicationException(new DataAccessResourceFailureException("I/O error"));
        assertThat(Outages.isOutage(listener(rollback))).isTrue();
        assertThat(Outages.isOutage(new RuntimeException(new PSQLException("I/O error", null,
                new java.net.SocketException("Broken pipe"))))).isTrue();
        assertThat(Outages.isOutage(new RuntimeException(new SQLException("too many connections", "53300"))))
                .isTrue();
        assertThat(Outages.isOutage(new RuntimeException(new SQLException("shutting down", "57P01")))).isTrue();
        assertThat(Outages.isOutage(listener(new org.springframework.kafka.KafkaException("send failed",
                new TimeoutException("metadata not available"))))).isTrue();
    }

    @Test
    void should_SeeABadRecord_When_TheFailureIsAboutTheRecordItself() {
        assertThat(Outages.isOutage(listener(new RejectedEventException("unknown entity",
                new CannotGetJdbcConnectionException("unrelated"))))).isFalse();
        assertThat(Outages.isOutage(listener(new DataIntegrityViolationException("value too long",
                new SQLException("value too long", "22001"))))).isFalse();
        assertThat(Outages.isOutage(new RuntimeException(new SQLException("duplicate key", "23505")))).isFalse();
        assertThat(Outages.isOutage(new RecordTooLargeException("too large"))).isFalse();
        assertThat(Outages.isOutage(new IllegalStateException("bug"))).isFalse();
    }

    @Test
    void should_DoubleThePauseUpToTheMaximum() {
        OutageAwareErrorHandler handler = new OutageAwareErrorHandler((r, e) -> { }, new FixedBackOff(0, 0),
                Duration.ofSeconds(1), Duration.ofSeconds(30));
        assertThat(handler.pause(1)).isEqualTo(1_000);
        assertThat(handler.pause(2)).isEqualTo(2_000);
        assertThat(handler.pause(5)).isEqualTo(16_000);
        assertThat(handler.pause(6)).isEqualTo(30_000);
        assertThat(handler.pause(60)).isEqualTo(30_000);
    }

    private static Exception listener(Throwable cause) {
        return new ListenerExecutionFailedException("listener failed", cause);
    }
}

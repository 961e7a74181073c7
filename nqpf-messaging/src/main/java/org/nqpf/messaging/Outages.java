package org.nqpf.messaging;

import java.sql.SQLException;
import java.sql.SQLTransientException;
import org.apache.kafka.common.errors.RetriableException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a failure of the infrastructure (the database or the broker is away, overloaded or restarting) from a
 * failure of the record. An outage passes by itself: the record must wait for it, never be dead-lettered for it.
 */
public final class Outages {

    private Outages() {
    }

    /** Whether anything in the cause chain says the database or the broker is unavailable. */
    public static boolean isOutage(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 32; t = t.getCause(), depth++) {
            if (t instanceof RejectedEventException || t instanceof DeserializationException) {
                return false; // a verdict on the record outranks whatever it wraps
            }
            if (t instanceof TransientDataAccessException || t instanceof DataAccessResourceFailureException
                    || t instanceof CannotGetJdbcConnectionException || t instanceof CannotCreateTransactionException
                    || t instanceof RecoverableDataAccessException || t instanceof SQLTransientException
                    || t instanceof RetriableException) {
                return true;
            }
            if (t instanceof SQLException sql && unavailable(sql.getSQLState())) {
                return true;
            }
            // A socket to the database or the broker broke: what the driver makes of it varies, the cause does not.
            if (t instanceof java.io.IOException) {
                return true;
            }
            // The rollback after a failure failed too (the connection is gone): the failure it hides is the one to
            // judge, and Spring keeps it aside, off the cause chain.
            if (t instanceof TransactionSystemException tx && tx.getApplicationException() != null
                    && tx.getApplicationException() != failure && isOutage(tx.getApplicationException())) {
                return true;
            }
        }
        return false;
    }

    /**
     * PostgreSQL's classes for a server that cannot serve now: 08 connection exception, 53 insufficient resources,
     * 57P operator intervention (shutdown, crash, cannot connect now).
     */
    static boolean unavailable(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("53")
                || sqlState.startsWith("57P"));
    }
}

package org.nqpf.messaging;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Pattern;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A rebuild instance's copy of the state no topic carries ({@code ./nqpf rebuild}, docs/TOPICS.md): after Flyway
 * has migrated the empty rebuild schema, and so before any listener starts, each table the service names in
 * {@code nqpf.rebuild.copied-tables} (what operators wrote over HTTP, versioned and never derived) is copied from
 * the live schema, {@code nqpf.rebuild.from}. A table that already holds rows (the rebuild instance restarted) is
 * left as it is.
 */
public class RebuildCopies implements Callback {

    private static final Logger log = LoggerFactory.getLogger(RebuildCopies.class);
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");

    private final String from;
    private final List<String> tables;

    public RebuildCopies(String from, List<String> tables) {
        this.from = name(from);
        this.tables = tables.stream().map(RebuildCopies::name).toList();
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.AFTER_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        String to = context.getConfiguration().getDefaultSchema();
        if (to == null || to.equals(from)) {
            throw new IllegalStateException("a rebuild copies from " + from + " into a schema of its own, not " + to);
        }
        try {
            Connection db = context.getConnection();
            for (String table : tables) {
                copy(db, table, to);
            }
        }
        catch (SQLException e) {
            throw new IllegalStateException("copying " + tables + " from " + from + " into " + to + ": "
                    + e.getMessage(), e);
        }
    }

    private void copy(Connection db, String table, String to) throws SQLException {
        String columns;
        try (PreparedStatement st = db.prepareStatement("""
                SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position)
                FROM information_schema.columns WHERE table_schema = ? AND table_name = ?""")) {
            st.setString(1, to);
            st.setString(2, table);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                columns = rs.getString(1);
            }
        }
        if (columns == null) {
            throw new IllegalStateException(to + "." + table + " does not exist");
        }
        try (Statement st = db.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT EXISTS (SELECT 1 FROM " + to + "." + table + ")")) {
                rs.next();
                if (rs.getBoolean(1)) {
                    log.info("rebuild: {}.{} holds rows already, not copied again", to, table);
                    return;
                }
            }
            // The service's own triggers (a published library version is immutable) guard edits, not this copy of
            // rows that passed them once; constraints stay on.
            st.execute("ALTER TABLE " + to + "." + table + " DISABLE TRIGGER USER");
            int copied = st.executeUpdate("INSERT INTO " + to + "." + table + " (" + columns + ") SELECT " + columns
                    + " FROM " + from + "." + table);
            st.execute("ALTER TABLE " + to + "." + table + " ENABLE TRIGGER USER");
            log.info("rebuild: copied {} rows of {} from {} into {}", copied, table, from, to);
        }
    }

    @Override
    public String getCallbackName() {
        return "nqpf-rebuild-copies";
    }

    private static String name(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a schema or table name: '" + name + "'");
        }
        return name;
    }
}

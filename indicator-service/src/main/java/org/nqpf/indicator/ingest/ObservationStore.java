package org.nqpf.indicator.ingest;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The current view of observations and the history of their revisions. */
@Component
public class ObservationStore {

    private final JdbcClient jdbc;

    public ObservationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records a value as the newest revision of its (entity, indicator, period), unless it equals the current one.
     *
     * @return the stored revision, or empty when nothing changed
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<StoredObservation> record(String entity, String indicator, String period, double value,
            String source, Channel channel, Instant receivedAt) {
        UUID id = UUID.randomUUID();
        int inserted = jdbc.sql("""
                INSERT INTO observation (id, entity_id, indicator, period, value, deleted, revision, source, channel, received_at)
                VALUES (?, ?, ?, ?, ?, false, 1, ?, ?, ?)
                ON CONFLICT (entity_id, indicator, period) DO NOTHING""")
                .params(id, entity, indicator, period, value, source, channel.name(), Timestamp.from(receivedAt))
                .update();
        StoredObservation stored;
        if (inserted == 1) {
            stored = new StoredObservation(id, entity, indicator, period, value, false, 1, source, channel.name(),
                    receivedAt);
        }
        else {
            // Lock the current row: concurrent revisions of one value are applied one after the other.
            StoredObservation current = jdbc.sql("""
                    SELECT * FROM observation WHERE entity_id = ? AND indicator = ? AND period = ? FOR UPDATE""")
                    .params(entity, indicator, period).query((rs, i) -> observation(rs)).single();
            if (!current.deleted() && Objects.equals(current.value(), value) && current.source().equals(source)) {
                return Optional.empty();
            }
            stored = new StoredObservation(current.id(), entity, indicator, period, value, false,
                    current.revision() + 1, source, channel.name(), receivedAt);
            jdbc.sql("""
                    UPDATE observation SET value = ?, deleted = false, revision = ?, source = ?, channel = ?, received_at = ?
                    WHERE id = ?""")
                    .params(value, stored.revision(), source, channel.name(), Timestamp.from(receivedAt), current.id())
                    .update();
        }
        jdbc.sql("""
                INSERT INTO observation_revision (observation_id, revision, value, deleted, source, channel, received_at)
                VALUES (?, ?, ?, false, ?, ?, ?)""")
                .params(stored.id(), stored.revision(), value, source, channel.name(), Timestamp.from(receivedAt))
                .update();
        return Optional.of(stored);
    }

    /** The current values matching the filters (each may be null), deleted ones left out. */
    public List<StoredObservation> current(String entity, String indicator, String period, int limit) {
        return jdbc.sql("""
                SELECT * FROM observation
                WHERE NOT deleted
                  AND (:entity::text IS NULL OR entity_id = :entity)
                  AND (:indicator::text IS NULL OR indicator = :indicator)
                  AND (:period::text IS NULL OR period = :period)
                ORDER BY entity_id, indicator, period LIMIT :limit""")
                .param("entity", entity).param("indicator", indicator).param("period", period)
                .param("limit", limit)
                .query((rs, i) -> observation(rs)).list();
    }

    /** Every revision of one value, oldest first. */
    public List<StoredObservation> history(String entity, String indicator, String period) {
        return jdbc.sql("""
                SELECT o.id, o.entity_id, o.indicator, o.period, r.value, r.deleted, r.revision, r.source, r.channel, r.received_at
                FROM observation o JOIN observation_revision r ON r.observation_id = o.id
                WHERE o.entity_id = ? AND o.indicator = ? AND o.period = ?
                ORDER BY r.revision""")
                .params(entity, indicator, period)
                .query((rs, i) -> observation(rs)).list();
    }

    private static StoredObservation observation(ResultSet rs) throws SQLException {
        double value = rs.getDouble("value");
        Double v = rs.wasNull() ? null : value;
        return new StoredObservation(rs.getObject("id", UUID.class), rs.getString("entity_id"),
                rs.getString("indicator"), rs.getString("period"), v, rs.getBoolean("deleted"), rs.getInt("revision"),
                rs.getString("source"), rs.getString("channel"), rs.getTimestamp("received_at").toInstant());
    }
}

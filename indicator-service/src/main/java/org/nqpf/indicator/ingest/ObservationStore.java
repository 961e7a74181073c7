package org.nqpf.indicator.ingest;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import org.nqpf.indicator.entity.TenantScope;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The current view of observations and the history of their revisions. Batches are applied set-wise: one query
 * reads the current state of every key in the batch, the rules run in memory, and batched statements write the
 * result, so a batch of thousands of rows costs a handful of round trips.
 */
@Component
public class ObservationStore {

    /** A validated change to apply; {@code eventId} names the feed event that brought it, if one did. */
    public record Change(int row, String entity, String indicator, String period, Double value, boolean delete,
            String source, Instant sourceTime, String eventId) {
    }

    public enum Kind {
        /** First value of its key: stored and current. */
        NEW,
        /** A newer value: stored and current. */
        REVISED,
        /** Removed from the current view; history kept. */
        DELETED,
        /** A revision older, by the source's clock, than the current value: kept in history only. */
        SUPERSEDED,
        /** Equal to the current value, or a delete of what is not there: nothing stored. */
        UNCHANGED
    }

    public record Outcome(Change change, Kind kind, StoredObservation stored) {
        public boolean publishes() {
            return kind == Kind.NEW || kind == Kind.REVISED || kind == Kind.DELETED;
        }
    }

    private record Key(String entity, String indicator, String period) {
    }

    /** The current row of a key as it evolves while a batch is applied. */
    private static final class State {
        final Key key;
        final UUID id;
        /** Whether the key already has a row in the current view (an update) or gets one now (an insert). */
        final boolean stored;
        Double value;
        boolean deleted;
        int revision;
        int revisions;
        String source;
        String channel;
        Instant receivedAt;
        Instant sourceTime;

        State(Key key, UUID id, boolean stored) {
            this.key = key;
            this.id = id;
            this.stored = stored;
        }

        Instant effectiveTime() {
            return sourceTime != null ? sourceTime : receivedAt;
        }
    }

    /**
     * Version 7 UUIDs start with their time: a batch's new observations land together at the right edge of the
     * primary key and of the history's (observation_id, revision) key, where random ids touched a page of each
     * index per row (and, after every checkpoint, wrote each such page whole to the WAL).
     */
    private static final TimeBasedEpochGenerator IDS = Generators.timeBasedEpochGenerator();

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    public ObservationStore(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public List<Outcome> apply(List<Change> changes, String channel, Instant receivedAt) {
        if (changes.isEmpty()) {
            return List.of();
        }
        // Writers of the same entity take turns; entities in a fixed order so two batches never deadlock.
        TreeSet<String> entities = new TreeSet<>();
        changes.forEach(c -> entities.add(c.entity()));
        template.query("SELECT pg_advisory_xact_lock(hashtext('observation:' || e)) FROM unnest(?::text[]) "
                + "WITH ORDINALITY AS t(e, n) ORDER BY n", rs -> {
                }, (Object) entities.toArray(String[]::new));
        Map<Key, State> current = load(changes);
        Set<State> dirty = new LinkedHashSet<>(); // each key's state once, whatever its revisions in the batch
        List<Revision> history = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>(changes.size());
        for (Change c : changes) {
            Key key = new Key(c.entity(), c.indicator(), c.period());
            State s = current.get(key);
            Instant effective = c.sourceTime() != null ? c.sourceTime() : receivedAt;
            Kind kind;
            if (s == null) {
                if (c.delete()) {
                    outcomes.add(new Outcome(c, Kind.UNCHANGED, null));
                    continue;
                }
                s = new State(key, IDS.generate(), false);
                current.put(key, s);
                kind = Kind.NEW;
            }
            else if (effective.isBefore(s.effectiveTime())) {
                kind = Kind.SUPERSEDED;
            }
            else if (c.delete()) {
                kind = s.deleted ? Kind.UNCHANGED : Kind.DELETED;
            }
            else if (!s.deleted && Objects.equals(s.value, c.value()) && Objects.equals(s.source, c.source())) {
                kind = Kind.UNCHANGED;
            }
            else {
                kind = Kind.REVISED;
            }
            if (kind == Kind.UNCHANGED) {
                outcomes.add(new Outcome(c, kind, null));
                continue;
            }
            s.revisions++;
            boolean deleted = kind == Kind.DELETED;
            Double value = deleted ? null : c.value();
            if (kind != Kind.SUPERSEDED) {
                s.revision = s.revisions;
                s.value = value;
                s.deleted = deleted;
                s.source = c.source();
                s.channel = channel;
                s.receivedAt = receivedAt;
                s.sourceTime = c.sourceTime();
            }
            dirty.add(s);
            history.add(new Revision(s.id, s.revisions, value, deleted, c.source(), c.sourceTime(),
                    kind == Kind.SUPERSEDED, c.eventId()));
            outcomes.add(new Outcome(c, kind, new StoredObservation(s.id, c.entity(), c.indicator(), c.period(),
                    value, deleted, s.revisions, c.source(), channel, receivedAt, c.sourceTime(),
                    kind == Kind.SUPERSEDED)));
        }
        write(dirty);
        appendHistory(history, channel, receivedAt);
        return outcomes;
    }

    private Map<Key, State> load(List<Change> changes) {
        int size = changes.size();
        String[] e = new String[size];
        String[] i = new String[size];
        String[] p = new String[size];
        for (int k = 0; k < size; k++) {
            e[k] = changes.get(k).entity();
            i[k] = changes.get(k).indicator();
            p[k] = changes.get(k).period();
        }
        Map<Key, State> states = new HashMap<>();
        template.query("""
                SELECT o.* FROM observation o
                JOIN (SELECT DISTINCT * FROM unnest(?::text[], ?::text[], ?::text[])) AS k(e, i, p)
                  ON o.entity_id = k.e AND o.indicator = k.i AND o.period = k.p""", rs -> {
            Key key = new Key(rs.getString("entity_id"), rs.getString("indicator"), rs.getString("period"));
            State s = new State(key, rs.getObject("id", UUID.class), true);
            s.value = nullableDouble(rs, "value");
            s.deleted = rs.getBoolean("deleted");
            s.revision = rs.getInt("revision");
            s.revisions = rs.getInt("revisions");
            s.source = rs.getString("source");
            s.channel = rs.getString("channel");
            s.receivedAt = rs.getTimestamp("received_at").toInstant();
            Timestamp st = rs.getTimestamp("source_time");
            s.sourceTime = st == null ? null : st.toInstant();
            states.put(key, s);
        }, e, i, p);
        return states;
    }

    /** One revision to append to the history. */
    private record Revision(UUID observation, int revision, Double value, boolean deleted, String source,
            Instant sourceTime, boolean superseded, String eventId) {
    }

    /*
     * Writes pass each column as one array and unnest it server-side: one statement and one plan for the whole
     * batch, where a batch of multi-row VALUES binds every cell as its own parameter.
     */

    private void write(Collection<State> dirty) {
        List<State> inserts = dirty.stream().filter(s -> !s.stored).toList();
        List<State> updates = dirty.stream().filter(s -> s.stored).toList();
        if (!inserts.isEmpty()) {
            // New keys only: every writer of these entities holds their lock, so no one else inserts them meanwhile.
            Object[] values = currentValues(inserts);
            Object[] args = Arrays.copyOf(values, values.length + 3);
            args[values.length] = inserts.stream().map(s -> s.key.entity()).toArray(String[]::new);
            args[values.length + 1] = inserts.stream().map(s -> s.key.indicator()).toArray(String[]::new);
            args[values.length + 2] = inserts.stream().map(s -> s.key.period()).toArray(String[]::new);
            template.update("""
                    INSERT INTO observation (id, value, deleted, revision, revisions, source, channel, received_at,
                                             source_time, entity_id, indicator, period)
                    SELECT * FROM unnest(?::uuid[], ?::float8[], ?::boolean[], ?::int[], ?::int[], ?::text[], ?::text[],
                                         ?::timestamptz[], ?::timestamptz[], ?::text[], ?::text[], ?::text[])""",
                    args);
        }
        if (!updates.isEmpty()) {
            // Only non-indexed columns change: a HOT update, room for it kept by the table's fill factor.
            template.update("""
                    UPDATE observation o SET value = u.value, deleted = u.deleted, revision = u.revision,
                           revisions = u.revisions, source = u.source, channel = u.channel,
                           received_at = u.received_at, source_time = u.source_time
                    FROM unnest(?::uuid[], ?::float8[], ?::boolean[], ?::int[], ?::int[], ?::text[], ?::text[],
                                ?::timestamptz[], ?::timestamptz[])
                         AS u(id, value, deleted, revision, revisions, source, channel, received_at, source_time)
                    WHERE o.id = u.id""", currentValues(updates));
        }
    }

    /** The current-view columns an insert and an update both write, one array each, in the statements' order. */
    private static Object[] currentValues(List<State> rows) {
        return new Object[] {
                rows.stream().map(s -> s.id.toString()).toArray(String[]::new),
                rows.stream().map(s -> s.value).toArray(Double[]::new),
                rows.stream().map(s -> s.deleted).toArray(Boolean[]::new),
                rows.stream().map(s -> s.revision).toArray(Integer[]::new),
                rows.stream().map(s -> s.revisions).toArray(Integer[]::new),
                rows.stream().map(s -> s.source).toArray(String[]::new),
                rows.stream().map(s -> s.channel).toArray(String[]::new),
                rows.stream().map(s -> s.receivedAt.toString()).toArray(String[]::new),
                rows.stream().map(s -> text(s.sourceTime)).toArray(String[]::new)};
    }

    private void appendHistory(List<Revision> history, String channel, Instant receivedAt) {
        if (history.isEmpty()) {
            return;
        }
        template.update("""
                INSERT INTO observation_revision (observation_id, revision, value, deleted, source, channel,
                                                  received_at, source_time, superseded, event_id)
                SELECT h.id, h.revision, h.value, h.deleted, h.source, ?, ?, h.source_time, h.superseded, h.event_id
                FROM unnest(?::uuid[], ?::int[], ?::float8[], ?::boolean[], ?::text[], ?::timestamptz[], ?::boolean[],
                            ?::text[])
                     AS h(id, revision, value, deleted, source, source_time, superseded, event_id)""",
                channel, Timestamp.from(receivedAt),
                history.stream().map(r -> r.observation().toString()).toArray(String[]::new),
                history.stream().map(Revision::revision).toArray(Integer[]::new),
                history.stream().map(Revision::value).toArray(Double[]::new),
                history.stream().map(Revision::deleted).toArray(Boolean[]::new),
                history.stream().map(Revision::source).toArray(String[]::new),
                history.stream().map(r -> text(r.sourceTime())).toArray(String[]::new),
                history.stream().map(Revision::superseded).toArray(Boolean[]::new),
                history.stream().map(Revision::eventId).toArray(String[]::new));
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }

    /**
     * The feed events among {@code eventIds} whose change is already in the history. Their ids are unique there, so
     * a second delivery racing the first fails on the index instead of storing twice.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Set<String> recordedEvents(Collection<String> eventIds) {
        Set<String> recorded = new HashSet<>();
        // A join with the ids, not "event_id = ANY(?)": given a few thousand ids, the planner prices the index probes
        // above a scan of the whole history and would read it all, every batch.
        template.query("""
                SELECT r.event_id FROM unnest(?::text[]) AS k(id)
                JOIN observation_revision r ON r.event_id = k.id""",
                rs -> {
                    recorded.add(rs.getString(1));
                }, (Object) eventIds.toArray(String[]::new));
        return recorded;
    }

    /** Only the observations of entities the scope sees. */
    private static final String VISIBLE = """
            (:all OR entity_id IN (SELECT e.id FROM entity e WHERE e.tenant = :tenant::text))""";

    /** The current values matching the filters (each may be null), deleted ones left out. */
    public List<StoredObservation> current(String entity, String indicator, String period, int limit) {
        return current(entity, indicator, period, limit, TenantScope.ALL);
    }

    /** The current values of the entities {@code scope} sees matching the filters. */
    public List<StoredObservation> current(String entity, String indicator, String period, int limit,
            TenantScope scope) {
        return jdbc.sql("""
                SELECT *, false AS superseded FROM observation
                WHERE NOT deleted AND """ + VISIBLE + """

                  AND (:entity::text IS NULL OR entity_id = :entity)
                  AND (:indicator::text IS NULL OR indicator = :indicator)
                  AND (:period::text IS NULL OR period = :period)
                ORDER BY entity_id, indicator, period LIMIT :limit""")
                .param("entity", entity).param("indicator", indicator).param("period", period)
                .param("limit", limit).param("all", scope.all()).param("tenant", scope.tenant())
                .query((rs, n) -> observation(rs)).list();
    }

    /**
     * The values as the platform knew them at {@code asOf}: for each observation, the newest revision received by
     * then that was applied (not superseded), deleted ones left out.
     */
    public List<StoredObservation> asOf(String entity, String indicator, String period, Instant asOf, int limit) {
        return asOf(entity, indicator, period, asOf, limit, TenantScope.ALL);
    }

    public List<StoredObservation> asOf(String entity, String indicator, String period, Instant asOf, int limit,
            TenantScope scope) {
        return jdbc.sql("""
                SELECT * FROM (
                  SELECT DISTINCT ON (o.id) o.id, o.entity_id, o.indicator, o.period, r.value, r.deleted, r.revision,
                         r.source, r.channel, r.received_at, r.source_time, r.superseded
                  FROM observation o JOIN observation_revision r ON r.observation_id = o.id
                  WHERE NOT r.superseded AND r.received_at <= :asOf AND """ + VISIBLE + """

                    AND (:entity::text IS NULL OR o.entity_id = :entity)
                    AND (:indicator::text IS NULL OR o.indicator = :indicator)
                    AND (:period::text IS NULL OR o.period = :period)
                  ORDER BY o.id, r.revision DESC) v
                WHERE NOT deleted
                ORDER BY entity_id, indicator, period LIMIT :limit""")
                .param("entity", entity).param("indicator", indicator).param("period", period)
                .param("asOf", Timestamp.from(asOf)).param("limit", limit).param("all", scope.all())
                .param("tenant", scope.tenant())
                .query((rs, n) -> observation(rs)).list();
    }

    /** Every revision of one value, oldest first, superseded ones included and marked. */
    public List<StoredObservation> history(String entity, String indicator, String period) {
        return history(entity, indicator, period, TenantScope.ALL);
    }

    public List<StoredObservation> history(String entity, String indicator, String period, TenantScope scope) {
        return jdbc.sql("""
                SELECT o.id, o.entity_id, o.indicator, o.period, r.value, r.deleted, r.revision, r.source, r.channel,
                       r.received_at, r.source_time, r.superseded
                FROM observation o JOIN observation_revision r ON r.observation_id = o.id
                WHERE o.entity_id = :entity AND o.indicator = :indicator AND o.period = :period AND """ + VISIBLE + """

                ORDER BY r.revision""")
                .param("entity", entity).param("indicator", indicator).param("period", period)
                .param("all", scope.all()).param("tenant", scope.tenant())
                .query((rs, n) -> observation(rs)).list();
    }

    private static StoredObservation observation(ResultSet rs) throws SQLException {
        Timestamp st = rs.getTimestamp("source_time");
        return new StoredObservation(rs.getObject("id", UUID.class), rs.getString("entity_id"),
                rs.getString("indicator"), rs.getString("period"), nullableDouble(rs, "value"),
                rs.getBoolean("deleted"), rs.getInt("revision"), rs.getString("source"), rs.getString("channel"),
                rs.getTimestamp("received_at").toInstant(), st == null ? null : st.toInstant(),
                rs.getBoolean("superseded"));
    }

    private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }
}

package org.nqpf.messaging;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The inbox that makes a consumer idempotent: call {@link #firstDelivery} in the transaction that applies the
 * event; a redelivered event returns {@code false} and must change nothing.
 */
public class ProcessedEvents {

    private final JdbcTemplate jdbc;

    public ProcessedEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public boolean firstDelivery(String consumer, String eventId) {
        return jdbc.update("INSERT INTO processed_event (consumer, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                consumer, eventId) == 1;
    }

    /** The ids among {@code eventIds} seen for the first time, recorded as seen: one round trip for a batch. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Set<String> firstDeliveries(String consumer, Collection<String> eventIds) {
        return ids(eventIds, """
                INSERT INTO processed_event (consumer, event_id) SELECT ?, unnest(?::text[])
                ON CONFLICT DO NOTHING RETURNING event_id""", consumer, eventIds.toArray(String[]::new));
    }

    /** The ids among {@code eventIds} already recorded for {@code consumer}; records nothing. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Set<String> seen(String consumer, Collection<String> eventIds) {
        // A join with the ids, so each is one probe of the primary key whatever the size of the batch.
        return ids(eventIds, """
                SELECT p.event_id FROM unnest(?::text[]) AS k(id)
                JOIN processed_event p ON p.consumer = ? AND p.event_id = k.id""",
                eventIds.toArray(String[]::new), consumer);
    }

    /** The event ids a query over {@code eventIds} returns; none asked, none queried. */
    private Set<String> ids(Collection<String> eventIds, String sql, Object... args) {
        Set<String> ids = new HashSet<>();
        if (!eventIds.isEmpty()) {
            jdbc.query(sql, rs -> {
                ids.add(rs.getString(1));
            }, args);
        }
        return ids;
    }

    /** Records {@code eventIds} as processed by {@code consumer}; ids already there stay as they are. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String consumer, Collection<String> eventIds) {
        firstDeliveries(consumer, eventIds);
    }
}

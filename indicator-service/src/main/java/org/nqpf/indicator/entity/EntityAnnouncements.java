package org.nqpf.indicator.entity;

import java.sql.Array;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.nqpf.contracts.EntityChanged;
import org.nqpf.contracts.EventTypes;
import org.nqpf.contracts.Topics;
import org.nqpf.messaging.Events;
import org.nqpf.messaging.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every entity as the registry holds it, announced as {@link EntityChanged} on {@link Topics#ENTITIES} (key: the
 * entity's id) through the outbox, in the transaction of its change: the other services learn each entity's tenant and
 * cohorts from it. An entity whose revision is ahead of the one last announced (every entity from before the
 * announcements began, or one changed behind the registry's back) is announced once when the service starts.
 */
@Component
public class EntityAnnouncements {

    private static final Logger log = LoggerFactory.getLogger(EntityAnnouncements.class);
    private static final int BATCH = 1000;

    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final Events events;
    private final TransactionTemplate transactions;

    EntityAnnouncements(JdbcClient jdbc, Outbox outbox, Events events, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.events = events;
        this.transactions = transactions;
    }

    /** Writes the entities' current state, at their current revision, to the outbox; in the change's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    void announce(List<String> entityIds) {
        List<EntityChanged> changed = jdbc.sql("""
                SELECT e.id, e.kind, e.name_en, e.name_zh, e.parent_id, e.tenant, e.revision,
                       coalesce(array_agg(m.cohort_code ORDER BY m.cohort_code) FILTER (WHERE m.cohort_code IS NOT NULL), '{}') AS cohorts
                FROM entity e LEFT JOIN cohort_member m ON m.entity_id = e.id
                WHERE e.id = ANY(?) GROUP BY e.id ORDER BY e.id""")
                .param(entityIds.toArray(String[]::new))
                .query((rs, i) -> {
                    Array cohorts = rs.getArray("cohorts");
                    return new EntityChanged(rs.getString("id"), rs.getString("kind"), rs.getString("name_en"),
                            rs.getString("name_zh"), rs.getString("parent_id"), rs.getString("tenant"),
                            Arrays.asList((String[]) cohorts.getArray()), rs.getLong("revision"), Instant.now());
                }).list();
        outbox.appendAll(changed.stream().map(c -> new Outbox.Entry(Topics.ENTITIES, c.entityId(),
                // the id names the revision: a re-send of one revision is recognised downstream
                events.create(c.entityId() + "/" + c.revision(), EventTypes.ENTITY_CHANGED, c.entityId(), c)))
                .toList());
        jdbc.sql("UPDATE entity SET announced_revision = revision WHERE id = ANY(?)")
                .param(entityIds.toArray(String[]::new)).update();
    }

    /**
     * Announces every entity whose current revision was never announced, a batch per transaction; instances
     * starting together share the work (a locked entity is skipped by the other). Returns how many were announced.
     */
    public int announcePending() {
        int total = 0;
        while (true) {
            Integer done = transactions.execute(tx -> {
                List<String> ids = jdbc.sql("""
                        SELECT id FROM entity WHERE announced_revision < revision ORDER BY id LIMIT ?
                        FOR UPDATE SKIP LOCKED""").param(BATCH).query(String.class).list();
                if (!ids.isEmpty()) {
                    announce(ids);
                }
                return ids.size();
            });
            total += done;
            if (done < BATCH) {
                return total;
            }
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void announceOnStart() {
        int announced = announcePending();
        if (announced > 0) {
            log.info("announced {} entities whose last change was not announced yet on {}", announced, Topics.ENTITIES);
        }
    }
}

package org.nqpf.security.tenancy;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.nqpf.contracts.EntityChanged;
import org.nqpf.messaging.RejectedEventException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Each entity's tenant and names, as the registry's latest EntityChanged said: the table {@code entity_tenant} of
 * the service's own schema (its migration creates it). A service that shows entities to tenant-bound callers keeps
 * it through {@link EntityTenancy}.
 */
public class EntityTenants {

    public record Row(String entityId, String tenant, String nameEn, String nameZh) {
    }

    private final JdbcClient jdbc;

    public EntityTenants(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Keeps the change unless a higher revision of the entity is stored already; whether it was kept. */
    public boolean apply(EntityChanged e) {
        if (e.entityId() == null || e.entityId().isBlank()) {
            throw new RejectedEventException("EntityChanged without an entityId");
        }
        if (e.revision() < 1) {
            throw new RejectedEventException("EntityChanged of " + e.entityId() + " has revision " + e.revision()
                    + ", expected >= 1");
        }
        return jdbc.sql("""
                INSERT INTO entity_tenant (entity_id, tenant, name_en, name_zh, revision, changed_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (entity_id) DO UPDATE SET tenant = EXCLUDED.tenant, name_en = EXCLUDED.name_en,
                    name_zh = EXCLUDED.name_zh, revision = EXCLUDED.revision, changed_at = EXCLUDED.changed_at
                WHERE entity_tenant.revision < EXCLUDED.revision""")
                .params(e.entityId(), e.tenant(), e.nameEn(), e.nameZh(), e.revision(),
                        e.changedAt() == null ? null : Timestamp.from(e.changedAt()))
                .update() > 0;
    }

    /** A tombstone on the compacted topic: the registry holds the entity no more. */
    public void remove(String entityId) {
        jdbc.sql("DELETE FROM entity_tenant WHERE entity_id = ?").param(entityId).update();
    }

    public Optional<String> tenantOf(String entityId) {
        return jdbc.sql("SELECT tenant FROM entity_tenant WHERE entity_id = ?").param(entityId)
                .query(String.class).optional();
    }

    public List<Row> all() {
        return jdbc.sql("SELECT entity_id, tenant, name_en, name_zh FROM entity_tenant")
                .query((rs, i) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
    }
}

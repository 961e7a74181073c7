package org.nqpf.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * An entity as indicator-service's registry now holds it ({@link EventTypes#ENTITY_CHANGED} on
 * {@link Topics#ENTITIES}, key: entity id), sent on every change and so the latest per key is the entity. The other
 * services keep who belongs to which tenant from it: a portal sees only its tenant's entities (docs/SECURITY.md).
 *
 * @param tenant   the tenant (an enterprise group, a region's administration) whose portal may see the entity;
 *                 null for none
 * @param revision increases with every change of the entity: a consumer keeps the highest it has seen
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EntityChanged(String entityId, String kind, String nameEn, String nameZh, String parentId,
        String tenant, List<String> cohorts, long revision, Instant changedAt) {
}

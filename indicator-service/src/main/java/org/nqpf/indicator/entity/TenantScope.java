package org.nqpf.indicator.entity;

import org.nqpf.security.Caller;

/**
 * Which entities a caller may see: all of them, or those of one tenant (docs/SECURITY.md). The registry's queries
 * take it, so a tenant-bound caller's lists, searches and lookups never hold another tenant's entity: an entity it
 * may not see is answered exactly as a missing one.
 *
 * @param all    every entity, whatever its tenant
 * @param tenant when not {@code all}: the one tenant whose entities are seen; null sees none
 */
public record TenantScope(boolean all, String tenant) {

    public static final TenantScope ALL = new TenantScope(true, null);

    public static TenantScope only(String tenant) {
        return new TenantScope(false, tenant);
    }

    /** What the caller of an entity read may see: its tenant's entities when it is tenant-bound (a PORTAL). */
    public static TenantScope readerOf(Caller caller) {
        return caller.tenantBound() ? only(caller.tenant()) : ALL;
    }

    public boolean sees(String entityTenant) {
        return all || (tenant != null && tenant.equals(entityTenant));
    }
}

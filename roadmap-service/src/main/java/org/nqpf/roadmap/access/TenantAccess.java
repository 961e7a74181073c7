package org.nqpf.roadmap.access;

import org.nqpf.security.Redaction;

/**
 * What the current caller may see (docs/SECURITY.md): a tenant-bound caller (a PORTAL) sees only the entities of its
 * tenant; any other (of another tenant, of none, or one the registry never announced) is as if missing when asked for
 * by id, and an anonymous peer wherever an answer names it. Callers that read across tenants see all.
 */
public interface TenantAccess {

    /** Whether the current caller may see the entity; when not, a route answers as for a missing one. */
    boolean sees(String entityId);

    /**
     * How the current request's answer is redacted: {@link Redaction#NONE} for a caller that reads across tenants;
     * the same instance for every part of one answer, so a peer keeps its label throughout.
     */
    Redaction redaction();

    /** The value with every entity the caller does not see replaced by its label, as the same type: for rendering. */
    <T> T redactInPlace(T value, Class<T> type);

    /** Sees everything: for a web slice test without the service's database. */
    static TenantAccess unrestricted() {
        return new TenantAccess() {
            @Override
            public boolean sees(String entityId) {
                return true;
            }

            @Override
            public Redaction redaction() {
                return Redaction.NONE;
            }

            @Override
            public <T> T redactInPlace(T value, Class<T> type) {
                return value;
            }
        };
    }
}

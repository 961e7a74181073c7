package org.nqpf.indicator.ingest;

import org.nqpf.indicator.entity.TenantScope;
import org.nqpf.security.Caller;
import org.nqpf.security.Role;
import org.nqpf.web.ProblemException;
import org.springframework.http.HttpStatus;

/**
 * Who submits a batch, as the ingestion rules need it (docs/SECURITY.md): the entities it may submit for, and the
 * source it must submit under.
 *
 * @param subject  who it is, for the record (the token's {@code sub} or the API key's id)
 * @param entities the entities its rows may name: a PORTAL's are its tenant's, and a row for any other entity is
 *                 rejected exactly as one for an unknown entity
 * @param source   for a FEED, the source of its identity: a row without a source is recorded under it, a row naming
 *                 another is rejected; null when the rows name their own source (a STEWARD, or the raw feed topic)
 */
public record Submitter(String subject, TenantScope entities, String source) {

    /** The raw feed topic and import jobs from before submitters were recorded: rows as they are. */
    public static final Submitter UNBOUND = new Submitter(null, TenantScope.ALL, null);

    /**
     * The submitter a caller is. A FEED whose identity names no source cannot submit at all (403): its rows would
     * otherwise be recorded under any source they name.
     */
    public static Submitter of(Caller caller) {
        TenantScope entities = caller.has(Role.PORTAL) && caller.tenantBound() ? TenantScope.only(caller.tenant())
                : TenantScope.ALL;
        if (caller.sourceBound() && (caller.source() == null || caller.source().isBlank())) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                    "a feed submits under the source its identity names, and " + caller.subject() + "'s names none");
        }
        return new Submitter(caller.subject(), entities, caller.sourceBound() ? caller.source() : null);
    }

    public boolean sourceBound() {
        return source != null;
    }
}

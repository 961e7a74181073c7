package org.nqpf.assessment.access;

import org.nqpf.security.tenancy.EntityTenancy;
import org.nqpf.security.tenancy.EntityTenants;
import org.springframework.context.annotation.Import;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nqpf.security.Caller;
import org.nqpf.security.Redaction;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerMapping;

/**
 * What the current caller may see (docs/SECURITY.md): a tenant-bound caller (a PORTAL) sees only the entities of its
 * tenant, every other one (of another tenant, of none, or one the registry never announced) is as if missing when
 * asked for by id, and an anonymous peer wherever an answer names it. Callers that read across tenants see all.
 */
@Import(EntityTenancy.class) // the registry's tenants, kept from its events
@Component
public class TenantAccess {

    private static final String CACHED = TenantAccess.class.getName() + ".redaction";

    private final EntityTenants tenants;
    private final JdbcClient jdbc;

    TenantAccess(EntityTenants tenants, JdbcClient jdbc) {
        this.tenants = tenants;
        this.jdbc = jdbc;
    }

    /** Whether the current caller may see the entity; when not, a route answers as for a missing one. */
    public boolean sees(String entityId) {
        Caller caller = Caller.current();
        return !caller.tenantBound() || tenants.tenantOf(entityId).map(caller::sees).orElse(false);
    }

    /**
     * How the answer to this request is to be redacted for the current caller: {@link Redaction#NONE} for one that
     * reads across tenants; else the entities it does not see, labelled by their place in the ranking the answer
     * stands in (the cohort's, period's and framework's that the route chose), once per request.
     */
    Redaction redaction(HttpServletRequest request) {
        Caller caller = Caller.current();
        if (!caller.tenantBound()) {
            return Redaction.NONE;
        }
        if (request.getAttribute(CACHED) instanceof Redaction cached) {
            return cached;
        }
        Redaction.Builder builder = Redaction.builder();
        for (EntityTenants.Row row : tenants.all()) {
            if (caller.sees(row.tenant())) {
                builder.visible(row.entityId(), row.nameEn(), row.nameZh());
            }
            else {
                builder.hidden(row.entityId(), row.nameEn(), row.nameZh());
            }
        }
        builder.ranking(ranking(request));
        Redaction redaction = builder.build();
        request.setAttribute(CACHED, redaction);
        return redaction;
    }

    /**
     * The ranking the answer stands in, best first: the cohort's asked for ({@code GET /api/v1/assessments?cohort=}),
     * or that of the entity's assessment the route picks (as {@code AssessmentStore.find} picks it).
     */
    private List<String> ranking(HttpServletRequest request) {
        String period = request.getParameter("period");
        String framework = request.getParameter("framework");
        String cohort = request.getParameter("cohort");
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        String entityId = variables instanceof Map<?, ?> map && map.get("entityId") instanceof String id ? id : null;
        Optional<String[]> key;
        if (entityId == null) {
            if (cohort == null) {
                return List.of();
            }
            key = jdbc.sql("""
                    SELECT framework_code, cohort, period FROM assessment
                    WHERE cohort = :cohort
                      AND (CAST(:period AS TEXT) IS NULL OR period = :period)
                      AND (CAST(:framework AS TEXT) IS NULL OR framework_code = :framework)
                    ORDER BY period DESC, framework_code LIMIT 1""")
                    .param("cohort", cohort).param("period", period).param("framework", framework)
                    .query((rs, i) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
                    .optional();
        }
        else {
            key = jdbc.sql("""
                    SELECT a.framework_code, a.cohort, a.period FROM assessment a
                    LEFT JOIN entity_cohorts ec ON ec.entity_id = a.entity_id
                    WHERE a.entity_id = :entity
                      AND (CAST(:period AS TEXT) IS NULL OR a.period = :period)
                      AND (CAST(:cohort AS TEXT) IS NULL OR a.cohort = :cohort)
                      AND (CAST(:framework AS TEXT) IS NULL OR a.framework_code = :framework)
                    ORDER BY a.period DESC, array_position(ec.cohorts, a.cohort) NULLS LAST, a.cohort,
                        a.framework_code
                    LIMIT 1""")
                    .param("entity", entityId).param("period", period).param("cohort", cohort)
                    .param("framework", framework)
                    .query((rs, i) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
                    .optional();
        }
        return key.map(k -> jdbc.sql("""
                SELECT entity_id FROM assessment WHERE framework_code = ? AND cohort = ? AND period = ?
                ORDER BY rank, entity_id""")
                .params(k[0], k[1], k[2]).query(String.class).list()).orElse(List.of());
    }
}

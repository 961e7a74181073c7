package org.nqpf.roadmap.access;

import org.nqpf.security.tenancy.EntityTenancy;
import org.nqpf.security.tenancy.EntityTenants;
import org.springframework.context.annotation.Import;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.nqpf.security.Caller;
import org.nqpf.security.Redaction;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.HandlerMapping;
import tools.jackson.databind.json.JsonMapper;

/** {@link TenantAccess} from the registry's tenants ({@link EntityTenants}) and the cohort's ranking. */
@Import(EntityTenancy.class) // the registry's tenants, kept from its events
@Component
class TenantDirectory implements TenantAccess {

    private static final String CACHED = TenantDirectory.class.getName() + ".redaction";

    private final EntityTenants tenants;
    private final JdbcClient jdbc;
    private final JsonMapper json;

    TenantDirectory(EntityTenants tenants, JdbcClient jdbc, JsonMapper json) {
        this.tenants = tenants;
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public boolean sees(String entityId) {
        Caller caller = Caller.current();
        return !caller.tenantBound() || tenants.tenantOf(entityId).map(caller::sees).orElse(false);
    }

    @Override
    public Redaction redaction() {
        Caller caller = Caller.current();
        if (!caller.tenantBound()) {
            return Redaction.NONE;
        }
        HttpServletRequest request = request();
        if (request != null && request.getAttribute(CACHED) instanceof Redaction cached) {
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
        if (request != null) {
            ranking(request, builder);
        }
        Redaction redaction = builder.build();
        if (request != null) {
            request.setAttribute(CACHED, redaction);
        }
        return redaction;
    }

    @Override
    public <T> T redactInPlace(T value, Class<T> type) {
        Redaction redaction = redaction();
        return value == null || !redaction.active() ? value
                : json.treeToValue(redaction.applyInPlace(json.valueToTree(value)), type);
    }

    private static HttpServletRequest request() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest() : null;
    }

    /**
     * The ranking the answer stands in, best first: that of the cohort-period of the entity's roadmap the route picks
     * (the asked-for cohort and framework, else the most recently generated, as the roadmap routes choose). The
     * cohort's members of other periods (an older version's peers) are hidden too, numbered after the ranking.
     */
    private void ranking(HttpServletRequest request, Redaction.Builder builder) {
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        String entityId = variables instanceof Map<?, ?> map && map.get("entityId") instanceof String id ? id : null;
        if (entityId == null) {
            return;
        }
        jdbc.sql("""
                SELECT cohort, framework_code, period FROM roadmap
                WHERE entity_id = :entity
                  AND (CAST(:cohort AS TEXT) IS NULL OR cohort = :cohort)
                  AND (CAST(:framework AS TEXT) IS NULL OR framework_code = :framework)
                ORDER BY generated_at DESC, version DESC LIMIT 1""")
                .param("entity", entityId)
                .param("cohort", blank(request.getParameter("cohort")))
                .param("framework", blank(request.getParameter("framework")))
                .query((rs, i) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
                .optional()
                .ifPresent(key -> {
                    builder.ranking(jdbc.sql("""
                            SELECT entity_id FROM assessment WHERE cohort = ? AND framework_code = ? AND period = ?
                            ORDER BY (body ->> 'rank')::int, entity_id""")
                            .params(key[0], key[1], key[2]).query(String.class).list());
                    jdbc.sql("SELECT DISTINCT entity_id FROM assessment WHERE cohort = ? AND framework_code = ?")
                            .params(key[0], key[1]).query(String.class).list().forEach(builder::hidden);
                });
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}

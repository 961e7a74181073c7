package org.nqpf.indicator.entity;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/** The entity registry and its cohorts. */
@Component
public class EntityRegistry {

    private static final String SELECT_ENTITY = """
            SELECT e.*, coalesce(array_agg(m.cohort_code ORDER BY m.cohort_code) FILTER (WHERE m.cohort_code IS NOT NULL), '{}') AS cohorts
            FROM entity e LEFT JOIN cohort_member m ON m.entity_id = e.id
            """;

    private final JdbcClient jdbc;

    public EntityRegistry(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Entities, optionally of one kind, in one cohort, or whose id, code or names contain {@code query}. */
    public List<Entity> search(String kind, String cohort, String query) {
        return jdbc.sql(SELECT_ENTITY + """
                WHERE (:kind::text IS NULL OR e.kind = :kind)
                  AND (:cohort::text IS NULL OR e.id IN (SELECT entity_id FROM cohort_member WHERE cohort_code = :cohort))
                  AND (:q::text IS NULL OR e.id ILIKE '%' || :q || '%' OR e.code ILIKE '%' || :q || '%'
                       OR e.name_en ILIKE '%' || :q || '%' OR e.name_zh LIKE '%' || :q || '%')
                GROUP BY e.id ORDER BY e.id""")
                .param("kind", kind).param("cohort", cohort).param("q", query)
                .query((rs, i) -> entity(rs)).list();
    }

    public Optional<Entity> find(String id) {
        return jdbc.sql(SELECT_ENTITY + " WHERE e.id = ? GROUP BY e.id").param(id).query((rs, i) -> entity(rs))
                .optional();
    }

    /** The registered ones among {@code ids}, by id. */
    public Map<String, Entity> findAll(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql(SELECT_ENTITY + " WHERE e.id = ANY(?) GROUP BY e.id")
                .param(ids.toArray(String[]::new))
                .query((rs, i) -> entity(rs)).list().stream()
                .collect(Collectors.toMap(Entity::id, Function.identity()));
    }

    @Transactional
    public Entity register(Entity entity) {
        if (entity.parentId() != null && find(entity.parentId()).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_CONTENT,
                    "parentId: no entity " + entity.parentId());
        }
        try {
            jdbc.sql("INSERT INTO entity (id, kind, code, name_en, name_zh, parent_id) VALUES (?, ?, ?, ?, ?, ?)")
                    .params(entity.id(), entity.kind(), entity.code(), entity.nameEn(), entity.nameZh(),
                            entity.parentId())
                    .update();
        }
        catch (DuplicateKeyException e) {
            throw new ResponseStatusException(HttpStatus.CONFLICT,
                    "an entity with id " + entity.id() + " or " + entity.kind() + " code " + entity.code() + " exists");
        }
        for (String cohort : entity.cohorts()) {
            addMember(cohort, entity.id());
        }
        return find(entity.id()).orElseThrow();
    }

    @Transactional
    public void addMember(String cohort, String entityId) {
        if (cohort(cohort).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_CONTENT, "cohorts: no cohort " + cohort);
        }
        jdbc.sql("INSERT INTO cohort_member (cohort_code, entity_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(cohort, entityId).update();
    }

    public List<Cohort> cohorts() {
        return jdbc.sql("SELECT code FROM cohort ORDER BY code").query(String.class).list().stream()
                .map(code -> cohort(code).orElseThrow()).toList();
    }

    public Optional<Cohort> cohort(String code) {
        List<String> members = jdbc.sql("SELECT entity_id FROM cohort_member WHERE cohort_code = ? ORDER BY entity_id")
                .param(code).query(String.class).list();
        return jdbc.sql("SELECT * FROM cohort WHERE code = ?").param(code)
                .query((rs, i) -> new Cohort(rs.getString("code"), rs.getString("name_en"), rs.getString("name_zh"),
                        rs.getString("description"), members))
                .optional();
    }

    @Transactional
    public Cohort createCohort(Cohort cohort) {
        try {
            jdbc.sql("INSERT INTO cohort (code, name_en, name_zh, description) VALUES (?, ?, ?, ?)")
                    .params(cohort.code(), cohort.nameEn(), cohort.nameZh(), cohort.description()).update();
        }
        catch (DuplicateKeyException e) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "cohort " + cohort.code() + " exists");
        }
        Map<String, Entity> known = findAll(cohort.members());
        for (String member : cohort.members()) {
            if (!known.containsKey(member)) {
                throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_CONTENT, "members: no entity " + member);
            }
            addMember(cohort.code(), member);
        }
        return cohort(cohort.code()).orElseThrow();
    }

    private static Entity entity(ResultSet rs) throws SQLException {
        Array cohorts = rs.getArray("cohorts");
        return new Entity(rs.getString("id"), rs.getString("kind"), rs.getString("code"), rs.getString("name_en"),
                rs.getString("name_zh"), rs.getString("parent_id"),
                Arrays.asList((String[]) cohorts.getArray()));
    }
}

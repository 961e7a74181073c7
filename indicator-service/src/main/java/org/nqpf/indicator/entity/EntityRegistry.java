package org.nqpf.indicator.entity;

import org.nqpf.web.FieldError;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.nqpf.web.InvalidInputException;
import org.nqpf.web.NotFoundException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The entity registry and its cohorts. Entities form one hierarchy (regions under regions, industries under
 * industries, enterprises under anything); every change to it is checked so that it stays a tree.
 */
@Component
public class EntityRegistry {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    static final Pattern COHORT_CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    static final int MAX_PAGE_SIZE = 1000;
    private static final int MAX_NAME = 200;
    /** As a framework's description: room for a paragraph, not for a document. */
    private static final int MAX_DESCRIPTION = 2000;

    static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    /** The entity with its cohorts and its parent's tenant (a tenant-bound caller sees no parent it may not see). */
    private static final String SELECT_ENTITY = """
            SELECT e.*, coalesce(array_agg(m.cohort_code ORDER BY m.cohort_code) FILTER (WHERE m.cohort_code IS NOT NULL), '{}') AS cohorts,
                   (SELECT p.tenant FROM entity p WHERE p.id = e.parent_id) AS parent_tenant
            FROM entity e LEFT JOIN cohort_member m ON m.entity_id = e.id
            """;
    /** The tenant rule of every read: with {@code :all} false, only the entities of {@code :tenant} (none for null). */
    private static final String VISIBLE = "(:all OR e.tenant = :tenant::text)";
    private static final String SEARCH = "WHERE " + VISIBLE + """

              AND (:kind::text IS NULL OR e.kind = :kind)
              AND (:cohort::text IS NULL OR e.id IN (SELECT entity_id FROM cohort_member WHERE cohort_code = :cohort))
              AND (:parent::text IS NULL OR e.parent_id = :parent)
              AND (:q::text IS NULL OR e.id ILIKE '%' || :q || '%' OR e.code ILIKE '%' || :q || '%'
                   OR e.name_en ILIKE '%' || :q || '%' OR e.name_zh ILIKE '%' || :q || '%')
            """;

    private final JdbcClient jdbc;
    private final EntityAnnouncements announcements;

    public EntityRegistry(JdbcClient jdbc, EntityAnnouncements announcements) {
        this.jdbc = jdbc;
        this.announcements = announcements;
    }

    /** Entities, optionally of one kind, in one cohort, or whose id, code or names contain {@code query}. */
    public List<Entity> search(String kind, String cohort, String query) {
        return search(new EntitySearch(kind, cohort, query, null), 0, Integer.MAX_VALUE).items();
    }

    /** One page (from 0) of the entities matching {@code search}, in id order so that pages never overlap. */
    public EntityPage search(EntitySearch search, int page, int size) {
        return search(search, page, size, TenantScope.ALL);
    }

    /**
     * One page of the entities matching {@code search} that {@code scope} sees. A parent it may not see is answered
     * as a missing one.
     */
    public EntityPage search(EntitySearch search, int page, int size, TenantScope scope) {
        if (search.cohort() != null && cohort(search.cohort()).isEmpty()) {
            throw new NotFoundException("no cohort " + search.cohort());
        }
        if (search.parent() != null && find(search.parent(), scope).isEmpty()) {
            throw new NotFoundException("no entity " + search.parent());
        }
        long total = jdbc.sql("SELECT count(*) FROM entity e " + SEARCH).params(params(search, scope))
                .query(Long.class).single();
        List<Entity> items = jdbc.sql(SELECT_ENTITY + SEARCH + " GROUP BY e.id ORDER BY e.id LIMIT :limit OFFSET :offset")
                .params(params(search, scope)).param("limit", size).param("offset", (long) page * size)
                .query((rs, i) -> entity(rs, scope)).list();
        return new EntityPage(items, total, page, size);
    }

    private static Map<String, Object> params(EntitySearch s, TenantScope scope) {
        var p = new java.util.HashMap<String, Object>();
        p.put("all", scope.all());
        p.put("tenant", scope.tenant());
        p.put("kind", s.kind());
        p.put("cohort", s.cohort());
        p.put("parent", s.parent());
        p.put("q", s.q() == null || s.q().isBlank() ? null : s.q().trim());
        return p;
    }

    public Optional<Entity> find(String id) {
        return find(id, TenantScope.ALL);
    }

    /** The entity if {@code scope} sees it: one it may not see is as absent as a missing one. */
    public Optional<Entity> find(String id, TenantScope scope) {
        return jdbc.sql(SELECT_ENTITY + " WHERE e.id = :id AND " + VISIBLE + " GROUP BY e.id").param("id", id)
                .param("all", scope.all()).param("tenant", scope.tenant())
                .query((rs, i) -> entity(rs, scope)).optional();
    }

    /** The registered ones among {@code ids}, by id. */
    public Map<String, Entity> findAll(Collection<String> ids) {
        return findAll(ids, TenantScope.ALL);
    }

    /** The registered ones among {@code ids} that {@code scope} sees, by id. */
    public Map<String, Entity> findAll(Collection<String> ids, TenantScope scope) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql(SELECT_ENTITY + " WHERE e.id = ANY(:ids) AND " + VISIBLE + " GROUP BY e.id")
                .param("ids", ids.toArray(String[]::new)).param("all", scope.all()).param("tenant", scope.tenant())
                .query((rs, i) -> entity(rs, scope)).list().stream()
                .collect(Collectors.toMap(Entity::id, Function.identity()));
    }

    /** 400 naming {@code tenant} when it is set and not a tenant name. */
    private static void checkTenant(String tenant) {
        if (tenant != null && !TENANT.matcher(tenant).matches()) {
            throw InvalidInputException.badRequest(List.of(FieldError.rejected("tenant", "'" + tenant
                    + "' is not a tenant: 1 to 64 lower-case letters, digits or '-', starting with a letter or digit,"
                    + " e.g. tenant-a; leave it out (or null) for none", tenant)));
        }
    }

    @Transactional
    public Entity register(Entity entity) {
        checkTenant(entity.tenant());
        lockHierarchy();
        List<FieldError> problems = new ArrayList<>();
        if (entity.id() == null || entity.id().isBlank()) {
            problems.add(new FieldError("id", "required"));
        }
        else if (!ID.matcher(entity.id()).matches()) {
            problems.add(new FieldError("id", "'" + entity.id()
                    + "' must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit"));
        }
        if (entity.kind() == null || !Entity.KINDS.contains(entity.kind())) {
            problems.add(new FieldError("kind", (entity.kind() == null ? "required" : "'" + entity.kind()
                    + "' is not") + " one of " + String.join(", ", Entity.KINDS)));
        }
        else {
            EntityCodes.problem(entity.kind(), entity.code())
                    .ifPresent(p -> problems.add(new FieldError("code", p)));
        }
        names(entity.nameEn(), entity.nameZh(), problems);
        if (entity.parentId() != null && problems.isEmpty()) {
            parent(entity.id(), entity.kind(), entity.code(), entity.parentId(), problems);
        }
        for (String cohort : entity.cohorts()) {
            if (cohort(cohort).isEmpty()) {
                problems.add(new FieldError("cohorts", "no cohort " + cohort));
            }
        }
        if (!problems.isEmpty()) {
            throw EntityProblem.invalid("Invalid entity", problems);
        }
        if (find(entity.id()).isPresent()) {
            throw EntityProblem.conflict("entity " + entity.id() + " exists; change it with PUT /api/v1/entities/" + entity.id());
        }
        ensureCodeFree(entity.kind(), entity.code(), entity.id());
        try {
            jdbc.sql("INSERT INTO entity (id, kind, code, name_en, name_zh, parent_id, tenant) VALUES (?, ?, ?, ?, ?, ?, ?)")
                    .params(entity.id(), entity.kind(), entity.code(), entity.nameEn().trim(), trimmed(entity.nameZh()),
                            entity.parentId(), entity.tenant())
                    .update();
        }
        catch (DuplicateKeyException e) {
            throw EntityProblem.conflict("an entity with id " + entity.id() + " or " + entity.kind() + " code "
                    + entity.code() + " was registered concurrently");
        }
        for (String cohort : new LinkedHashSet<>(entity.cohorts())) {
            insertMember(cohort, entity.id());
        }
        announcements.announce(List.of(entity.id())); // revision 1
        return find(entity.id()).orElseThrow();
    }

    /**
     * Changes an entity's code, names, parent or tenant (a PUT replaces them all). Its id and kind never change;
     * cohort membership changes through the cohort's members. The new parent must not lie under the entity (the
     * hierarchy stays a tree), and the entity's code must still fit under its parent and above its children. A
     * change that changes nothing is no new revision and announces nothing.
     */
    @Transactional
    public Entity update(String id, Entity change) {
        checkTenant(change.tenant());
        lockHierarchy();
        Entity current = find(id).orElseThrow(() -> new NotFoundException("no entity " + id));
        List<FieldError> problems = new ArrayList<>();
        if (change.id() != null && !change.id().equals(id)) {
            problems.add(new FieldError("id", "'" + change.id() + "' is not " + id
                    + ", the entity in the path; an entity's id never changes"));
        }
        if (change.kind() != null && !change.kind().equals(current.kind())) {
            problems.add(new FieldError("kind", id + " is a " + current.kind()
                    + "; an entity's kind never changes (register a new entity instead)"));
        }
        // a client may PUT back what it read; the cohorts it read are fine, other ones are not applied here
        if (!change.cohorts().isEmpty() && !change.cohorts().stream().sorted().distinct().toList().equals(current.cohorts())) {
            problems.add(new FieldError("cohorts", "membership changes through PUT or DELETE /api/v1/cohorts/{code}/members/"
                    + id + "; " + id + " is in " + current.cohorts()));
        }
        String kind = current.kind();
        EntityCodes.problem(kind, change.code()).ifPresent(p -> problems.add(new FieldError("code", p)));
        names(change.nameEn(), change.nameZh(), problems);
        if (problems.isEmpty()) {
            if (change.parentId() != null) {
                parent(id, kind, change.code(), change.parentId(), problems);
            }
            for (Entity child : children(id)) {
                EntityCodes.underParent(child.kind(), child.code(), kind, change.code()).ifPresent(p -> problems.add(
                        new FieldError("code", "its child " + child.id() + " would no longer fit: " + p)));
            }
        }
        if (!problems.isEmpty()) {
            throw EntityProblem.invalid("Invalid entity change", problems);
        }
        ensureCodeFree(kind, change.code(), id);
        Entity changed = new Entity(id, kind, change.code(), change.nameEn().trim(), trimmed(change.nameZh()),
                change.parentId(), change.tenant(), current.cohorts());
        if (changed.equals(current)) {
            return current;
        }
        jdbc.sql("UPDATE entity SET code = ?, name_en = ?, name_zh = ?, parent_id = ?, tenant = ?, revision = revision + 1"
                        + " WHERE id = ?")
                .params(changed.code(), changed.nameEn(), changed.nameZh(), changed.parentId(), changed.tenant(), id)
                .update();
        announcements.announce(List.of(id));
        return find(id).orElseThrow();
    }

    /** The direct children of an entity, in id order. */
    public List<Entity> children(String id) {
        return jdbc.sql(SELECT_ENTITY + " WHERE e.parent_id = ? GROUP BY e.id ORDER BY e.id").param(id)
                .query((rs, i) -> entity(rs, TenantScope.ALL)).list();
    }

    /**
     * The parent's rules: it exists, is not the entity nor below it, is of a kind that may hold this one, and (within
     * one classification) its code is a prefix-level of the child's.
     */
    private void parent(String id, String kind, String code, String parentId, List<FieldError> problems) {
        Optional<Entity> parent = find(parentId);
        if (parent.isEmpty()) {
            problems.add(new FieldError("parentId", "no entity " + parentId));
            return;
        }
        if (parentId.equals(id)) {
            problems.add(new FieldError("parentId", id + " cannot be its own parent"));
            return;
        }
        List<String> ancestry = jdbc.sql("""
                WITH RECURSIVE up (id, parent_id, depth) AS (
                    SELECT id, parent_id, 0 FROM entity WHERE id = ?
                    UNION ALL
                    SELECT e.id, e.parent_id, up.depth + 1 FROM entity e JOIN up ON e.id = up.parent_id WHERE up.depth < 1000)
                SELECT id FROM up ORDER BY depth""").param(parentId).query(String.class).list();
        int at = ancestry.indexOf(id);
        if (at >= 0) {
            problems.add(new FieldError("parentId", parentId + " lies under " + id + " ("
                    + String.join(" → ", ancestry.subList(0, at + 1)) + "), so making it " + id
                    + "'s parent would create a cycle"));
            return;
        }
        String parentKind = parent.get().kind();
        if (!kind.equals("ENTERPRISE") && !parentKind.equals(kind)) {
            problems.add(new FieldError("parentId", "an entity of kind " + kind + " sits under one of kind "
                    + kind + "; " + parentId + " is a " + parentKind));
            return;
        }
        EntityCodes.underParent(kind, code, parentKind, parent.get().code())
                .ifPresent(p -> problems.add(new FieldError("parentId", p)));
    }

    private void ensureCodeFree(String kind, String code, String id) {
        jdbc.sql("SELECT id FROM entity WHERE kind = ? AND code = ? AND id <> ?").params(kind, code, id)
                .query(String.class).optional().ifPresent(other -> {
                    throw EntityProblem.conflict(kind + " code " + code + " is already " + other + "'s");
                });
    }

    private static void names(String nameEn, String nameZh, List<FieldError> problems) {
        if (nameEn == null || nameEn.isBlank()) {
            problems.add(new FieldError("nameEn", "required"));
        }
        else if (nameEn.length() > MAX_NAME) {
            problems.add(new FieldError("nameEn", nameEn.length() + " characters; at most " + MAX_NAME));
        }
        if (nameZh != null && nameZh.length() > MAX_NAME) {
            problems.add(new FieldError("nameZh", nameZh.length() + " characters; at most " + MAX_NAME));
        }
    }

    /** One hierarchy writer at a time: two concurrent re-parentings could otherwise close a cycle neither saw. */
    private void lockHierarchy() {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('nqpf.entity.hierarchy'))").query().listOfRows();
    }

    /** Adds an entity to a cohort; adding a member again changes nothing. */
    @Transactional
    public Cohort addMember(String cohort, String entityId) {
        existingCohort(cohort);
        if (find(entityId).isEmpty()) {
            throw new NotFoundException("no entity " + entityId);
        }
        if (insertMember(cohort, entityId)) {
            membershipChanged(List.of(entityId));
        }
        return cohort(cohort).orElseThrow();
    }

    @Transactional
    public void removeMember(String cohort, String entityId) {
        existingCohort(cohort);
        if (find(entityId).isEmpty()) {
            throw new NotFoundException("no entity " + entityId);
        }
        int removed = jdbc.sql("DELETE FROM cohort_member WHERE cohort_code = ? AND entity_id = ?")
                .params(cohort, entityId).update();
        if (removed == 0) {
            throw new NotFoundException("no member " + entityId + " in cohort " + cohort);
        }
        membershipChanged(List.of(entityId));
    }

    /** Whether the entity joined the cohort (false: it was a member already). */
    private boolean insertMember(String cohort, String entityId) {
        return jdbc.sql("INSERT INTO cohort_member (cohort_code, entity_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(cohort, entityId).update() > 0;
    }

    /** The entities' cohorts changed: each is a new revision, announced with its cohorts. */
    private void membershipChanged(List<String> entityIds) {
        if (entityIds.isEmpty()) {
            return;
        }
        jdbc.sql("UPDATE entity SET revision = revision + 1 WHERE id = ANY(?)")
                .param(entityIds.toArray(String[]::new)).update();
        announcements.announce(entityIds);
    }

    private void existingCohort(String code) {
        if (jdbc.sql("SELECT count(*) FROM cohort WHERE code = ?").param(code).query(Long.class).single() == 0) {
            throw new NotFoundException("no cohort " + code);
        }
    }

    public List<Cohort> cohorts() {
        return cohorts(TenantScope.ALL);
    }

    /** Every cohort, each with the members {@code scope} sees. */
    public List<Cohort> cohorts(TenantScope scope) {
        return jdbc.sql("SELECT code FROM cohort ORDER BY code").query(String.class).list().stream()
                .map(code -> cohort(code, scope).orElseThrow()).toList();
    }

    public Optional<Cohort> cohort(String code) {
        return cohort(code, TenantScope.ALL);
    }

    /**
     * The cohort with the members {@code scope} sees: a tenant-bound caller reads its code and names and only its own
     * members, so neither the others' ids nor how many there are.
     */
    public Optional<Cohort> cohort(String code, TenantScope scope) {
        List<String> members = jdbc.sql("""
                SELECT m.entity_id FROM cohort_member m JOIN entity e ON e.id = m.entity_id
                WHERE m.cohort_code = :code AND """ + VISIBLE + " ORDER BY m.entity_id")
                .param("code", code).param("all", scope.all()).param("tenant", scope.tenant())
                .query(String.class).list();
        return jdbc.sql("SELECT * FROM cohort WHERE code = ?").param(code)
                .query((rs, i) -> new Cohort(rs.getString("code"), rs.getString("name_en"), rs.getString("name_zh"),
                        rs.getString("description"), members))
                .optional();
    }

    @Transactional
    public Cohort createCohort(Cohort cohort) {
        List<FieldError> problems = new ArrayList<>();
        if (cohort.code() == null || cohort.code().isBlank()) {
            problems.add(new FieldError("code", "required"));
        }
        else if (!COHORT_CODE.matcher(cohort.code()).matches()) {
            problems.add(new FieldError("code", "'" + cohort.code()
                    + "' must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit"));
        }
        names(cohort.nameEn(), cohort.nameZh(), problems);
        if (cohort.description() != null && cohort.description().length() > MAX_DESCRIPTION) {
            problems.add(new FieldError("description", cohort.description().length() + " characters; at most "
                    + MAX_DESCRIPTION));
        }
        Map<String, Entity> known = findAll(cohort.members());
        for (int i = 0; i < cohort.members().size(); i++) {
            if (!known.containsKey(cohort.members().get(i))) {
                problems.add(new FieldError("members[" + i + "]", "no entity " + cohort.members().get(i)));
            }
        }
        if (!problems.isEmpty()) {
            throw EntityProblem.invalid("Invalid cohort", problems);
        }
        try {
            jdbc.sql("INSERT INTO cohort (code, name_en, name_zh, description) VALUES (?, ?, ?, ?)")
                    .params(cohort.code(), cohort.nameEn().trim(), trimmed(cohort.nameZh()), cohort.description())
                    .update();
        }
        catch (DuplicateKeyException e) {
            throw EntityProblem.conflict("cohort " + cohort.code() + " exists; change its members with PUT or DELETE /api/v1/cohorts/"
                    + cohort.code() + "/members/{entityId}");
        }
        List<String> joined = new ArrayList<>();
        for (String member : new LinkedHashSet<>(cohort.members())) {
            if (insertMember(cohort.code(), member)) {
                joined.add(member);
            }
        }
        membershipChanged(joined);
        return cohort(cohort.code()).orElseThrow();
    }

    private static String trimmed(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** An entity as {@code scope} sees it: a parent it may not see is left out, as if the entity had none. */
    private static Entity entity(ResultSet rs, TenantScope scope) throws SQLException {
        Array cohorts = rs.getArray("cohorts");
        String parentId = rs.getString("parent_id");
        return new Entity(rs.getString("id"), rs.getString("kind"), rs.getString("code"), rs.getString("name_en"),
                rs.getString("name_zh"), parentId != null && scope.sees(rs.getString("parent_tenant")) ? parentId : null,
                rs.getString("tenant"), Arrays.asList((String[]) cohorts.getArray()));
    }
}

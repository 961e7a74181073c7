package org.nqpf.roadmap.planning;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Roadmap versions in PostgreSQL; the current roadmap of an entity is its highest version. */
@Repository
public class RoadmapStore {

    private static final TypeReference<List<PlannedAction>> ACTIONS = new TypeReference<>() {
    };
    // Two-key advisory locks live in a key space apart from the outbox relay's one-key lock.
    private static final int LOCK_SPACE = 8083;

    private static final String SELECT = """
            SELECT roadmap_id, entity_id, cohort, period, version, assessment_id, generated_at, actions::text AS actions,
                   content_digest, library_version
            FROM roadmap""";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public RoadmapStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A summary of one version, for the history. */
    public record VersionSummary(int version, String period, String assessmentId, Instant generatedAt,
            int actionCount) {
    }

    /** Serialises the versioning of one entity's roadmap until the transaction ends, across instances. */
    public void lock(String entityId) {
        jdbc.sql("SELECT 1 FROM (SELECT pg_advisory_xact_lock(:space, hashtext(:entity))) AS locked")
                .param("space", LOCK_SPACE).param("entity", entityId).query(Integer.class).single();
    }

    public Optional<Roadmap> current(String entityId) {
        return jdbc.sql(SELECT + " WHERE entity_id = :entity ORDER BY version DESC LIMIT 1")
                .param("entity", entityId).query(this::map).optional();
    }

    public Optional<Roadmap> version(String entityId, int version) {
        return jdbc.sql(SELECT + " WHERE entity_id = :entity AND version = :version")
                .param("entity", entityId).param("version", version).query(this::map).optional();
    }

    public List<VersionSummary> history(String entityId) {
        return jdbc.sql("""
                SELECT version, period, assessment_id, generated_at, jsonb_array_length(actions) AS action_count
                FROM roadmap WHERE entity_id = :entity ORDER BY version DESC""")
                .param("entity", entityId)
                .query((rs, row) -> new VersionSummary(rs.getInt("version"), rs.getString("period"),
                        rs.getString("assessment_id"), instant(rs), rs.getInt("action_count")))
                .list();
    }

    public void insert(Roadmap roadmap) {
        jdbc.sql("""
                INSERT INTO roadmap (roadmap_id, entity_id, version, period, cohort, assessment_id, content_digest,
                                     actions, generated_at, library_version)
                VALUES (:id, :entity, :version, :period, :cohort, :assessment, :digest, CAST(:actions AS JSONB),
                        :generatedAt, :libraryVersion)""")
                .param("id", roadmap.roadmapId())
                .param("entity", roadmap.entityId())
                .param("version", roadmap.version())
                .param("period", roadmap.period())
                .param("cohort", roadmap.cohort())
                .param("assessment", roadmap.assessmentId())
                .param("digest", roadmap.contentDigest())
                .param("actions", json.writeValueAsString(roadmap.actions()))
                .param("generatedAt", OffsetDateTime.ofInstant(roadmap.generatedAt(), ZoneOffset.UTC))
                .param("libraryVersion", roadmap.libraryVersion())
                .update();
    }

    private Roadmap map(ResultSet rs, int row) throws SQLException {
        return new Roadmap(rs.getString("roadmap_id"), rs.getString("entity_id"), rs.getString("cohort"),
                rs.getString("period"), rs.getInt("version"), rs.getString("assessment_id"), instant(rs),
                json.readValue(rs.getString("actions"), ACTIONS), rs.getString("content_digest"),
                rs.getObject("library_version", Integer.class));
    }

    private static Instant instant(ResultSet rs) throws SQLException {
        return rs.getObject("generated_at", OffsetDateTime.class).toInstant();
    }
}

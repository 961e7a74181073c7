package org.nqpf.roadmap.roadmaps;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.nqpf.roadmap.planning.Plan;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Roadmap versions in PostgreSQL, per entity, cohort and framework; the current one of a key is its highest version. */
@Repository
public class RoadmapStore {

    private static final String SELECT = """
            SELECT roadmap_id, entity_id, cohort, framework_code, period, version, assessment_id, generated_at,
                   content_digest, library_version, plan::text AS plan, actions::text AS actions
            FROM roadmap""";
    private static final String KEY = " WHERE entity_id = :entity AND cohort = :cohort AND framework_code = :framework";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public RoadmapStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A summary of one version, for the history. */
    public record VersionSummary(int version, String period, String assessmentId, Instant generatedAt,
            Integer libraryVersion, int actionCount) {
    }

    /** The current version of each key the entity has a roadmap under, the most recently generated first. */
    public List<StoredRoadmap> currentOfEachKey(String entity) {
        return jdbc.sql(SELECT + " r " + """
                WHERE entity_id = :entity AND version = (SELECT max(version) FROM roadmap m
                    WHERE m.entity_id = r.entity_id AND m.cohort = r.cohort AND m.framework_code = r.framework_code)
                ORDER BY generated_at DESC, cohort, framework_code""")
                .param("entity", entity).query(this::map).list();
    }

    public Optional<StoredRoadmap> current(RoadmapKey key) {
        return jdbc.sql(SELECT + KEY + " ORDER BY version DESC LIMIT 1").params(params(key)).query(this::map)
                .optional();
    }

    public Optional<StoredRoadmap> version(RoadmapKey key, int version) {
        return jdbc.sql(SELECT + KEY + " AND version = :version").params(params(key)).param("version", version)
                .query(this::map).optional();
    }

    /** The newest plan of a period before {@code period}: the baseline whose milestones the next plan measures. */
    public Optional<Plan> baseline(RoadmapKey key, String period) {
        return jdbc.sql("SELECT plan::text FROM roadmap" + KEY
                + " AND period < :period AND plan IS NOT NULL ORDER BY period DESC, version DESC LIMIT 1")
                .params(params(key)).param("period", period).query(String.class).optional()
                .map(p -> json.readValue(p, Plan.class));
    }

    public List<VersionSummary> history(RoadmapKey key) {
        return jdbc.sql("""
                SELECT version, period, assessment_id, generated_at, library_version,
                       COALESCE(jsonb_array_length(plan -> 'actions'), jsonb_array_length(actions)) AS action_count
                FROM roadmap""" + KEY + " ORDER BY version DESC")
                .params(params(key))
                .query((rs, row) -> new VersionSummary(rs.getInt("version"), rs.getString("period"),
                        rs.getString("assessment_id"), instant(rs), rs.getObject("library_version", Integer.class),
                        rs.getInt("action_count")))
                .list();
    }

    public void insert(StoredRoadmap r) {
        jdbc.sql("""
                INSERT INTO roadmap (roadmap_id, entity_id, cohort, framework_code, version, period, assessment_id,
                                     content_digest, plan, generated_at, library_version)
                VALUES (:id, :entity, :cohort, :framework, :version, :period, :assessment, :digest,
                        CAST(:plan AS JSONB), :generatedAt, :libraryVersion)""")
                .param("id", r.roadmapId()).param("entity", r.entityId()).param("cohort", r.cohort())
                .param("framework", r.frameworkCode()).param("version", r.version()).param("period", r.period())
                .param("assessment", r.assessmentId()).param("digest", r.contentDigest())
                .param("plan", json.writeValueAsString(r.plan()))
                .param("generatedAt", OffsetDateTime.ofInstant(r.generatedAt(), ZoneOffset.UTC))
                .param("libraryVersion", r.libraryVersion())
                .update();
    }

    private static java.util.Map<String, Object> params(RoadmapKey key) {
        return java.util.Map.of("entity", key.entityId(), "cohort", key.cohort(), "framework", key.frameworkCode());
    }

    private StoredRoadmap map(ResultSet rs, int row) throws SQLException {
        String plan = rs.getString("plan");
        String actions = rs.getString("actions");
        return new StoredRoadmap(rs.getString("roadmap_id"), rs.getString("entity_id"), rs.getString("cohort"),
                rs.getString("framework_code"), rs.getString("period"), rs.getInt("version"),
                rs.getString("assessment_id"), instant(rs), rs.getString("content_digest"),
                rs.getObject("library_version", Integer.class), plan == null ? null : json.readValue(plan, Plan.class),
                actions == null ? null : json.readTree(actions));
    }

    private static Instant instant(ResultSet rs) throws SQLException {
        return rs.getObject("generated_at", OffsetDateTime.class).toInstant();
    }
}

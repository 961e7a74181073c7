package org.nqpf.roadmap.roadmaps;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.nqpf.contracts.AssessmentComputed;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The assessments this service received, one per entity, cohort, framework and period: what every member of a
 * cohort-period is planned against, since assessment-service announces only the entities whose result changed.
 */
@Repository
public class AssessmentProjection {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public AssessmentProjection(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Stores the assessment unless one computed later is stored for its key; whether it was stored. */
    public boolean store(AssessmentComputed a) {
        return jdbc.sql("""
                INSERT INTO assessment (cohort, framework_code, period, entity_id, assessment_id, computed_at,
                                        entity_kind, body)
                VALUES (:cohort, :framework, :period, :entity, :assessment, :computedAt, :kind, CAST(:body AS JSONB))
                ON CONFLICT (cohort, framework_code, period, entity_id) DO UPDATE
                    SET assessment_id = EXCLUDED.assessment_id, computed_at = EXCLUDED.computed_at,
                        entity_kind = EXCLUDED.entity_kind, body = EXCLUDED.body
                    WHERE assessment.computed_at <= EXCLUDED.computed_at""")
                .param("cohort", a.cohort()).param("framework", a.frameworkCode()).param("period", a.period())
                .param("entity", a.entityId()).param("assessment", a.assessmentId())
                .param("computedAt", OffsetDateTime.ofInstant(a.computedAt(), ZoneOffset.UTC))
                .param("kind", a.entityKind()).param("body", json.writeValueAsString(a))
                .update() > 0;
    }

    /** The newest period the entity is assessed in within the cohort and framework: its roadmap's period. */
    public Optional<String> newestPeriod(String entity, String cohort, String framework) {
        return jdbc.sql("""
                SELECT max(period) FROM assessment
                WHERE entity_id = :entity AND cohort = :cohort AND framework_code = :framework""")
                .param("entity", entity).param("cohort", cohort).param("framework", framework)
                .query(String.class).optional();
    }

    /** Every member's assessment of the cohort-period, by entity id. */
    public List<AssessmentComputed> members(String cohort, String framework, String period) {
        return jdbc.sql("""
                SELECT body::text FROM assessment
                WHERE cohort = :cohort AND framework_code = :framework AND period = :period ORDER BY entity_id""")
                .param("cohort", cohort).param("framework", framework).param("period", period)
                .query(String.class).list().stream().map(this::read).toList();
    }

    /** The entity's assessments of periods before {@code period} in the cohort and framework, oldest first. */
    public List<AssessmentComputed> history(String entity, String cohort, String framework, String period) {
        return jdbc.sql("""
                SELECT body::text FROM assessment
                WHERE entity_id = :entity AND cohort = :cohort AND framework_code = :framework AND period < :period
                ORDER BY period""")
                .param("entity", entity).param("cohort", cohort).param("framework", framework).param("period", period)
                .query(String.class).list().stream().map(this::read).toList();
    }

    public Optional<AssessmentComputed> of(String entity, String cohort, String framework, String period) {
        return jdbc.sql("""
                SELECT body::text FROM assessment
                WHERE entity_id = :entity AND cohort = :cohort AND framework_code = :framework AND period = :period""")
                .param("entity", entity).param("cohort", cohort).param("framework", framework).param("period", period)
                .query(String.class).optional().map(this::read);
    }

    public boolean knows(String entity) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM assessment WHERE entity_id = :entity)")
                .param("entity", entity).query(Boolean.class).single();
    }

    /** The cohort-periods stored for a framework: what a change of its method profile replans. */
    public List<PlanningMarks.Key> keysOf(String framework) {
        return jdbc.sql("""
                SELECT DISTINCT cohort, framework_code, period FROM assessment WHERE framework_code = :framework""")
                .param("framework", framework)
                .query((rs, row) -> new PlanningMarks.Key(rs.getString(1), rs.getString(2), rs.getString(3))).list();
    }

    private AssessmentComputed read(String body) {
        return json.readValue(body, AssessmentComputed.class);
    }
}

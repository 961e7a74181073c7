package org.nqpf.assessment.results;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.nqpf.assessment.CohortPeriod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The current assessment of each entity per framework, cohort and period. */
@Repository
public class AssessmentStore {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    AssessmentStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** What a recompute compares its new results with. */
    public record Stored(String entityId, String inputDigest, String resultDigest) {
    }

    public Map<String, Stored> current(CohortPeriod key) {
        return jdbc.sql("""
                SELECT entity_id, input_digest, result_digest FROM assessment
                WHERE framework_code = ? AND cohort = ? AND period = ? FOR UPDATE""")
                .params(key.frameworkCode(), key.cohort(), key.period())
                .query((rs, i) -> new Stored(rs.getString(1), rs.getString(2), rs.getString(3)))
                .list().stream().collect(Collectors.toMap(Stored::entityId, s -> s));
    }

    public void save(AssessmentView view, String method, String resultDigest) {
        jdbc.sql("""
                INSERT INTO assessment (framework_code, cohort, period, entity_id, framework_version, assessment_id,
                    method, input_digest, result_digest, overall_score, rank, cohort_size, result, computed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)
                ON CONFLICT (framework_code, cohort, period, entity_id) DO UPDATE SET
                    framework_version = EXCLUDED.framework_version, assessment_id = EXCLUDED.assessment_id,
                    method = EXCLUDED.method, input_digest = EXCLUDED.input_digest,
                    result_digest = EXCLUDED.result_digest, overall_score = EXCLUDED.overall_score,
                    rank = EXCLUDED.rank, cohort_size = EXCLUDED.cohort_size, result = EXCLUDED.result,
                    computed_at = EXCLUDED.computed_at""")
                .params(view.frameworkCode(), view.cohort(), view.period(), view.entityId(), view.frameworkVersion(),
                        view.assessmentId(), method, view.inputDigest(), resultDigest, view.overallScore(),
                        view.rank(), view.cohortSize(), json.writeValueAsString(view),
                        Timestamp.from(view.computedAt()))
                .update();
    }

    /** The inputs changed but not this entity's result: keep the result, record the digest it now stands for. */
    public void refreshDigest(CohortPeriod key, String entityId, String inputDigest) {
        jdbc.sql("""
                UPDATE assessment SET input_digest = ?, result = jsonb_set(result, '{inputDigest}', to_jsonb(?::text))
                WHERE framework_code = ? AND cohort = ? AND period = ? AND entity_id = ?""")
                .params(inputDigest, inputDigest, key.frameworkCode(), key.cohort(), key.period(), entityId)
                .update();
    }

    /** The periods the cohort has assessments in under the framework. */
    public Set<String> periods(String frameworkCode, String cohort) {
        return new java.util.TreeSet<>(jdbc.sql(
                "SELECT DISTINCT period FROM assessment WHERE framework_code = ? AND cohort = ?")
                .params(frameworkCode, cohort).query(String.class).list());
    }

    /** Entities that left the cohort or lost all their values no longer have an assessment there. */
    public int deleteAllBut(CohortPeriod key, Set<String> entityIds) {
        return jdbc.sql("""
                DELETE FROM assessment WHERE framework_code = ? AND cohort = ? AND period = ?
                AND NOT (entity_id = ANY(?))""")
                .params(key.frameworkCode(), key.cohort(), key.period(), entityIds.toArray(String[]::new))
                .update();
    }

    /**
     * The entity's assessment: the newest period unless one is asked for, then its first cohort (as its newest
     * observation listed them) unless one is asked for.
     */
    public Optional<AssessmentView> find(String entityId, String period, String cohort, String frameworkCode) {
        return jdbc.sql("""
                SELECT a.result::text FROM assessment a
                LEFT JOIN entity_cohorts ec ON ec.entity_id = a.entity_id
                WHERE a.entity_id = :entity
                  AND (CAST(:period AS TEXT) IS NULL OR a.period = :period)
                  AND (CAST(:cohort AS TEXT) IS NULL OR a.cohort = :cohort)
                  AND (CAST(:framework AS TEXT) IS NULL OR a.framework_code = :framework)
                ORDER BY a.period DESC, array_position(ec.cohorts, a.cohort) NULLS LAST, a.cohort,
                    a.framework_code
                LIMIT 1""")
                .param("entity", entityId)
                .param("period", period)
                .param("cohort", cohort)
                .param("framework", frameworkCode)
                .query(String.class)
                .optional()
                .map(text -> json.readValue(text, AssessmentView.class));
    }

    /** How a stored result was made: its method text (with the profile version) and its result digest. */
    public record Provenance(String method, String inputDigest, String resultDigest) {
        /** The profile version named in the method text ({@code profile=vN;...}); 0 when none is named. */
        public int profileVersion() {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^profile=v(\\d+);").matcher(method);
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        }
    }

    public Optional<Provenance> provenance(String frameworkCode, String cohort, String period, String entityId) {
        return jdbc.sql("""
                SELECT method, input_digest, result_digest FROM assessment
                WHERE framework_code = ? AND cohort = ? AND period = ? AND entity_id = ?""")
                .params(frameworkCode, cohort, period, entityId)
                .query((rs, i) -> new Provenance(rs.getString(1), rs.getString(2), rs.getString(3)))
                .optional();
    }

    public record RankingEntry(String entityId, double overallScore, int rank) {
    }

    /** The cohort's ranking in a period (its newest period unless asked), best first. */
    public Optional<RankingView> ranking(String cohort, String period, String frameworkCode) {
        Optional<String[]> chosen = jdbc.sql("""
                SELECT period, framework_code FROM assessment
                WHERE cohort = :cohort
                  AND (CAST(:period AS TEXT) IS NULL OR period = :period)
                  AND (CAST(:framework AS TEXT) IS NULL OR framework_code = :framework)
                ORDER BY period DESC, framework_code LIMIT 1""")
                .param("cohort", cohort)
                .param("period", period)
                .param("framework", frameworkCode)
                .query((rs, i) -> new String[] {rs.getString(1), rs.getString(2)})
                .optional();
        return chosen.map(pf -> {
            List<RankingEntry> entries = jdbc.sql("""
                    SELECT entity_id, overall_score, rank FROM assessment
                    WHERE cohort = ? AND period = ? AND framework_code = ? ORDER BY rank, entity_id""")
                    .params(cohort, pf[0], pf[1])
                    .query((rs, i) -> new RankingEntry(rs.getString(1), rs.getDouble(2), rs.getInt(3)))
                    .list();
            String over = jdbc.sql("""
                    SELECT COALESCE(result->'method'->>'over', 'PERIOD') FROM assessment
                    WHERE cohort = ? AND period = ? AND framework_code = ? LIMIT 1""")
                    .params(cohort, pf[0], pf[1]).query(String.class).single();
            return new RankingView(cohort, pf[0], pf[1], entries.size(), over, entries);
        });
    }

    /**
     * @param normalisedOver {@code PERIOD}: ranks among that period's peers on that period's bounds; {@code PANEL}:
     *                       on bounds over every period, so the scores compare with other periods' rankings
     */
    public record RankingView(String cohort, String period, String frameworkCode, int cohortSize,
            String normalisedOver, List<RankingEntry> ranking) {
    }

    /** How a stored result was normalised; results from before the panel option were per period. */
    static String over(AssessmentView view) {
        return view.method() == null || view.method().over() == null ? "PERIOD" : view.method().over();
    }

    /** Every period of the entity in one cohort and framework, oldest first. */
    public List<AssessmentView> history(String entityId, String cohort, String frameworkCode) {
        return jdbc.sql("""
                SELECT result::text FROM assessment
                WHERE entity_id = ? AND cohort = ? AND framework_code = ? ORDER BY period""")
                .params(entityId, cohort, frameworkCode)
                .query(String.class)
                .list().stream().map(text -> json.readValue(text, AssessmentView.class)).toList();
    }
}

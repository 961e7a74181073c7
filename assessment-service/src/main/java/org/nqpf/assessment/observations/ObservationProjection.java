package org.nqpf.assessment.observations;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.TreeMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.nqpf.assessment.CohortPeriod;
import org.nqpf.assessment.recompute.DirtyCohortPeriods;
import org.nqpf.contracts.ObservationRecorded;
import org.nqpf.messaging.RejectedEventException;
import org.nqpf.messaging.TraceHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps assessment-service's own copy of the current observations and of each entity's cohorts, and marks every
 * (framework, cohort, period) whose inputs changed as dirty. Recomputing is left to the worker, so a burst of
 * observations costs one recompute per cohort-period, not one per observation.
 */
@Service
public class ObservationProjection {

    private static final Pattern PERIOD = Pattern.compile("^[0-9]{4}$");

    private final JdbcClient jdbc;
    private final DirtyCohortPeriods dirty;

    ObservationProjection(JdbcClient jdbc, DirtyCohortPeriods dirty) {
        this.jdbc = jdbc;
        this.dirty = dirty;
    }

    private record Membership(List<String> cohorts, Instant recordedAt, String kind) {
    }

    /**
     * Applies the observations in their order, then marks each cohort-period they changed once. Marks are taken in
     * one sorted order so that concurrent consumers never lock them crosswise.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void apply(List<Change> changes) {
        // Each mark keeps the trace of the latest change to it: the recompute continues that one.
        Map<CohortPeriod, TraceHeaders> marks = new TreeMap<>(Comparator.comparing(CohortPeriod::toString));
        for (Change change : changes) {
            Set<CohortPeriod> marked = new HashSet<>();
            apply(change.observation(), marked);
            marked.forEach(key -> marks.put(key, change.trace()));
        }
        marks.forEach(dirty::mark);
    }

    /** An observation to apply, with the trace context of the event that carried it. */
    public record Change(ObservationRecorded observation, TraceHeaders trace) {
    }

    private void apply(ObservationRecorded o, Set<CohortPeriod> marks) {
        validate(o);
        List<String> cohorts = o.cohorts().stream().filter(c -> c != null && !c.isBlank()).distinct().toList();
        updateMembership(o.entityId(), o.entityKind(), cohorts, o.recordedAt(), marks);

        // A revision older than the stored one is stale; a deletion keeps a tombstone with its revision.
        int changed = jdbc.sql("""
                INSERT INTO observation_value (framework_code, entity_id, indicator, period, framework_version,
                    dimension, path, subsystem, direction, value, revision, recorded_at)
                VALUES (:framework, :entity, :indicator, :period, :version, :dimension, CAST(:path AS TEXT[]), :subsystem, :direction,
                    :value, :revision, :recordedAt)
                ON CONFLICT (framework_code, entity_id, indicator, period) DO UPDATE SET
                    framework_version = EXCLUDED.framework_version, dimension = EXCLUDED.dimension, path = EXCLUDED.path,
                    subsystem = EXCLUDED.subsystem, direction = EXCLUDED.direction, value = EXCLUDED.value,
                    revision = EXCLUDED.revision, recorded_at = EXCLUDED.recorded_at
                WHERE observation_value.revision <= EXCLUDED.revision""")
                .param("framework", o.frameworkCode())
                .param("entity", o.entityId())
                .param("indicator", o.indicator())
                .param("period", o.period())
                .param("version", o.frameworkVersion())
                .param("dimension", o.dimension() == null ? null : o.dimension().name(), java.sql.Types.VARCHAR)
                // The dimension alone is stored as no path: an indicator directly under it.
                .param("path", o.path() == null || o.path().isEmpty() ? null : o.path().toArray(String[]::new))
                .param("subsystem", o.subsystem() == null ? null : o.subsystem().name(), java.sql.Types.VARCHAR)
                .param("direction", o.direction())
                .param("value", o.deleted() ? null : o.value(), java.sql.Types.DOUBLE)
                .param("revision", o.revision())
                .param("recordedAt", Timestamp.from(o.recordedAt()))
                .update();
        if (changed > 0) {
            for (String cohort : cohorts) {
                marks.add(new CohortPeriod(o.frameworkCode(), cohort, o.period()));
            }
        }
    }

    /**
     * The newest event wins. When the entity joins or leaves a cohort, every period it has values in is re-ranked
     * in the old cohorts and the new ones.
     */
    private void updateMembership(String entityId, String kind, List<String> cohorts, Instant recordedAt,
            Set<CohortPeriod> marks) {
        Optional<Membership> current = jdbc.sql(
                "SELECT cohorts, recorded_at, entity_kind FROM entity_cohorts WHERE entity_id = ? FOR UPDATE")
                .param(entityId)
                .query((rs, i) -> new Membership(strings(rs.getArray(1)), rs.getTimestamp(2).toInstant(),
                        rs.getString(3)))
                .optional();
        if (current.isPresent() && (current.get().recordedAt().isAfter(recordedAt)
                || current.get().cohorts().equals(cohorts) && java.util.Objects.equals(current.get().kind(), kind))) {
            return;
        }
        jdbc.sql("""
                INSERT INTO entity_cohorts (entity_id, cohorts, recorded_at, entity_kind) VALUES (?, ?, ?, ?)
                ON CONFLICT (entity_id) DO UPDATE SET cohorts = EXCLUDED.cohorts, recorded_at = EXCLUDED.recorded_at,
                  entity_kind = EXCLUDED.entity_kind""")
                .params(entityId, cohorts.toArray(String[]::new), Timestamp.from(recordedAt), kind)
                .update();
        if (current.isPresent() && current.get().cohorts().equals(cohorts)) {
            return;
        }
        if (current.isPresent()) {
            Set<String> affected = new LinkedHashSet<>(current.get().cohorts());
            affected.addAll(cohorts);
            jdbc.sql("SELECT DISTINCT framework_code, period FROM observation_value WHERE entity_id = ?")
                    .param(entityId)
                    .query((rs, i) -> new String[] {rs.getString(1), rs.getString(2)})
                    .list()
                    .forEach(key -> affected.forEach(cohort -> marks.add(new CohortPeriod(key[0], cohort, key[1]))));
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.asList((String[]) array.getArray());
    }

    /** What the projection needs; anything else that breaks the contract goes to the dead-letter topic. */
    private static void validate(ObservationRecorded o) {
        String where = "observation " + o.observationId();
        require(o.entityId() != null && !o.entityId().isBlank(), where + " has no entityId");
        require(o.indicator() != null && !o.indicator().isBlank(), where + " has no indicator");
        require(o.frameworkCode() != null && !o.frameworkCode().isBlank(), where + " has no frameworkCode");
        require(o.path() == null || !o.path().isEmpty(), where + " has an empty path (the schema's minItems is 1)");
        require(o.dimension() != null || o.path() != null,
                where + " has neither a dimension nor a path in the hierarchy");
        require(o.path() == null || o.path().stream().allMatch(a -> a != null && !a.isBlank()),
                where + " has a blank aggregate in its path " + o.path());
        require(o.path() == null || o.dimension() == null || o.path().get(0).equals(o.dimension().name()),
                where + " has path " + o.path() + ", which does not start at its dimension " + o.dimension());
        require(o.cohorts() != null, where + " has no cohorts list");
        require(o.period() != null && PERIOD.matcher(o.period()).matches(),
                where + " has period " + o.period() + ", expected YYYY");
        require(o.direction() == 1 || o.direction() == -1,
                where + " has direction " + o.direction() + ", expected 1 or -1");
        require(o.revision() >= 1, where + " has revision " + o.revision() + ", expected >= 1");
        require(o.recordedAt() != null, where + " has no recordedAt");
        require(o.deleted() || (o.value() != null && Double.isFinite(o.value())),
                where + " is not deleted but has no finite value");
    }

    private static void require(boolean condition, String reason) {
        if (!condition) {
            throw new RejectedEventException(reason);
        }
    }
}

package org.nqpf.roadmap.report;

import java.util.Optional;
import org.nqpf.roadmap.planning.Plan;

/**
 * Where the report reads a stored plan from: the one seam between the report and the roadmap store, so the
 * controller stays the same when the store changes.
 */
public interface ReportPlans {

    /** A stored plan and the metadata of its version. */
    record Stored(Plan plan, ReportMeta meta) {
    }

    /**
     * The plan of an entity's roadmap: under the given cohort and framework (null for any: the most recently
     * generated), at the given version (null for the current one).
     */
    Optional<Stored> find(String entity, String cohort, String framework, Integer version);
}

package org.nqpf.roadmap.report;

import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The report's plans from the roadmap store. The store on this branch keeps each version's action list only, not
 * its {@link org.nqpf.roadmap.planning.Plan}, so there is nothing to render yet and every look-up is empty (404);
 * when the store keeps plans per (entity, cohort, framework), this is the one class to rewire.
 */
@Component
class StoredReportPlans implements ReportPlans {

    @Override
    public Optional<Stored> find(String entity, String cohort, String framework, Integer version) {
        return Optional.empty();
    }
}

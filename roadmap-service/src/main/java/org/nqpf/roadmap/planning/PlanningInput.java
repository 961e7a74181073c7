package org.nqpf.roadmap.planning;

import java.util.List;
import org.nqpf.contracts.AssessmentComputed;
import org.nqpf.roadmap.library.LibraryVersion;

/**
 * What one entity's roadmap is planned from: its assessment, its cohort's assessments of the same period (peers held
 * at their latest values), its own earlier periods, the action library and the planning profile.
 *
 * @param assessment the entity's assessment of the period planned for
 * @param cohort     every member's newest assessment of the same cohort, framework and period, the entity's included
 * @param history    the entity's assessments of earlier periods of the same cohort and framework, oldest first
 * @param baseline   the entity's newest roadmap of an earlier period for the same cohort and framework, or null: its
 *                   targets are the milestones whose progress this plan reports
 */
public record PlanningInput(AssessmentComputed assessment, List<AssessmentComputed> cohort,
        List<AssessmentComputed> history, LibraryVersion library, PlanningProfile profile, Plan baseline) {

    public PlanningInput {
        cohort = List.copyOf(cohort);
        history = List.copyOf(history);
    }
}

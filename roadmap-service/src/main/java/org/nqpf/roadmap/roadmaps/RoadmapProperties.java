package org.nqpf.roadmap.roadmaps;

import java.time.Duration;
import org.nqpf.roadmap.library.EntityKind;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param entityKind  the kind assumed for assessments that name none (events from before they carried one)
 * @param quietPeriod how long a cohort-period waits after its latest assessment before it is planned: a cohort's
 *                    events arrive one by one, and each plan reads every member
 * @param longestWait the longest a cohort-period waits after its first unplanned assessment, however many follow
 * @param worker      the planning worker
 */
@ConfigurationProperties("nqpf.roadmap")
public record RoadmapProperties(@DefaultValue("REGION") EntityKind entityKind,
        @DefaultValue("2s") Duration quietPeriod, @DefaultValue("30s") Duration longestWait,
        @DefaultValue Worker worker) {

    /**
     * @param enabled off for a test that drives {@link PlanningWorker#planDue()} itself
     * @param delay   the pause between two looks for due cohort-periods
     * @param batch   the cohort-periods claimed per look
     */
    public record Worker(@DefaultValue("true") boolean enabled, @DefaultValue("500ms") Duration delay,
            @DefaultValue("20") int batch) {
    }
}

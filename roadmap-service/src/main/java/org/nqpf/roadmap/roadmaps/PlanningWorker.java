package org.nqpf.roadmap.roadmaps;

import java.util.List;
import org.nqpf.messaging.TraceContinuation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Plans the cohort-periods whose quiet period has passed, a batch at a time, each in its own transaction. */
@Component
public class PlanningWorker {

    private static final Logger log = LoggerFactory.getLogger(PlanningWorker.class);

    private final PlanningMarks marks;
    private final RoadmapService roadmaps;
    private final RoadmapProperties properties;
    private final TraceContinuation trace;

    public PlanningWorker(PlanningMarks marks, RoadmapService roadmaps, RoadmapProperties properties,
            TraceContinuation trace) {
        this.marks = marks;
        this.trace = trace;
        this.roadmaps = roadmaps;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${nqpf.roadmap.worker.delay:500ms}",
            initialDelayString = "${nqpf.roadmap.worker.delay:500ms}")
    void scheduled() {
        if (properties.worker().enabled()) {
            planDue();
        }
    }

    /** Plans what is due now; returns how many cohort-periods it planned (not those held by another worker). */
    public int planDue() {
        List<PlanningMarks.Due> due = marks.due(properties.worker().batch());
        int planned = 0;
        for (PlanningMarks.Due d : due) {
            try {
                // In the trace of the assessment that marked it last: the roadmap events carry that trace on.
                planned += trace.continueTrace("roadmap planning", d.trace(), () -> roadmaps.plan(d)).isEmpty() ? 0 : 1;
            }
            catch (RuntimeException e) {
                // The mark stays: the key is tried again at the next look.
                log.error("planning {} failed", d.key(), e);
            }
        }
        return planned;
    }
}

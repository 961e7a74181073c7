package org.nqpf.assessment.recompute;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The operator's view of the recompute queue: how much waits, and what keeps failing and why. */
@RestController
class RecomputeBacklogController {

    private final DirtyCohortPeriods dirty;

    RecomputeBacklogController(DirtyCohortPeriods dirty) {
        this.dirty = dirty;
    }

    record Backlog(long pending, List<DirtyCohortPeriods.Failure> failing) {
    }

    @GetMapping("/api/v1/assessments/recompute-backlog")
    Backlog backlog() {
        return new Backlog(dirty.count(), dirty.failures());
    }
}

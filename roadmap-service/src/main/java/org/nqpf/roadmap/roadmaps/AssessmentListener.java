package org.nqpf.roadmap.roadmaps;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.nqpf.contracts.AssessmentComputed;
import org.nqpf.contracts.AssessmentComputed.DimensionScore;
import org.nqpf.contracts.EventTypes;
import org.nqpf.contracts.Topics;
import org.nqpf.messaging.EventDispatcher;
import org.nqpf.messaging.InboundEvents;
import org.nqpf.messaging.RejectedEventException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The Kafka edge: assessment events, each once (the dispatcher keeps the inbox), rejecting what cannot be planned
 * from and handing the rest to the service, which refuses what no library can plan: both are dead-lettered at once
 * with the reason.
 */
@Component
class AssessmentListener {

    private final EventDispatcher dispatcher;

    AssessmentListener(InboundEvents inbound, RoadmapService roadmaps) {
        this.dispatcher = inbound.consumer(RoadmapService.CONSUMER)
                .on(EventTypes.ASSESSMENT_COMPUTED, AssessmentComputed.class, (event, assessment) -> {
                    List<String> problems = problems(assessment);
                    if (!problems.isEmpty()) {
                        throw new RejectedEventException("event " + event.getId()
                                + " is not a usable AssessmentComputed: " + String.join("; ", problems));
                    }
                    roadmaps.accept(event.getId(), assessment);
                })
                .build();
    }

    @KafkaListener(topics = Topics.ASSESSMENTS)
    public void on(ConsumerRecord<String, byte[]> record) {
        dispatcher.dispatch(record);
    }

    /** What the planner relies on; the JSON Schema says more, but only these would make a wrong roadmap. */
    static List<String> problems(AssessmentComputed a) {
        List<String> problems = new ArrayList<>();
        if (blank(a.assessmentId())) {
            problems.add("assessmentId is missing");
        }
        if (blank(a.entityId())) {
            problems.add("entityId is missing");
        }
        if (blank(a.cohort())) {
            problems.add("cohort is missing");
        }
        if (blank(a.frameworkCode())) {
            problems.add("frameworkCode is missing");
        }
        if (a.computedAt() == null) {
            problems.add("computedAt is missing");
        }
        if (blank(a.period())) {
            problems.add("period is missing");
        }
        if (a.dimensions() == null || a.dimensions().isEmpty()) {
            problems.add("dimensions are missing");
        }
        else {
            for (int i = 0; i < a.dimensions().size(); i++) {
                DimensionScore d = a.dimensions().get(i);
                if (d == null || d.dimension() == null) {
                    problems.add("dimensions[" + i + "].dimension is missing");
                    continue;
                }
                if (blank(d.leaderEntityId())) {
                    problems.add("dimensions[" + i + "].leaderEntityId is missing");
                }
                if (!score(d.score()) || !score(d.leaderScore())) {
                    problems.add("dimensions[" + i + "] scores must lie in [0, 100]");
                }
            }
        }
        if (a.coupling() != null && a.coupling().lagging() != null
                && !List.of("AI", "NQPF").contains(a.coupling().lagging())) {
            problems.add("coupling.lagging is '" + a.coupling().lagging() + "', expected AI, NQPF or null");
        }
        if (a.indicators() != null && a.indicators().stream().anyMatch(i -> i == null || i.dimension() == null)) {
            problems.add("every indicator needs a dimension");
        }
        return problems;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static boolean score(double s) {
        return s >= 0 && s <= 100;
    }
}

package org.nqpf.roadmap;

import io.cloudevents.kafka.KafkaMessageFactory;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.nqpf.contracts.AssessmentComputed;
import org.nqpf.contracts.AssessmentComputed.Coupling;
import org.nqpf.contracts.AssessmentComputed.DimensionScore;
import org.nqpf.contracts.AssessmentComputed.IndicatorScore;
import org.nqpf.contracts.AssessmentComputed.Method;
import org.nqpf.contracts.AssessmentComputed.SubsystemScore;
import org.nqpf.contracts.Dimension;
import org.nqpf.contracts.EventTypes;
import org.nqpf.contracts.Subsystem;
import org.nqpf.contracts.Topics;
import org.nqpf.messaging.Events;
import org.nqpf.testsupport.KafkaProbe;

/** Builds AssessmentComputed payloads as assessment-service would send them. */
public final class Assessments {

    private Assessments() {
    }

    /** Sends the assessment as assessment-service does: a binary-mode CloudEvent keyed by the entity id. */
    public static void send(Events events, String eventId, AssessmentComputed assessment) {
        KafkaProbe.shared().send(KafkaMessageFactory.createWriter(Topics.ASSESSMENTS, null, null,
                assessment.entityId()).writeBinary(
                        events.create(eventId, EventTypes.ASSESSMENT_COMPUTED, assessment.entityId(), assessment)));
    }

    public static AssessmentComputed assessment(String entityId, String period, String lagging,
            List<DimensionScore> dimensions, List<IndicatorScore> indicators) {
        return assessment(UUID.randomUUID().toString(), entityId, period, lagging, dimensions, indicators);
    }

    public static AssessmentComputed assessment(String assessmentId, String entityId, String period, String lagging,
            List<DimensionScore> dimensions, List<IndicatorScore> indicators) {
        double overall = dimensions.stream().mapToDouble(DimensionScore::score).average().orElse(0);
        return new AssessmentComputed(assessmentId, entityId, "CN-PROVINCES", period, "NQPF-AI", 1,
                new Method("MINMAX", "ENTROPY", "ARITHMETIC", 0), "ab".repeat(32), overall, 7, 31, dimensions,
                List.of(new SubsystemScore(Subsystem.AI, 41.5), new SubsystemScore(Subsystem.NQPF, 58.25)),
                new Coupling(0.97, 0.5, 0.697, "中级协调", lagging), indicators, Instant.parse("2025-03-01T08:00:00Z"), "REGION");
    }

    public static DimensionScore dimension(Dimension dimension, double score, int rank, String leader,
            double leaderScore) {
        return new DimensionScore(dimension, score, rank, leader, leaderScore);
    }

    public static IndicatorScore indicator(String code, Dimension dimension, Subsystem subsystem, double obstacle) {
        return new IndicatorScore(code, dimension, subsystem, 12.5, 40.0, 0.05, obstacle);
    }
}

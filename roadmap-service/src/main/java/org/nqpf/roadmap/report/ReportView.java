package org.nqpf.roadmap.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.nqpf.contracts.ActionSystem;
import org.nqpf.roadmap.library.Phase;
import org.nqpf.roadmap.planning.Plan;

/**
 * A report as JSON: the plan's sections top-down, in one language, with every label resolved; Markdown and HTML are
 * rendered from the same view, so the three formats say the same.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReportView(String lang, String title, Header header, Diagnosis strategy, List<ProjectionRow> projections,
        List<TargetRow> targets, Plan.Frontier frontier, List<SystemActions> systems, List<ProgressRow> progress,
        List<Plan.Considered> considered, Plan.Context context) {

    public record Header(String entity, String cohort, String framework, String period, String entityKind,
            int version, Instant generatedAt, Integer libraryVersion) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Diagnosis(String text, double overallScore, int rank, int cohortSize, Double couplingD,
            String couplingGrade, String lagging, List<String> weakestDimensions, List<String> largestObstacles) {
    }

    /** @param when "now", the end of a phase, or the whole plan, in the report's language */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProjectionRow(String when, Phase phase, int year, double overallScore,
            Map<String, Double> dimensions, Double couplingD, String couplingGrade, int rank, int cohortSize) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TargetRow(String indicator, String dimension, int direction, double value, double target,
            String strategy, String strategyLabel, double obstacle, boolean deteriorating, int targetYear,
            List<Plan.Peer> peers, List<Plan.Milestone> trajectory) {
    }

    public record SystemActions(ActionSystem system, String label, List<PhaseActions> phases) {
    }

    public record PhaseActions(Phase phase, String label, List<ActionRow> actions) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ActionRow(int priority, String code, String title, String lead, List<String> supporting,
            String instrument, String mechanism, int horizonYears, int startYear, Phase phase, String effort,
            List<String> prerequisites, double impact, double urgency, double feasibility, double total,
            String rationale) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProgressRow(String indicator, String basePeriod, double baseValue, String period, double value,
            double target, int targetYear, Double milestone, Double cagrObserved, Double cagrRequired, Double ratio,
            String status, String statusLabel) {
    }
}

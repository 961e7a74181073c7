package org.nqpf.roadmap.planning;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import org.nqpf.contracts.ActionSystem;
import org.nqpf.contracts.Mechanism;
import org.nqpf.roadmap.library.Actor;
import org.nqpf.roadmap.library.LibraryAction;
import org.nqpf.roadmap.library.Phase;

/**
 * One entity's roadmap for one cohort, framework and period, read top-down: the strategy (diagnosis), the targets per
 * weak indicator with the peers behind them, the actions by priority (each with its own rationale, scores and phase),
 * what the plan would achieve at the end of each phase, and the progress on the previous plan's milestones.
 *
 * @param context     what the report draws beside the plan (the cohort's median and best peer, the coupling over the
 *                    years)
 * @param considered  candidate actions not chosen, each with why
 * @param progress    the baseline plan's targets measured against this period's values; empty without a baseline
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Plan(String entityId, String cohort, String frameworkCode, String period, String entityKind,
        int libraryVersion, int profileVersion, Strategy strategy, List<Target> targets, Frontier frontier,
        List<Action> actions, List<Considered> considered, Projections projections, List<MilestoneProgress> progress,
        Context context) {

    /**
     * The diagnosis in a few sentences, in English and Chinese, and the facts they state.
     *
     * @param lagging            {@code AI}, {@code NQPF} or null when the sides are within 0.1
     * @param weakestDimensions  dimension codes, weakest (lowest rank, then score) first
     * @param largestObstacles   indicator codes, largest obstacle degree first
     */
    public record Strategy(String en, String zh, double overallScore, int rank, int cohortSize, Double couplingD,
            String couplingGrade, String lagging, List<String> weakestDimensions, List<String> largestObstacles) {
    }

    /**
     * A target for one weak indicator, from peers that already got there.
     *
     * @param direction    +1 when a higher value is better, -1 when lower is better
     * @param strategy     the strategy that set {@code target}: QUANTILE, NEAREST_PEERS or FRONTIER
     * @param peers        the peers behind the target with their values in {@code period} (λ for the frontier)
     * @param alternatives what the other strategies would set, with their peers
     * @param targetYear   the year the target is planned to be reached: the period plus the horizon of the chosen
     *                     actions that move it (5 when none does)
     * @param trajectory   one milestone per year from today's value to the target
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Target(String indicator, String dimension, String subsystem, int direction, double value,
            Double normalised, double obstacle, boolean deteriorating, String strategy, double target,
            List<Peer> peers, List<Alternative> alternatives, int targetYear, List<Milestone> trajectory) {
    }

    /** What another strategy would set as the target, with its peers; target null when it has none to offer. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Alternative(String strategy, Double target, List<Peer> peers, String note) {
    }

    /**
     * @param weight   the frontier's λ for this peer; null for the other strategies
     * @param distance the distance on the normalised indicator profile, for NEAREST_PEERS; null otherwise
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Peer(String entityId, double value, String period, Double weight, Double distance) {
    }

    /** @param term NEAR_TERM (year 1), MID_TERM (years 2-3) or LONG_TERM (years 4-5) */
    public record Milestone(int year, double value, Phase term) {
    }

    /**
     * The entity on the efficiency frontier (data envelopment analysis, raw scores, no normalisation).
     *
     * @param variables the input and output values of the entity
     * @param peers     reference peer → λ
     * @param targets   the projected value of each variable, slacks included
     * @param note      why the variables were reduced or the frontier left out, when they were
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Frontier(String model, String orientation, List<String> inputs, List<String> outputs,
            Double efficiency, Map<String, Double> variables, Map<String, Double> peers, Map<String, Double> targets,
            Map<String, Double> slacks, String note) {
    }

    /**
     * One action of the roadmap.
     *
     * @param startYear    the year it starts: after its prerequisites have shown their effect (0 is now)
     * @param phase        the phase by which it shows its effect: start year plus horizon, up to 1, 3 or beyond
     * @param priority     1 is the first; prerequisites always come before the actions that need them
     * @param requiredFor  the chosen actions that need it, when it was added as a prerequisite rather than by rank
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Action(String code, String titleEn, String titleZh, ActionSystem system, Mechanism mechanism,
            Actor leadActor, List<Actor> supportingActors, String instrument, int horizonYears,
            LibraryAction.Effort effort, List<String> prerequisites, int startYear, Phase phase, int priority,
            List<Move> moves, Score score, String rationaleEn, String rationaleZh, List<String> requiredFor) {
    }

    /**
     * One indicator the action moves, as it stands for this entity.
     *
     * @param low    the expected change per year in percent of the value, low end (signed by direction)
     * @param target the indicator's target, when it is a weak indicator with one
     * @param peer   the first peer behind that target
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Move(String indicator, int direction, double low, double high, double obstacle, Double target,
            String peer) {
    }

    /**
     * Why an action ranks where it does. Each part is on [0, 1]; total is their weighted sum.
     *
     * @param impact      the projected gains, over the action's horizon, from the engine's what-if
     * @param urgency     from the largest obstacle degree among the indicators it moves (80 %) and the share of them deteriorating (20 %)
     * @param feasibility from its effort, whether its prerequisites are met, and whether it fits the entity's kind
     */
    public record Score(Impact impact, double urgency, double feasibility, double total) {
    }

    /**
     * @param overall the projected gain in the overall score (points on [0, 100])
     * @param lagging the projected gain in the lagging subsystem's score (the weaker side when none lags)
     * @param d       the projected gain in the coupling coordination D (on [0, 1])
     * @param score   the gains scaled against the cohort's candidates, on [0, 1]
     */
    public record Impact(double overall, double lagging, double d, double score) {
    }

    /** A candidate action not chosen, and why. */
    public record Considered(String code, double total, String reason) {
    }

    /** What the plan would achieve at the end of each phase (years 1, 3 and 5) and as a whole. */
    public record Projections(Projection now, List<Projection> phases, Projection whole) {
    }

    /**
     * Scores projected by the engine's what-if with the peers at their latest values.
     *
     * @param phase null for "now" and for the whole plan
     * @param year  years from now
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Projection(Phase phase, int year, double overallScore, Map<String, Double> dimensions,
            Map<String, Double> subsystems, Double couplingD, String couplingGrade, int rank, int cohortSize) {
    }

    /**
     * Progress on one milestone of the baseline plan, by the Open SDG progress measure (Statistics Canada).
     *
     * @param milestone the value the baseline's trajectory planned for this period, when it has one
     * @param status    TARGET_ACHIEVED, ON_TRACK, ACCELERATION_NEEDED, LIMITED_PROGRESS, DETERIORATION or
     *                  UNABLE_TO_ASSESS
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MilestoneProgress(String indicator, String basePeriod, double baseValue, String period, double value,
            double target, int targetYear, Double milestone, Double cagrObserved, Double cagrRequired, Double ratio,
            String status, String statusEn, String statusZh) {
    }

    /**
     * What the report draws beside the plan.
     *
     * @param dimensions   the entity's dimension scores
     * @param cohortMedian the cohort's median score per dimension
     * @param bestPeer     the cohort's best entity by overall score (another than this one, when there is one)
     * @param bestPeerDimensions that peer's dimension scores
     * @param coupling     the entity's coupling coordination D by period, oldest first, this period last
     */
    public record Context(Map<String, Double> dimensions, Map<String, Double> cohortMedian, String bestPeer,
            Map<String, Double> bestPeerDimensions, List<CouplingPoint> coupling) {
    }

    public record CouplingPoint(String period, double d, String grade) {
    }
}

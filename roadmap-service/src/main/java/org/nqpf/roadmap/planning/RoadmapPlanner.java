package org.nqpf.roadmap.planning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.nqpf.contracts.ActionSystem;
import org.nqpf.contracts.AssessmentComputed;
import org.nqpf.contracts.AssessmentComputed.DimensionScore;
import org.nqpf.contracts.AssessmentComputed.IndicatorScore;
import org.nqpf.contracts.Dimension;
import org.nqpf.contracts.Mechanism;
import org.nqpf.contracts.Subsystem;
import org.nqpf.roadmap.library.EntityKind;
import org.nqpf.roadmap.library.LibraryAction;
import org.nqpf.roadmap.library.Phase;

/**
 * Builds a roadmap "top-down, layer by layer" from one assessment: the strategy is to close the gaps to the cohort
 * leader, largest first; each gap becomes a phase; each phase gets actions of the four systems that fit the side of
 * the AI-NQPF coupling that lags. Pure and deterministic: the same assessment and library give the same roadmap.
 */
public final class RoadmapPlanner {

    /** Actions planned for the dimension with the largest gap, and for each other dimension. */
    static final int NEAR_TERM_ACTIONS = 3;
    static final int LATER_ACTIONS = 2;
    /** Obstacle indicators cited in a rationale. */
    static final int CITED_OBSTACLES = 3;

    // Scores arrive with a few decimals: a smaller difference is no gap.
    private static final double NO_GAP = 1e-6;
    // Fit weights: the lagging side matters most; one more action of a system already chosen for the same
    // dimension costs more than a matching mechanism or horizon, so each dimension is attacked from several systems.
    private static final int SIDE_FIT = 4;
    private static final int SAME_SYSTEM_PENALTY = 3;
    private static final int MECHANISM_FIT = 2;
    private static final int HORIZON_FIT = 1;

    /** The dimension a phase works on and why. */
    private record Target(DimensionScore score, Double gap, int order, Phase phase) {
    }

    public List<PlannedAction> plan(AssessmentComputed assessment, List<LibraryAction> library, EntityKind kind) {
        if (assessment.dimensions() == null || assessment.dimensions().isEmpty()) {
            return List.of();
        }
        List<LibraryAction> candidates = library.stream().filter(a -> a.appliesTo(kind))
                .sorted(Comparator.comparing(LibraryAction::code)).toList();
        List<Target> targets = targets(assessment);

        List<PlannedAction> planned = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (Target target : targets) {
            Dimension dimension = target.score().dimension();
            Subsystem focus = focus(assessment, dimension);
            Mechanism mechanism = preferredMechanism(assessment);
            int wanted = target.phase() == Phase.NEAR_TERM ? NEAR_TERM_ACTIONS : LATER_ACTIONS;
            Map<ActionSystem, Integer> systemsChosen = new EnumMap<>(ActionSystem.class);
            for (int i = 0; i < wanted; i++) {
                LibraryAction best = null;
                int bestFit = Integer.MIN_VALUE;
                for (LibraryAction action : candidates) {
                    if (action.dimension() != dimension || used.contains(action.code())) {
                        continue;
                    }
                    int fit = fit(action, focus, mechanism, target.phase())
                            - SAME_SYSTEM_PENALTY * systemsChosen.getOrDefault(action.system(), 0);
                    if (fit > bestFit) { // candidates are sorted by code: ties go to the first
                        best = action;
                        bestFit = fit;
                    }
                }
                if (best == null) {
                    break;
                }
                used.add(best.code());
                systemsChosen.merge(best.system(), 1, Integer::sum);
                planned.add(place(assessment, target, best, focus));
            }
        }
        ensureTwoSystems(assessment, targets, candidates, planned);
        return prioritise(planned);
    }

    /** The dimensions to work on, ordered by gap: largest first. A dimension the entity leads has no gap. */
    private static List<Target> targets(AssessmentComputed a) {
        Comparator<DimensionScore> byObstacle = Comparator.comparingDouble(d -> -obstacle(a, d.dimension()));
        List<DimensionScore> behind = a.dimensions().stream()
                .filter(d -> !a.entityId().equals(d.leaderEntityId()) && d.leaderScore() - d.score() > NO_GAP)
                .sorted(Comparator.comparingDouble((DimensionScore d) -> -(d.leaderScore() - d.score()))
                        .thenComparing(byObstacle)
                        .thenComparing(DimensionScore::dimension))
                .toList();
        List<Target> targets = new ArrayList<>();
        if (!behind.isEmpty()) {
            for (int i = 0; i < behind.size(); i++) {
                DimensionScore d = behind.get(i);
                targets.add(new Target(d, d.leaderScore() - d.score(), i, phase(i)));
            }
            return targets;
        }
        // The entity leads its cohort everywhere: no peer to catch up with, so it pushes its own frontier,
        // weakest dimension first.
        List<DimensionScore> frontier = a.dimensions().stream().filter(d -> d.score() < 100 - NO_GAP)
                .sorted(Comparator.comparingDouble(DimensionScore::score).thenComparing(DimensionScore::dimension))
                .toList();
        for (int i = 0; i < frontier.size(); i++) {
            targets.add(new Target(frontier.get(i), null, i, phase(i)));
        }
        return targets;
    }

    private static Phase phase(int order) {
        return switch (order) {
            case 0 -> Phase.NEAR_TERM;
            case 1 -> Phase.MID_TERM;
            default -> Phase.LONG_TERM;
        };
    }

    /**
     * The side of the coupling to strengthen on this dimension: the lagging side when the coupling names one, else the
     * side whose indicators carry more of the dimension's obstacle; null when neither stands out.
     */
    static Subsystem focus(AssessmentComputed a, Dimension dimension) {
        Subsystem lagging = lagging(a);
        if (lagging != null) {
            return lagging;
        }
        double ai = 0;
        double nqpf = 0;
        for (IndicatorScore i : indicators(a)) {
            if (i.dimension() == dimension && i.subsystem() != null) {
                if (i.subsystem() == Subsystem.AI) {
                    ai += i.obstacle();
                }
                else {
                    nqpf += i.obstacle();
                }
            }
        }
        if (Math.abs(ai - nqpf) <= NO_GAP) {
            return null;
        }
        return ai > nqpf ? Subsystem.AI : Subsystem.NQPF;
    }

    /**
     * The paper's mechanism that answers the imbalance: a lagging AI side needs elements supplied (talent, compute,
     * data); a lagging NQPF side needs AI embedded into production; balanced sides need the closed loop.
     */
    static Mechanism preferredMechanism(AssessmentComputed a) {
        Subsystem lagging = lagging(a);
        if (lagging == null) {
            return Mechanism.FUNCTIONAL_COMBINATION;
        }
        return lagging == Subsystem.AI ? Mechanism.ELEMENT_SUPPLY : Mechanism.STRUCTURAL_EMBEDDING;
    }

    private static Subsystem lagging(AssessmentComputed a) {
        if (a.coupling() == null || a.coupling().lagging() == null) {
            return null;
        }
        return Subsystem.valueOf(a.coupling().lagging());
    }

    private static int fit(LibraryAction action, Subsystem focus, Mechanism mechanism, Phase phase) {
        return (action.subsystem() == focus ? SIDE_FIT : 0)
                + (action.mechanism() == mechanism ? MECHANISM_FIT : 0)
                + (action.phase() == phase ? HORIZON_FIT : 0);
    }

    /**
     * Every roadmap works through at least two systems: when the chosen actions all belong to one, the least urgent
     * one is swapped for the best-fitting action of another system on the same dimension.
     */
    private void ensureTwoSystems(AssessmentComputed a, List<Target> targets, List<LibraryAction> candidates,
            List<PlannedAction> planned) {
        if (planned.isEmpty() || planned.stream().map(PlannedAction::system).distinct().count() >= 2) {
            return;
        }
        ActionSystem only = planned.get(0).system();
        Set<String> used = planned.stream().map(PlannedAction::actionCode).collect(Collectors.toSet());
        for (int i = planned.size() - 1; i >= 0; i--) {
            PlannedAction swap = planned.get(i);
            Target target = targets.stream().filter(t -> t.score().dimension() == swap.dimension()).findFirst()
                    .orElseThrow();
            Subsystem focus = focus(a, swap.dimension());
            Mechanism mechanism = preferredMechanism(a);
            LibraryAction replacement = candidates.stream()
                    .filter(c -> c.dimension() == swap.dimension() && c.system() != only && !used.contains(c.code()))
                    .min(Comparator.comparingInt((LibraryAction c) -> -fit(c, focus, mechanism, target.phase()))
                            .thenComparing(LibraryAction::code))
                    .orElse(null);
            if (replacement != null) {
                planned.set(i, place(a, target, replacement, focus));
                return;
            }
        }
    }

    private static List<PlannedAction> prioritise(List<PlannedAction> planned) {
        List<PlannedAction> out = new ArrayList<>(planned.size());
        for (int i = 0; i < planned.size(); i++) {
            PlannedAction p = planned.get(i);
            out.add(new PlannedAction(p.actionCode(), p.title(), p.titleZh(), p.system(), p.actor(), p.instrument(),
                    p.mechanism(), p.subsystem(), p.dimension(), p.phase(), i + 1, p.rationale(), p.gap(), p.target(),
                    p.peer()));
        }
        return List.copyOf(out);
    }

    private static PlannedAction place(AssessmentComputed a, Target target, LibraryAction action, Subsystem focus) {
        DimensionScore d = target.score();
        Double gap = target.gap() == null ? null : round(target.gap());
        Double goal = null;
        String peer = null;
        if (target.gap() != null) {
            // Near term: a stepped target halfway to the leader; later phases: the leader's own score.
            goal = round(target.phase() == Phase.NEAR_TERM ? d.score() + target.gap() / 2 : d.leaderScore());
            peer = d.leaderEntityId();
        }
        return new PlannedAction(action.code(), action.titleEn(), action.titleZh(), action.system(), action.leadActor(),
                action.instrument(), action.mechanism(), action.subsystem(), d.dimension(), target.phase(), 0,
                rationale(a, target, action, focus, goal), gap, goal, peer);
    }

    private static String rationale(AssessmentComputed a, Target target, LibraryAction action, Subsystem focus,
            Double goal) {
        DimensionScore d = target.score();
        StringBuilder text = new StringBuilder();
        if (target.gap() != null) {
            text.append(String.format(Locale.ROOT,
                    "%s scores %.2f against %.2f for cohort leader %s (gap %.2f, rank %d of %d): the %s gap, "
                            + "so it is planned %s.",
                    d.dimension(), d.score(), d.leaderScore(), d.leaderEntityId(), target.gap(), d.rank(),
                    a.cohortSize(), target.order() == 0 ? "largest" : ordinal(target.order() + 1) + " largest",
                    words(target.phase())));
        }
        else {
            text.append(String.format(Locale.ROOT,
                    "%s scores %.2f and %s leads its cohort on every dimension: no peer is ahead, so the plan pushes "
                            + "its own frontier, weakest dimension first (%s).",
                    d.dimension(), d.score(), a.entityId(), words(target.phase())));
        }
        text.append(' ').append(obstacles(a, d.dimension()));
        text.append(' ').append(side(a, d.dimension(), action, focus));
        if (goal != null) {
            text.append(target.phase() == Phase.NEAR_TERM
                    ? String.format(Locale.ROOT, " Near-term target %.2f: half of the gap to %s.", goal,
                            d.leaderEntityId())
                    : String.format(Locale.ROOT, " Target %.2f: the score %s has already reached.", goal,
                            d.leaderEntityId()));
        }
        return text.toString();
    }

    private static String obstacles(AssessmentComputed a, Dimension dimension) {
        List<IndicatorScore> top = indicators(a).stream()
                .filter(i -> i.dimension() == dimension && i.obstacle() > 0)
                .sorted(Comparator.comparingDouble((IndicatorScore i) -> -i.obstacle())
                        .thenComparing(IndicatorScore::indicator))
                .limit(CITED_OBSTACLES).toList();
        if (top.isEmpty()) {
            return "No indicator obstacle degrees were reported for this dimension.";
        }
        return "Top obstacle indicators: " + top.stream()
                .map(i -> String.format(Locale.ROOT, "%s %.2f%% (%s)", i.indicator(), i.obstacle(), i.subsystem()))
                .collect(Collectors.joining(", ")) + ".";
    }

    private static String side(AssessmentComputed a, Dimension dimension, LibraryAction action, Subsystem focus) {
        String acts = String.format(Locale.ROOT, "this action strengthens the %s side through %s.", action.subsystem(),
                words(action.mechanism()));
        Subsystem lagging = lagging(a);
        if (lagging != null) {
            return String.format(Locale.ROOT, "Coupling coordination D=%.3f (%s) with the %s side lagging: %s",
                    a.coupling().d(), a.coupling().grade(), lagging, acts);
        }
        if (focus != null) {
            return String.format(Locale.ROOT,
                    "AI and NQPF are within 0.1 of each other; the %s side carries most of this dimension's "
                            + "obstacle (%.2f%% of %.2f%%): %s",
                    focus, obstacle(a, dimension, focus), obstacle(a, dimension), acts);
        }
        return Character.toUpperCase(acts.charAt(0)) + acts.substring(1);
    }

    private static double obstacle(AssessmentComputed a, Dimension dimension) {
        return indicators(a).stream().filter(i -> i.dimension() == dimension).mapToDouble(IndicatorScore::obstacle)
                .sum();
    }

    private static double obstacle(AssessmentComputed a, Dimension dimension, Subsystem side) {
        return indicators(a).stream().filter(i -> i.dimension() == dimension && i.subsystem() == side)
                .mapToDouble(IndicatorScore::obstacle).sum();
    }

    private static List<IndicatorScore> indicators(AssessmentComputed a) {
        return a.indicators() == null ? List.of() : a.indicators();
    }

    private static String ordinal(int n) {
        return switch (n) {
            case 1 -> "1st";
            case 2 -> "2nd";
            case 3 -> "3rd";
            default -> n + "th";
        };
    }

    private static String words(Phase phase) {
        return switch (phase) {
            case NEAR_TERM -> "for the near term";
            case MID_TERM -> "for the mid term";
            case LONG_TERM -> "for the long term";
        };
    }

    private static String words(Mechanism mechanism) {
        return switch (mechanism) {
            case ELEMENT_SUPPLY -> "bidirectional element supply";
            case STRUCTURAL_EMBEDDING -> "structural embedding from the inside out";
            case FUNCTIONAL_COMBINATION -> "chain-style functional combination";
        };
    }

    private static double round(double value) {
        return Math.round(value * 100.0) / 100.0;
    }
}

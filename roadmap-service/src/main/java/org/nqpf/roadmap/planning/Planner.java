package org.nqpf.roadmap.planning;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.nqpf.contracts.AssessmentComputed;
import org.nqpf.contracts.AssessmentComputed.IndicatorScore;
import org.nqpf.engine.CouplingGrade;
import org.nqpf.engine.Progress;
import org.nqpf.engine.frontier.Dea;
import org.nqpf.engine.whatif.CohortProjection;
import org.nqpf.roadmap.library.EntityKind;
import org.nqpf.roadmap.library.LibraryAction;
import org.nqpf.roadmap.library.Phase;

/**
 * Plans one entity's roadmap from its assessment and its cohort's: pure and deterministic, the same input gives the
 * same plan.
 * <p>
 * Top-down, as the paper asks: the diagnosis (lagging side, weakest dimensions, largest obstacles); targets for the
 * weak indicators from peers that already got there; candidate actions of the library scored by their projected
 * impact (the engine's what-if of their effects on the indicators), their urgency (the obstacle degree of what they
 * move, and whether it is deteriorating) and their feasibility (effort, prerequisites, kind), ranked by the profile's
 * weights; the chosen ones ordered so that prerequisites come first, each starting once its prerequisites have shown
 * their effect and placed in the phase its horizon ends in; and what the plan would achieve at the end of each phase.
 */
public final class Planner {

    /** The phases' last years: near term up to 1, mid term up to 3, long term up to 5. */
    static final int[] PHASE_ENDS = {1, 3, 5};
    static final int LONGEST = 5;
    private static final Map<LibraryAction.Effort, Double> EFFORT = Map.of(LibraryAction.Effort.LOW, 1.0,
            LibraryAction.Effort.MEDIUM, 0.6, LibraryAction.Effort.HIGH, 0.3);
    /** Feasibility of an action whose prerequisites cannot be planned for this entity (kind, or not in the library). */
    private static final double UNMET_PREREQUISITES = 0.5;
    /** Share of urgency that comes from deterioration rather than the obstacle degree. */
    private static final double DETERIORATION_SHARE = 0.2;

    // The cohort of the last plan: every member of a cohort-period is planned from the same list, so the matrices,
    // the what-if and the frontier are built once per cohort, not once per member.
    private record Cached(List<AssessmentComputed> members, PlanningProfile.FrontierSpec spec, Cohort cohort) {
    }

    private volatile Cached cached;

    private Cohort cohort(PlanningInput input) {
        Cached c = cached;
        if (c != null && sameMembers(c.members(), input.cohort())
                && java.util.Objects.equals(c.spec(), input.profile().frontier())) {
            return c.cohort();
        }
        List<AssessmentComputed> members = new ArrayList<>(input.cohort());
        if (members.stream().noneMatch(m -> m.entityId().equals(input.assessment().entityId()))) {
            members.add(input.assessment());
        }
        // The order of the members must not change the plan: ties are broken by entity id everywhere, and the
        // matrices are built in entity order.
        members.sort(Comparator.comparing(AssessmentComputed::entityId));
        Cohort built = new Cohort(members, input.profile().frontier());
        cached = new Cached(input.cohort(), input.profile().frontier(), built);
        return built;
    }

    // The same assessments, by identity: PlanningInput copies its list, so the list itself differs per member.
    private static boolean sameMembers(List<AssessmentComputed> a, List<AssessmentComputed> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * @throws Unplannable when no roadmap can be planned from the input, whatever is retried
     */
    public Plan plan(PlanningInput input) {
        AssessmentComputed a = input.assessment();
        PlanningProfile profile = input.profile();
        Cohort cohort = cohort(input);
        int unit = cohort.index.get(a.entityId());
        EntityKind kind = a.entityKind() == null ? null : EntityKind.valueOf(a.entityKind());
        List<LibraryAction> candidates = candidates(input, cohort, kind);

        // Targets first: urgency and rationales cite them.
        Targets targets = new Targets(cohort, unit, a.period(), profile);
        List<Integer> weak = targets.weak();
        Map<Integer, Targets.Proposal> chosenTarget = new LinkedHashMap<>();
        Map<Integer, List<Targets.Proposal>> proposals = new LinkedHashMap<>();
        for (int j : weak) {
            List<Targets.Proposal> all = targets.proposals(j);
            proposals.put(j, all);
            Targets.Proposal pick = pick(all, profile.targetStrategy());
            if (pick != null) {
                chosenTarget.put(j, pick);
            }
        }
        Map<String, Double> previous = previousValues(input, cohort);

        // Score every candidate.
        Map<String, Scored> scored = new LinkedHashMap<>();
        Set<String> plannable = new LinkedHashSet<>();
        candidates.forEach(c -> plannable.add(c.code()));
        double maxOverall = 0;
        double maxLagging = 0;
        double maxD = 0;
        double maxObstacle = 0;
        Lagging lagging = lagging(a);
        Outcome now = baseline(cohort, unit);
        for (LibraryAction c : candidates) {
            Outcome o = project(cohort, unit, List.of(new Timed(c, 0)), c.horizonYears());
            double dOverall = o.overall - now.overall;
            double dLagging = o.side(lagging.index) - now.side(lagging.index);
            double dD = o.d == null || now.d == null ? 0 : o.d - now.d;
            double obstacle = 0;
            int moved = 0;
            int worse = 0;
            for (LibraryAction.IndicatorEffect e : c.indicators()) {
                Integer j = cohort.column.get(e.code());
                if (j == null) {
                    continue;
                }
                moved++;
                // The most urgent indicator it moves decides: moving many minor ones does not outrank the largest obstacle.
                obstacle = Math.max(obstacle, orZero(cohort.obstacle[unit][j]));
                Double before = previous.get(e.code());
                if (before != null && cohort.direction[j] * (cohort.raw[unit][j] - before) < 0) {
                    worse++;
                }
            }
            boolean met = c.prerequisites().stream().allMatch(plannable::contains);
            double feasibility = EFFORT.getOrDefault(c.effort(), 0.6) * (met ? 1 : UNMET_PREREQUISITES);
            scored.put(c.code(), new Scored(c, dOverall, dLagging, dD, obstacle,
                    moved == 0 ? 0 : (double) worse / moved, feasibility, met));
            maxOverall = Math.max(maxOverall, dOverall);
            maxLagging = Math.max(maxLagging, dLagging);
            maxD = Math.max(maxD, dD);
            maxObstacle = Math.max(maxObstacle, obstacle);
        }
        PlanningProfile.Weights w = profile.weights();
        double wSum = w.impact() + w.urgency() + w.feasibility();
        for (Scored s : scored.values()) {
            double impact = (share(s.dOverall, maxOverall) + share(s.dLagging, maxLagging) + share(s.dD, maxD)) / 3;
            double urgency = (1 - DETERIORATION_SHARE) * share(s.obstacle, maxObstacle)
                    + DETERIORATION_SHARE * s.deteriorating;
            s.score = new Plan.Score(new Plan.Impact(round(s.dOverall), round(s.dLagging), round(s.dD), round(impact)),
                    round(urgency), round(s.feasibility),
                    round((w.impact() * impact + w.urgency() * urgency + w.feasibility() * s.feasibility) / wSum));
        }
        List<Scored> ranked = new ArrayList<>(scored.values());
        ranked.sort(Comparator.comparingDouble((Scored s) -> -s.score.total()).thenComparing(s -> s.action.code()));

        // Choose by rank, then add what the chosen need.
        Map<String, Scored> chosen = new LinkedHashMap<>();
        Map<String, List<String>> requiredFor = new HashMap<>();
        for (Scored s : ranked) {
            if (chosen.size() >= profile.maxActions()) {
                break;
            }
            chosen.put(s.action.code(), s);
        }
        List<String> byRank = new ArrayList<>(chosen.keySet());
        for (String code : byRank) {
            addPrerequisites(code, scored, chosen, requiredFor);
        }
        List<Timed> schedule = schedule(chosen);

        Map<String, Integer> rankOf = new HashMap<>();
        for (int i = 0; i < ranked.size(); i++) {
            rankOf.put(ranked.get(i).action.code(), i + 1);
        }
        List<Plan.Considered> considered = new ArrayList<>();
        for (Scored s : ranked) {
            if (!chosen.containsKey(s.action.code())) {
                considered.add(new Plan.Considered(s.action.code(), s.score.total(), String.format(Locale.ROOT,
                        "ranked %d of %d candidates (total %.3f), below the %d chosen by rank", rankOf.get(s.action.code()),
                        ranked.size(), s.score.total(), profile.maxActions())));
            }
        }

        // Targets, now with the year the chosen actions reach them.
        int baseYear = year(a.period());
        List<Plan.Target> planTargets = new ArrayList<>();
        Map<String, Plan.Target> targetByCode = new HashMap<>();
        for (int j : weak) {
            Targets.Proposal pick = chosenTarget.get(j);
            if (pick == null) {
                continue;
            }
            String code = cohort.codes.get(j);
            int reach = 0;
            for (Timed t : schedule) {
                if (t.action.moves(code)) {
                    reach = Math.max(reach, t.start + t.action.horizonYears());
                }
            }
            int years = Math.max(1, Math.min(LONGEST, reach == 0 ? LONGEST : reach));
            double value = cohort.raw[unit][j];
            List<Plan.Alternative> alternatives = new ArrayList<>();
            for (Targets.Proposal p : proposals.get(j)) {
                if (!p.strategy().equals(pick.strategy())) {
                    alternatives.add(new Plan.Alternative(p.strategy(), p.target() == null ? null : round(p.target()),
                            p.peers(), p.note()));
                }
            }
            Plan.Target t = new Plan.Target(code, cohort.dimensionOf[j], cohort.sideOf[j], cohort.direction[j],
                    round(value), roundOrNull(cohort.normalised[unit][j]), round(orZero(cohort.obstacle[unit][j])),
                    deteriorating(previous.get(code), value, cohort.direction[j]), pick.strategy(),
                    round(pick.target()), pick.peers(), alternatives, baseYear + years,
                    trajectory(value, pick.target(), years, baseYear));
            planTargets.add(t);
            targetByCode.put(code, t);
        }

        List<Plan.Action> actions = new ArrayList<>();
        int priority = 1;
        for (Timed t : schedule) {
            Scored s = chosen.get(t.action.code());
            List<Plan.Move> moves = new ArrayList<>();
            for (LibraryAction.IndicatorEffect e : t.action.indicators()) {
                Integer j = cohort.column.get(e.code());
                if (j == null) {
                    continue;
                }
                Plan.Target target = targetByCode.get(e.code());
                moves.add(new Plan.Move(e.code(), e.direction(), e.low(), e.high(),
                        round(orZero(cohort.obstacle[unit][j])), target == null ? null : target.target(),
                        target == null || target.peers().isEmpty() ? null : target.peers().get(0).entityId()));
            }
            Phase phase = Phase.ofYears(t.start + t.action.horizonYears());
            List<String> needs = requiredFor.get(t.action.code());
            String[] rationale = Narrative.rationale(a, t.action, moves, targetByCode, s.score, t.start, phase,
                    rankOf.get(t.action.code()), ranked.size(), lagging.name, needs);
            actions.add(new Plan.Action(t.action.code(), t.action.titleEn(), t.action.titleZh(), t.action.system(),
                    t.action.mechanism(), t.action.leadActor(), t.action.supportingActors(), t.action.instrument(),
                    t.action.horizonYears(), t.action.effort(), t.action.prerequisites(), t.start, phase, priority++,
                    moves, s.score, rationale[0], rationale[1], needs == null ? null : List.copyOf(needs)));
        }

        Plan.Projections projections = projections(cohort, unit, schedule);
        Plan.Strategy strategy = Narrative.strategy(a, cohort, unit, lagging.name, planTargets, projections,
                frontierOf(cohort, unit));
        return new Plan(a.entityId(), a.cohort(), a.frameworkCode(), a.period(), a.entityKind(),
                input.library().version(), profile.version(), strategy, planTargets, frontierOf(cohort, unit),
                actions, considered, projections, progress(input, cohort, unit), context(input, cohort, unit));
    }

    /**
     * What a chosen set of the library's actions would achieve for the entity, by phase and as a whole.
     *
     * @throws IllegalArgumentException naming an action code the library version does not hold
     */
    public Plan.Projections whatIf(PlanningInput input, List<String> actionCodes) {
        Map<String, LibraryAction> byCode = new LinkedHashMap<>();
        input.library().actions().forEach(x -> byCode.put(x.code(), x));
        Map<String, Scored> chosen = new LinkedHashMap<>();
        for (String code : actionCodes) {
            LibraryAction action = byCode.get(code);
            if (action == null) {
                throw new IllegalArgumentException("actions: no action " + code + " in library version "
                        + input.library().version() + " of " + input.library().frameworkCode());
            }
            chosen.put(code, new Scored(action, 0, 0, 0, 0, 0, 0, true));
        }
        Cohort cohort = cohort(input);
        return projections(cohort, cohort.index.get(input.assessment().entityId()), schedule(chosen));
    }

    /**
     * What makes two plans the same: the period, the actions (code, order, phase) and the targets (indicator,
     * strategy, value), not the sentences or the projected numbers.
     */
    public static String digest(Plan plan) {
        StringBuilder s = new StringBuilder();
        s.append(plan.entityId()).append('|').append(plan.cohort()).append('|').append(plan.frameworkCode())
                .append('|').append(plan.period()).append('|').append(plan.libraryVersion()).append('\n');
        for (Plan.Action a : plan.actions()) {
            s.append("A|").append(a.code()).append('|').append(a.priority()).append('|').append(a.phase())
                    .append('|').append(a.startYear()).append('\n');
        }
        for (Plan.Target t : plan.targets()) {
            s.append("T|").append(t.indicator()).append('|').append(t.strategy()).append('|')
                    .append(String.format(Locale.ROOT, "%.6g", t.target())).append('|').append(t.targetYear())
                    .append('\n');
        }
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(s.toString().getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    // ---- candidates and scores

    private static List<LibraryAction> candidates(PlanningInput input, Cohort cohort, EntityKind kind) {
        if (input.library().frameworkCode() != null && input.assessment().frameworkCode() != null
                && !input.library().frameworkCode().equals(input.assessment().frameworkCode())) {
            throw new Unplannable("library version " + input.library().version() + " is for framework "
                    + input.library().frameworkCode() + ", the assessment for " + input.assessment().frameworkCode());
        }
        List<LibraryAction> applicable = input.library().actions().stream().filter(x -> x.appliesTo(kind)).toList();
        if (applicable.isEmpty()) {
            throw new Unplannable("no action of library version " + input.library().version() + " applies to entity kind "
                    + kind);
        }
        List<LibraryAction> moving = applicable.stream()
                .filter(x -> x.indicators().stream().anyMatch(e -> cohort.column.containsKey(e.code())))
                .sorted(Comparator.comparing(LibraryAction::code)).toList();
        if (moving.isEmpty()) {
            throw new Unplannable("no action of library version " + input.library().version() + " for entity kind "
                    + kind + " moves an indicator the assessment reports");
        }
        return moving;
    }

    private static final class Scored {
        final LibraryAction action;
        final double dOverall;
        final double dLagging;
        final double dD;
        final double obstacle;
        final double deteriorating;
        final double feasibility;
        final boolean prerequisitesMet;
        Plan.Score score;

        Scored(LibraryAction action, double dOverall, double dLagging, double dD, double obstacle,
                double deteriorating, double feasibility, boolean prerequisitesMet) {
            this.action = action;
            this.dOverall = dOverall;
            this.dLagging = dLagging;
            this.dD = dD;
            this.obstacle = obstacle;
            this.deteriorating = deteriorating;
            this.feasibility = feasibility;
            this.prerequisitesMet = prerequisitesMet;
            this.score = new Plan.Score(new Plan.Impact(0, 0, 0, 0), 0, 0, 0);
        }
    }

    private static void addPrerequisites(String code, Map<String, Scored> scored, Map<String, Scored> chosen,
            Map<String, List<String>> requiredFor) {
        for (String p : chosen.get(code).action.prerequisites()) {
            Scored s = scored.get(p);
            if (s == null) {
                continue; // not plannable for this entity: its feasibility already says so
            }
            requiredFor.computeIfAbsent(p, k -> new ArrayList<>());
            boolean added = chosen.putIfAbsent(p, s) == null;
            if (!requiredFor.get(p).contains(code)) {
                requiredFor.get(p).add(code);
            }
            if (added) {
                addPrerequisites(p, scored, chosen, requiredFor);
            }
        }
        // An action chosen by rank is not "required for" anything unless it was also added as a prerequisite.
    }

    /** An action with the year it starts. */
    record Timed(LibraryAction action, int start) {
    }

    /**
     * The order: prerequisites first, otherwise by rank (Kahn's algorithm taking the best-ranked ready action);
     * each action starts once its chosen prerequisites have shown their effect.
     */
    private static List<Timed> schedule(Map<String, Scored> chosen) {
        Map<String, Integer> pending = new HashMap<>();
        Map<String, List<String>> dependants = new HashMap<>();
        for (Scored s : chosen.values()) {
            int count = 0;
            for (String p : s.action.prerequisites()) {
                if (chosen.containsKey(p)) {
                    count++;
                    dependants.computeIfAbsent(p, k -> new ArrayList<>()).add(s.action.code());
                }
            }
            pending.put(s.action.code(), count);
        }
        PriorityQueue<Scored> ready = new PriorityQueue<>(Comparator.comparingDouble((Scored s) -> -s.score.total())
                .thenComparing(s -> s.action.code()));
        chosen.values().stream().filter(s -> pending.get(s.action.code()) == 0).forEach(ready::add);
        Map<String, Integer> end = new HashMap<>();
        List<Timed> out = new ArrayList<>();
        while (!ready.isEmpty()) {
            Scored s = ready.poll();
            int start = 0;
            for (String p : s.action.prerequisites()) {
                if (end.containsKey(p)) {
                    start = Math.max(start, end.get(p));
                }
            }
            out.add(new Timed(s.action, start));
            end.put(s.action.code(), start + s.action.horizonYears());
            for (String d : dependants.getOrDefault(s.action.code(), List.of())) {
                if (pending.merge(d, -1, Integer::sum) == 0) {
                    ready.add(chosen.get(d));
                }
            }
        }
        if (out.size() != chosen.size()) {
            // A published library has no cycle (LibraryRules); a hand-made one may.
            throw new Unplannable("the chosen actions' prerequisites form a cycle");
        }
        return out;
    }

    // ---- projections

    /** The engine's what-if for the entity after {@code years} of the timed actions. */
    private static Outcome project(Cohort cohort, int unit, List<Timed> actions, int years) {
        int m = cohort.codes.size();
        double[] values = new double[m];
        Arrays.fill(values, Double.NaN);
        double[] factor = new double[m];
        Arrays.fill(factor, 1);
        boolean any = false;
        for (Timed t : actions) {
            int active = Math.max(0, Math.min(years - t.start, t.action.horizonYears()));
            if (active == 0) {
                continue;
            }
            for (LibraryAction.IndicatorEffect e : t.action.indicators()) {
                Integer j = cohort.column.get(e.code());
                if (j == null) {
                    continue;
                }
                double perYear = e.direction() * (e.low() + e.high()) / 2 / 100;
                factor[j] *= Math.pow(1 + perYear, active);
                any = true;
            }
        }
        if (any) {
            for (int j = 0; j < m; j++) {
                if (factor[j] != 1) {
                    values[j] = cohort.raw[unit][j] * factor[j];
                }
            }
        }
        CohortProjection.Result r = cohort.projection.project(unit, values);
        return new Outcome(r.overall(), r.groups(), r.subsystems(), r.d(), r.grade(), r.rank());
    }

    private static Outcome baseline(Cohort cohort, int unit) {
        double[] none = new double[cohort.codes.size()];
        Arrays.fill(none, Double.NaN);
        CohortProjection.Result r = cohort.projection.project(unit, none);
        return new Outcome(r.overall(), r.groups(), r.subsystems(), r.d(), r.grade(), r.rank());
    }

    private record Outcome(double overall, double[] dimensions, double[] subsystems, Double d, CouplingGrade grade,
            int rank) {

        double side(int index) {
            return index < 0 || index >= subsystems.length || Double.isNaN(subsystems[index]) ? 0 : subsystems[index];
        }
    }

    private static Plan.Projections projections(Cohort cohort, int unit, List<Timed> schedule) {
        Plan.Projection now = projection(cohort, null, 0, baseline(cohort, unit));
        List<Plan.Projection> phases = new ArrayList<>();
        Phase[] names = Phase.values();
        for (int k = 0; k < PHASE_ENDS.length; k++) {
            phases.add(projection(cohort, names[k], PHASE_ENDS[k], project(cohort, unit, schedule, PHASE_ENDS[k])));
        }
        int end = schedule.stream().mapToInt(t -> t.start + t.action.horizonYears()).max().orElse(0);
        Plan.Projection whole = projection(cohort, null, end, project(cohort, unit, schedule, end));
        return new Plan.Projections(now, phases, whole);
    }

    private static Plan.Projection projection(Cohort cohort, Phase phase, int year, Outcome o) {
        Map<String, Double> dims = new LinkedHashMap<>();
        for (int k = 0; k < cohort.dimensions.size(); k++) {
            if (!Double.isNaN(o.dimensions[k])) {
                dims.put(cohort.dimensions.get(k), round(o.dimensions[k]));
            }
        }
        Map<String, Double> sides = new LinkedHashMap<>();
        for (int k = 0; k < Cohort.SIDES.size(); k++) {
            if (!Double.isNaN(o.subsystems[k])) {
                sides.put(Cohort.SIDES.get(k), round(o.subsystems[k]));
            }
        }
        return new Plan.Projection(phase, year, round(o.overall), dims, sides, o.d == null ? null : round(o.d),
                o.grade == null ? null : o.grade.name(), o.rank, cohort.size());
    }

    // ---- targets, progress, context

    private static Targets.Proposal pick(List<Targets.Proposal> all, String preferred) {
        List<String> order = new ArrayList<>(List.of(preferred));
        for (String s : List.of(PlanningProfile.NEAREST_PEERS, PlanningProfile.QUANTILE, PlanningProfile.FRONTIER)) {
            if (!order.contains(s)) {
                order.add(s);
            }
        }
        for (String s : order) {
            for (Targets.Proposal p : all) {
                if (p.strategy().equals(s) && p.target() != null) {
                    return p;
                }
            }
        }
        return null;
    }

    /** One milestone a year from today's value to the target: constant growth where both are positive, else linear. */
    static List<Plan.Milestone> trajectory(double from, double to, int years, int baseYear) {
        List<Plan.Milestone> out = new ArrayList<>();
        boolean geometric = from > 0 && to > 0;
        for (int k = 1; k <= years; k++) {
            double f = (double) k / years;
            double v = geometric ? from * Math.pow(to / from, f) : from + (to - from) * f;
            out.add(new Plan.Milestone(baseYear + k, round(v), Phase.ofYears(k)));
        }
        return out;
    }

    /** The entity's values in its newest earlier period, by indicator code. */
    private static Map<String, Double> previousValues(PlanningInput input, Cohort cohort) {
        Map<String, Double> out = new HashMap<>();
        if (input.history().isEmpty()) {
            return out;
        }
        AssessmentComputed last = input.history().get(input.history().size() - 1);
        for (IndicatorScore i : Cohort.nullSafe(last.indicators())) {
            if (i.value() != null) {
                out.put(i.indicator(), i.value());
            }
        }
        return out;
    }

    private static boolean deteriorating(Double before, double now, int direction) {
        return before != null && direction * (now - before) < 0;
    }

    /** The baseline plan's targets against this period's values, by the Open SDG progress measure. */
    private static List<Plan.MilestoneProgress> progress(PlanningInput input, Cohort cohort, int unit) {
        Plan baseline = input.baseline();
        if (baseline == null || baseline.targets() == null) {
            return List.of();
        }
        int now = year(input.assessment().period());
        int base = year(baseline.period());
        List<Plan.MilestoneProgress> out = new ArrayList<>();
        for (Plan.Target t : baseline.targets()) {
            Integer j = cohort.column.get(t.indicator());
            if (j == null || Double.isNaN(cohort.raw[unit][j]) || now <= base) {
                continue;
            }
            double value = cohort.raw[unit][j];
            Progress.Result r = Progress.of(new double[] {base, now}, new double[] {t.value(), value}, t.direction(),
                    t.target(), base, t.targetYear());
            Double milestone = t.trajectory().stream().filter(m -> m.year() == now).map(Plan.Milestone::value)
                    .findFirst().orElse(null);
            out.add(new Plan.MilestoneProgress(t.indicator(), baseline.period(), t.value(), input.assessment().period(),
                    round(value), t.target(), t.targetYear(), milestone, roundOrNull(r.cagrObserved()),
                    roundOrNull(r.cagrRequired()), roundOrNull(r.ratio()), r.status().name(), r.status().english(),
                    r.status().chinese()));
        }
        return out;
    }

    private static Plan.Context context(PlanningInput input, Cohort cohort, int unit) {
        Map<String, Double> own = new LinkedHashMap<>();
        Map<String, Double> median = new LinkedHashMap<>();
        int best = -1;
        for (int u = 0; u < cohort.size(); u++) {
            if (u != unit && (best < 0 || cohort.members.get(u).overallScore() > cohort.members.get(best).overallScore())) {
                best = u;
            }
        }
        Map<String, Double> bestDims = new LinkedHashMap<>();
        for (String d : cohort.dimensions) {
            double[] values = cohort.members.stream().mapToDouble(m -> dimension(m, d)).filter(v -> !Double.isNaN(v))
                    .sorted().toArray();
            if (values.length > 0) {
                int n = values.length;
                median.put(d, round(n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2));
            }
            double mine = dimension(input.assessment(), d);
            if (!Double.isNaN(mine)) {
                own.put(d, round(mine));
            }
            if (best >= 0 && !Double.isNaN(dimension(cohort.members.get(best), d))) {
                bestDims.put(d, round(dimension(cohort.members.get(best), d)));
            }
        }
        List<Plan.CouplingPoint> coupling = new ArrayList<>();
        List<AssessmentComputed> series = new ArrayList<>(input.history());
        series.add(input.assessment());
        for (AssessmentComputed h : series) {
            if (h.coupling() != null) {
                coupling.add(new Plan.CouplingPoint(h.period(), round(h.coupling().d()),
                        CouplingGrade.of(h.coupling().d()).name()));
            }
        }
        return new Plan.Context(own, median, best < 0 ? null : cohort.ids[best], bestDims, coupling);
    }

    private static double dimension(AssessmentComputed a, String code) {
        return Cohort.nullSafe(a.dimensions()).stream().filter(d -> d.dimension().name().equals(code))
                .mapToDouble(AssessmentComputed.DimensionScore::score).findFirst().orElse(Double.NaN);
    }

    private static Plan.Frontier frontierOf(Cohort cohort, int unit) {
        Cohort.FrontierRun run = cohort.frontier;
        if (run.results() == null || run.results()[unit] == null) {
            return new Plan.Frontier(run.model(), run.orientation(), run.inputs(), run.outputs(), null, null, null,
                    null, null, run.note() == null ? "the entity lacks a frontier variable" : run.note());
        }
        Dea.Result r = run.results()[unit];
        Map<String, Double> variables = new LinkedHashMap<>();
        Map<String, Double> targets = new LinkedHashMap<>();
        Map<String, Double> slacks = new LinkedHashMap<>();
        for (int k = 0; k < run.inputs().size(); k++) {
            variables.put(run.inputs().get(k), round(run.inputValues()[unit][k]));
            targets.put(run.inputs().get(k), round(r.inputTargets()[k]));
            slacks.put(run.inputs().get(k), round(r.inputSlacks()[k]));
        }
        for (int k = 0; k < run.outputs().size(); k++) {
            variables.put(run.outputs().get(k), round(run.outputValues()[unit][k]));
            targets.put(run.outputs().get(k), round(r.outputTargets()[k]));
            slacks.put(run.outputs().get(k), round(r.outputSlacks()[k]));
        }
        Map<String, Double> peers = new LinkedHashMap<>();
        r.peers().forEach((u, lambda) -> peers.put(cohort.ids[u], round(lambda)));
        return new Plan.Frontier(run.model(), run.orientation(), run.inputs(), run.outputs(), round(r.efficiency()),
                variables, peers, targets, slacks, run.note());
    }

    // ---- the lagging side

    /** The side to strengthen: the lagging one when the coupling names one, else the weaker by score. */
    private record Lagging(String name, int index) {
    }

    private static Lagging lagging(AssessmentComputed a) {
        if (a.coupling() != null && a.coupling().lagging() != null) {
            return new Lagging(a.coupling().lagging(), Cohort.SIDES.indexOf(a.coupling().lagging()));
        }
        String weaker = null;
        double low = Double.POSITIVE_INFINITY;
        for (AssessmentComputed.SubsystemScore s : Cohort.nullSafe(a.subsystems())) {
            if (s.score() < low) {
                low = s.score();
                weaker = s.subsystem().name();
            }
        }
        return new Lagging(weaker, weaker == null ? -1 : Cohort.SIDES.indexOf(weaker));
    }

    // ---- numbers

    /** The calendar year a period names ("2024", "2024-Q3", "2024-06"), else 0. */
    static int year(String period) {
        if (period != null && period.length() >= 4) {
            try {
                return Integer.parseInt(period.substring(0, 4));
            }
            catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    private static double share(double value, double max) {
        return max > 0 ? Math.max(0, value) / max : 0;
    }

    private static double orZero(double v) {
        return Double.isNaN(v) ? 0 : v;
    }

    /** Six decimals: the precision the plan is stored and compared with. */
    static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

    static Double roundOrNull(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : round(v);
    }
}

package org.nqpf.roadmap.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.nqpf.contracts.AssessmentComputed;
import org.nqpf.contracts.Dimension;
import org.nqpf.contracts.Subsystem;
import org.nqpf.engine.nqpf.NqpfIndicator;
import org.nqpf.roadmap.EngineCohort;
import org.nqpf.roadmap.library.FrameworkIndicators.Known;
import org.nqpf.roadmap.library.LibraryAction;
import org.nqpf.roadmap.library.LibrarySeed;
import org.nqpf.roadmap.library.LibraryVersion;
import tools.jackson.databind.json.JsonMapper;

/** The planner on cohorts assessed by the real engine, with the shipped action library. */
class PlannerTest {

    static final List<String> PERIODS = List.of("2023", "2024");
    static final List<String> UNITS = EngineCohort.units(31);
    static final LibraryVersion LIBRARY = LibrarySeed.shipped(JsonMapper.builder().build(), known());
    static final List<List<AssessmentComputed>> COHORT = EngineCohort.assess("CN", UNITS, PERIODS,
            EngineCohort.values(31, PERIODS, 7), Map.of());

    static Known known() {
        Map<String, Known.Indicator> indicators = new LinkedHashMap<>();
        for (NqpfIndicator i : EngineCohort.NQPF_AI) {
            indicators.put(i.code(), new Known.Indicator(i.code(), Dimension.valueOf(i.dimension()),
                    Subsystem.valueOf(i.subsystem())));
        }
        return new Known("NQPF-AI", indicators);
    }

    static PlanningInput input(String entity, PlanningProfile profile) {
        List<AssessmentComputed> latest = COHORT.get(1);
        AssessmentComputed a = latest.stream().filter(x -> x.entityId().equals(entity)).findFirst().orElseThrow();
        AssessmentComputed before = COHORT.get(0).stream().filter(x -> x.entityId().equals(entity)).findFirst()
                .orElseThrow();
        return new PlanningInput(a, latest, List.of(before), LIBRARY, profile, null);
    }

    private final Planner planner = new Planner();

    @Test
    void should_SetEachTarget_From_TheNamedPeersValues_ForEveryStrategy() {
        Plan plan = planner.plan(input("E005", PlanningProfile.defaults()));
        assertThat(plan.targets()).isNotEmpty();
        Map<String, Map<String, Double>> raw = rawValues(COHORT.get(1));
        for (Plan.Target t : plan.targets()) {
            List<Plan.Alternative> all = new ArrayList<>(t.alternatives());
            all.add(new Plan.Alternative(t.strategy(), t.target(), t.peers(), null));
            for (Plan.Alternative s : all) {
                if (s.target() == null) {
                    continue;
                }
                for (Plan.Peer p : s.peers()) {
                    assertThat(p.value()).as("%s's value of %s", p.entityId(), t.indicator())
                            .isEqualTo(raw.get(p.entityId()).get(t.indicator()));
                    assertThat(p.period()).isEqualTo("2024");
                }
                double expected = switch (s.strategy()) {
                    case PlanningProfile.QUANTILE -> s.peers().get(0).value();
                    case PlanningProfile.NEAREST_PEERS -> s.peers().stream().mapToDouble(Plan.Peer::value).average()
                            .orElseThrow();
                    default -> s.peers().stream().mapToDouble(p -> p.weight() * p.value()).sum()
                            / s.peers().stream().mapToDouble(Plan.Peer::weight).sum();
                };
                assertThat(s.target()).as("%s target of %s", s.strategy(), t.indicator()).isCloseTo(expected,
                        within(1e-5));
                // Every strategy's target is better than today's value, in the indicator's direction.
                assertThat(t.direction() * (s.target() - t.value())).as(s.strategy()).isPositive();
            }
            if (t.strategy().equals(PlanningProfile.NEAREST_PEERS)) {
                assertThat(t.peers()).hasSize(3);
            }
            // Milestones: one a year to the target year, ending on the target.
            assertThat(t.trajectory()).hasSize(t.targetYear() - 2024);
            assertThat(t.trajectory().get(t.trajectory().size() - 1).value()).isCloseTo(t.target(), within(1e-5));
            assertThat(t.trajectory().get(0).term()).isEqualTo(org.nqpf.roadmap.library.Phase.NEAR_TERM);
        }
    }

    @Test
    void should_PickTheNearestBetterPeers_When_Similar() {
        Plan plan = planner.plan(input("E010", PlanningProfile.defaults()));
        Plan.Target t = plan.targets().get(0);
        Map<String, Map<String, Double>> norm = normalised(COHORT.get(1));
        double own = norm.get("E010").get(t.indicator());
        double farthestChosen = t.peers().stream().mapToDouble(Plan.Peer::distance).max().orElseThrow();
        // No better peer outside the chosen is nearer than the farthest chosen one.
        for (AssessmentComputed other : COHORT.get(1)) {
            String id = other.entityId();
            if (id.equals("E010") || t.peers().stream().anyMatch(p -> p.entityId().equals(id))) {
                continue;
            }
            if (norm.get(id).get(t.indicator()) > own) {
                assertThat(distance(norm.get("E010"), norm.get(id))).as(id).isGreaterThanOrEqualTo(farthestChosen - 1e-6);
            }
        }
        t.peers().forEach(p -> assertThat(norm.get(p.entityId()).get(t.indicator())).isGreaterThan(own));
    }

    @Test
    void should_NameManyDifferentPeers_AcrossTheCohort() {
        Set<String> peers = new HashSet<>();
        for (String unit : UNITS) {
            planner.plan(input(unit, PlanningProfile.defaults())).targets()
                    .forEach(t -> t.peers().forEach(p -> peers.add(p.entityId())));
        }
        assertThat(peers).as("peers named across 31 entities' targets").hasSizeGreaterThan(15);
    }

    @Test
    void should_PutPrerequisitesFirst_And_PhaseByHorizonAfterThem() {
        for (String unit : List.of("E001", "E002", "E003", "E017")) {
            Plan plan = planner.plan(input(unit, PlanningProfile.defaults()));
            Map<String, Plan.Action> byCode = plan.actions().stream()
                    .collect(Collectors.toMap(Plan.Action::code, a -> a));
            for (Plan.Action a : plan.actions()) {
                int latestEnd = 0;
                for (String p : a.prerequisites()) {
                    Plan.Action pre = byCode.get(p);
                    if (pre != null) {
                        assertThat(pre.priority()).as("%s before %s", p, a.code()).isLessThan(a.priority());
                        latestEnd = Math.max(latestEnd, pre.startYear() + pre.horizonYears());
                    }
                }
                assertThat(a.startYear()).isEqualTo(latestEnd);
                assertThat(a.phase()).isEqualTo(org.nqpf.roadmap.library.Phase.ofYears(a.startYear() + a.horizonYears()));
            }
            assertThat(plan.actions().stream().filter(a -> a.requiredFor() != null).flatMap(a -> a.requiredFor().stream()))
                    .allMatch(byCode::containsKey);
        }
    }

    @Test
    void should_RankFirst_AnActionThatMovesTheTopObstacle_When_UrgencyDecides() {
        PlanningProfile urgencyOnly = withWeights(0, 1, 0);
        Plan plan = planner.plan(input("E012", urgencyOnly));
        AssessmentComputed a = input("E012", urgencyOnly).assessment();
        String top = a.indicators().stream().filter(i -> LIBRARY.actions().stream().anyMatch(x -> x.moves(i.indicator())))
                .max(java.util.Comparator.comparingDouble(AssessmentComputed.IndicatorScore::obstacle)).orElseThrow()
                .indicator();
        Plan.Action first = plan.actions().stream().filter(x -> x.requiredFor() == null).findFirst().orElseThrow();
        assertThat(first.moves()).extracting(Plan.Move::indicator).contains(top);
        // With the default weights the top actions still work on the largest obstacles.
        Plan defaults = planner.plan(input("E012", PlanningProfile.defaults()));
        Set<String> top3 = a.indicators().stream()
                .sorted(java.util.Comparator.comparingDouble((AssessmentComputed.IndicatorScore i) -> -i.obstacle()))
                .limit(5).map(AssessmentComputed.IndicatorScore::indicator).collect(Collectors.toSet());
        assertThat(defaults.actions().subList(0, 3)).anySatisfy(x -> assertThat(x.moves())
                .anySatisfy(m -> assertThat(top3).contains(m.indicator())));
    }

    @Test
    void should_RankByProjectedImpact_When_UrgencyAndFeasibilityAreEqual() {
        // Three actions that move the same indicator, of the same effort, with no prerequisites: only the size
        // of their effect differs.
        LibraryAction template = LIBRARY.actions().stream().filter(x -> x.prerequisites().isEmpty()
                && x.indicators().size() == 1).findFirst().orElseThrow();
        List<LibraryAction> three = new ArrayList<>();
        double[] sizes = {2, 8, 4};
        for (int k = 0; k < 3; k++) {
            LibraryAction.IndicatorEffect e = template.indicators().get(0);
            three.add(new LibraryAction("X-" + (char) ('A' + k) + "-1", template.titleEn(), template.titleZh(),
                    template.system(), List.of(new LibraryAction.IndicatorEffect(e.code(), e.direction(), sizes[k],
                            sizes[k], e.basis())), template.mechanism(), template.leadActor(),
                    template.supportingActors(), template.instrument(), 3, List.of(), template.effort(),
                    template.entityKinds(), template.sources(), template.dimension(), template.subsystem()));
        }
        LibraryVersion library = new LibraryVersion(9, "NQPF-AI", LibraryVersion.Status.PUBLISHED, null,
                LibraryVersion.EFFECT_UNIT, LIBRARY.createdAt(), LIBRARY.publishedAt(), three);
        PlanningInput base = input("E020", PlanningProfile.defaults());
        Plan plan = planner.plan(new PlanningInput(base.assessment(), base.cohort(), base.history(), library,
                base.profile(), null));
        assertThat(plan.actions()).extracting(Plan.Action::code).containsExactly("X-B-1", "X-C-1", "X-A-1");
        assertThat(plan.actions().get(0).score().impact().overall())
                .isGreaterThan(plan.actions().get(1).score().impact().overall());
        assertThat(plan.actions().get(0).score().urgency()).isEqualTo(plan.actions().get(2).score().urgency());
    }

    @Test
    void should_GiveTheSamePlan_When_TheSameInputComesInAnotherOrder() {
        Plan once = planner.plan(input("E007", PlanningProfile.defaults()));
        List<AssessmentComputed> shuffled = new ArrayList<>(COHORT.get(1));
        Collections.shuffle(shuffled, new Random(3));
        PlanningInput in = input("E007", PlanningProfile.defaults());
        Plan again = new Planner().plan(new PlanningInput(in.assessment(), shuffled, in.history(), in.library(),
                in.profile(), null));
        assertThat(again).isEqualTo(once);
        assertThat(Planner.digest(again)).isEqualTo(Planner.digest(once));
    }

    @Test
    void should_ProjectTheAssessedScores_When_NoActionIsTaken() {
        PlanningInput in = input("E009", PlanningProfile.defaults());
        Plan.Projections none = planner.whatIf(in, List.of());
        AssessmentComputed a = in.assessment();
        assertThat(none.whole().overallScore()).isCloseTo(a.overallScore(), within(1e-6));
        assertThat(none.whole().rank()).isEqualTo(a.rank());
        assertThat(none.whole().couplingD()).isCloseTo(a.coupling().d(), within(1e-6));
        for (AssessmentComputed.DimensionScore d : a.dimensions()) {
            assertThat(none.whole().dimensions().get(d.dimension().name())).isCloseTo(d.score(), within(1e-6));
        }
        Plan plan = planner.plan(in);
        Plan.Projections chosen = planner.whatIf(in, plan.actions().stream().map(Plan.Action::code).toList());
        assertThat(chosen).isEqualTo(plan.projections());
        // Each phase adds to the one before; the plan as a whole raises the score.
        List<Plan.Projection> phases = plan.projections().phases();
        assertThat(phases.get(1).overallScore()).isGreaterThanOrEqualTo(phases.get(0).overallScore());
        assertThat(phases.get(2).overallScore()).isGreaterThanOrEqualTo(phases.get(1).overallScore());
        assertThat(plan.projections().whole().overallScore()).isGreaterThan(a.overallScore());
        assertThatThrownBy(() -> planner.whatIf(in, List.of("NO-SUCH-1"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NO-SUCH-1");
    }

    @Test
    void should_GiveEachActionItsOwnRationale() {
        Plan plan = planner.plan(input("E014", PlanningProfile.defaults()));
        assertThat(plan.actions()).hasSizeGreaterThanOrEqualTo(12);
        Set<String> texts = plan.actions().stream().map(Plan.Action::rationaleEn).collect(Collectors.toSet());
        assertThat(texts).hasSize(plan.actions().size());
        for (Plan.Action a : plan.actions()) {
            assertThat(a.rationaleEn()).contains(a.moves().get(0).indicator());
            assertThat(a.rationaleZh()).contains(a.moves().get(0).indicator());
        }
        assertThat(plan.strategy().en()).contains("E014").contains("rank");
        assertThat(plan.strategy().zh()).contains("排名");
        // The grade in each language's words, whichever form the assessment stored it in.
        org.nqpf.engine.CouplingGrade grade = org.nqpf.engine.CouplingGrade.of(
                input("E014", PlanningProfile.defaults()).assessment().coupling().d());
        assertThat(plan.strategy().en()).contains(grade.english()).doesNotContain(grade.name());
        assertThat(plan.strategy().zh()).contains(grade.chinese());
        assertThat(plan.context().coupling()).extracting(Plan.CouplingPoint::period).containsExactly("2023", "2024");
    }

    @Test
    void should_RefuseToPlan_When_NoActionAppliesToTheEntityKind() {
        PlanningInput in = input("E001", PlanningProfile.defaults());
        List<LibraryAction> regionsOnly = LIBRARY.actions().stream()
                .filter(x -> !x.entityKinds().contains(org.nqpf.roadmap.library.EntityKind.ENTERPRISE)).toList();
        LibraryVersion library = new LibraryVersion(2, "NQPF-AI", LibraryVersion.Status.PUBLISHED, null,
                LibraryVersion.EFFECT_UNIT, LIBRARY.createdAt(), LIBRARY.publishedAt(), regionsOnly);
        AssessmentComputed a = in.assessment();
        AssessmentComputed enterprise = new AssessmentComputed(a.assessmentId(), a.entityId(), a.cohort(), a.period(),
                a.frameworkCode(), a.frameworkVersion(), a.method(), a.inputDigest(), a.overallScore(), a.rank(),
                a.cohortSize(), a.dimensions(), a.subsystems(), a.coupling(), a.indicators(), a.computedAt(),
                "ENTERPRISE");
        assertThatThrownBy(() -> planner.plan(new PlanningInput(enterprise, in.cohort(), in.history(), library,
                in.profile(), null))).isInstanceOf(Unplannable.class).hasMessageContaining("ENTERPRISE");
    }

    static PlanningProfile withWeights(double impact, double urgency, double feasibility) {
        PlanningProfile d = PlanningProfile.defaults();
        return new PlanningProfile(1, new PlanningProfile.Weights(impact, urgency, feasibility), d.targetStrategy(),
                d.quantile(), d.nearestPeers(), d.maxTargets(), d.maxActions(), d.frontier());
    }

    static Map<String, Map<String, Double>> rawValues(List<AssessmentComputed> cohort) {
        Map<String, Map<String, Double>> out = new HashMap<>();
        cohort.forEach(a -> a.indicators().forEach(i -> out.computeIfAbsent(a.entityId(), k -> new HashMap<>())
                .put(i.indicator(), i.value())));
        return out;
    }

    static Map<String, Map<String, Double>> normalised(List<AssessmentComputed> cohort) {
        Map<String, Map<String, Double>> out = new HashMap<>();
        cohort.forEach(a -> a.indicators().forEach(i -> out.computeIfAbsent(a.entityId(), k -> new HashMap<>())
                .put(i.indicator(), i.normalised())));
        return out;
    }

    static double distance(Map<String, Double> a, Map<String, Double> b) {
        double sum = 0;
        for (String k : a.keySet()) {
            double d = a.get(k) - b.get(k);
            sum += d * d;
        }
        return Math.sqrt(sum / a.size());
    }
}

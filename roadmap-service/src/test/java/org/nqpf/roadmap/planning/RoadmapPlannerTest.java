package org.nqpf.roadmap.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nqpf.contracts.Dimension.LABORERS;
import static org.nqpf.contracts.Dimension.MEANS_OF_LABOR;
import static org.nqpf.contracts.Dimension.OBJECTS_OF_LABOR;
import static org.nqpf.contracts.Dimension.OPTIMIZED_COMBINATION;
import static org.nqpf.roadmap.Assessments.assessment;
import static org.nqpf.roadmap.Assessments.dimension;
import static org.nqpf.roadmap.Assessments.indicator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.nqpf.contracts.ActionSystem;
import org.nqpf.contracts.AssessmentComputed;
import org.nqpf.contracts.AssessmentComputed.DimensionScore;
import org.nqpf.contracts.AssessmentComputed.IndicatorScore;
import org.nqpf.contracts.Dimension;
import org.nqpf.contracts.Mechanism;
import org.nqpf.contracts.Subsystem;
import org.nqpf.roadmap.library.Actor;
import org.nqpf.roadmap.library.EntityKind;
import org.nqpf.roadmap.library.LibraryAction;
import org.nqpf.roadmap.library.Phase;

class RoadmapPlannerTest {

    private final RoadmapPlanner planner = new RoadmapPlanner();

    /** Per dimension and system: one action strengthening AI, one strengthening NQPF. */
    private static final List<LibraryAction> LIBRARY = library();

    private static List<LibraryAction> library() {
        List<LibraryAction> actions = new ArrayList<>();
        for (Dimension d : Dimension.values()) {
            for (ActionSystem s : ActionSystem.values()) {
                boolean even = s.ordinal() % 2 == 0;
                actions.add(action(s.name().substring(0, 3) + "-" + d.name().substring(0, 3) + "-AI", s, d,
                        even ? Mechanism.ELEMENT_SUPPLY : Mechanism.FUNCTIONAL_COMBINATION, Subsystem.AI,
                        Phase.NEAR_TERM, EnumSet.allOf(EntityKind.class)));
                actions.add(action(s.name().substring(0, 3) + "-" + d.name().substring(0, 3) + "-NQ", s, d,
                        even ? Mechanism.STRUCTURAL_EMBEDDING : Mechanism.FUNCTIONAL_COMBINATION, Subsystem.NQPF,
                        Phase.MID_TERM, EnumSet.of(EntityKind.REGION, EntityKind.INDUSTRY)));
            }
        }
        return List.copyOf(actions);
    }

    /** An action moving one indicator of the dimension and side, taking a horizon's typical years. */
    private static LibraryAction action(String code, ActionSystem system, Dimension dimension, Mechanism mechanism,
            Subsystem subsystem, Phase horizon, Set<EntityKind> kinds) {
        int years = switch (horizon) {
            case NEAR_TERM -> 1;
            case MID_TERM -> 3;
            case LONG_TERM -> 5;
        };
        LibraryAction.IndicatorEffect effect = new LibraryAction.IndicatorEffect(dimension + "_" + subsystem, 1, 1, 2,
                new LibraryAction.Basis(LibraryAction.BasisKind.EXPERT_JUDGEMENT, null, null));
        return new LibraryAction(code, "title " + code, "标题 " + code, system, List.of(effect), mechanism,
                Actor.GOVERNMENT, List.of(), "INDUSTRIAL_POLICY", years, List.of(), LibraryAction.Effort.MEDIUM, kinds,
                List.of(new LibraryAction.Source("a document", null, null, null, null)), dimension, subsystem);
    }

    /** LABORERS gap 40, OBJECTS gap 25, MEANS gap 10; the entity leads OPTIMIZED_COMBINATION. */
    private static AssessmentComputed cn42(String lagging) {
        return assessment("CN-42", "2023", lagging, List.of(
                dimension(LABORERS, 40, 20, "CN-11", 80),
                dimension(MEANS_OF_LABOR, 60, 5, "CN-31", 70),
                dimension(OBJECTS_OF_LABOR, 50, 9, "CN-44", 75),
                dimension(OPTIMIZED_COMBINATION, 90, 1, "CN-42", 90)),
                List.of(indicator("rd_personnel", LABORERS, Subsystem.NQPF, 9.5),
                        indicator("ai_training_coverage", LABORERS, Subsystem.AI, 12.25),
                        indicator("tertiary_share", LABORERS, Subsystem.NQPF, 4.0),
                        indicator("software_employment", LABORERS, Subsystem.AI, 1.5),
                        indicator("computing_power", MEANS_OF_LABOR, Subsystem.AI, 6.0),
                        indicator("data_trading", OBJECTS_OF_LABOR, Subsystem.NQPF, 8.0)));
    }

    @Test
    void should_PlanLargestGapNearTerm_NextMidTerm_RestLongTerm() {
        List<PlannedAction> plan = planner.plan(cn42("AI"), LIBRARY, EntityKind.REGION);

        assertThat(plan).filteredOn(a -> a.phase() == Phase.NEAR_TERM).hasSize(RoadmapPlanner.NEAR_TERM_ACTIONS)
                .allSatisfy(a -> assertThat(a.dimension()).isEqualTo(LABORERS));
        assertThat(plan).filteredOn(a -> a.phase() == Phase.MID_TERM).hasSize(RoadmapPlanner.LATER_ACTIONS)
                .allSatisfy(a -> assertThat(a.dimension()).isEqualTo(OBJECTS_OF_LABOR));
        assertThat(plan).filteredOn(a -> a.phase() == Phase.LONG_TERM).hasSize(RoadmapPlanner.LATER_ACTIONS)
                .allSatisfy(a -> assertThat(a.dimension()).isEqualTo(MEANS_OF_LABOR));
        // Priorities run 1..n through the phases in order.
        assertThat(plan).extracting(PlannedAction::priority)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, plan.size()).boxed().toList());
        assertThat(plan).extracting(PlannedAction::phase).isSortedAccordingTo(Enum::compareTo);
    }

    @Test
    void should_SetSteppedNearTermTargetAndLeaderTargetLater_NamingThePeer() {
        List<PlannedAction> plan = planner.plan(cn42("AI"), LIBRARY, EntityKind.REGION);

        assertThat(plan).filteredOn(a -> a.dimension() == LABORERS).allSatisfy(a -> {
            assertThat(a.gap()).isEqualTo(40.0);
            assertThat(a.target()).isEqualTo(60.0); // halfway from 40 to the leader's 80
            assertThat(a.peer()).isEqualTo("CN-11");
        });
        assertThat(plan).filteredOn(a -> a.dimension() == OBJECTS_OF_LABOR).allSatisfy(a -> {
            assertThat(a.target()).isEqualTo(75.0);
            assertThat(a.peer()).isEqualTo("CN-44");
        });
        assertThat(plan).filteredOn(a -> a.dimension() == MEANS_OF_LABOR).allSatisfy(a -> {
            assertThat(a.target()).isEqualTo(70.0);
            assertThat(a.peer()).isEqualTo("CN-31");
        });
    }

    @Test
    void should_PlanNoAction_When_EntityIsItselfTheLeaderOrLevelWithIt() {
        AssessmentComputed a = assessment("CN-42", "2023", null, List.of(
                dimension(LABORERS, 40, 20, "CN-11", 80),
                dimension(MEANS_OF_LABOR, 70, 1, "CN-42", 70),
                dimension(OBJECTS_OF_LABOR, 75, 2, "CN-44", 75), // tied with the leader: no gap
                dimension(OPTIMIZED_COMBINATION, 50, 3, "CN-31", 52.5)), List.of());

        List<PlannedAction> plan = planner.plan(a, LIBRARY, EntityKind.REGION);

        assertThat(plan).extracting(PlannedAction::dimension).containsOnly(LABORERS, OPTIMIZED_COMBINATION);
        assertThat(plan).filteredOn(p -> p.dimension() == OPTIMIZED_COMBINATION)
                .allSatisfy(p -> assertThat(p.phase()).isEqualTo(Phase.MID_TERM));
    }

    @Test
    void should_CoverAtLeastTwoSystems_When_BestFitsAllBelongToOne() {
        // Only LABORERS lags, and three of its four actions are of one system and fit the lagging AI side best.
        List<LibraryAction> skewed = List.of(
                action("A1", ActionSystem.OPEN_TECH_INNOVATION, LABORERS, Mechanism.ELEMENT_SUPPLY, Subsystem.AI,
                        Phase.NEAR_TERM, Set.of(EntityKind.REGION)),
                action("A2", ActionSystem.OPEN_TECH_INNOVATION, LABORERS, Mechanism.ELEMENT_SUPPLY, Subsystem.AI,
                        Phase.NEAR_TERM, Set.of(EntityKind.REGION)),
                action("A3", ActionSystem.OPEN_TECH_INNOVATION, LABORERS, Mechanism.ELEMENT_SUPPLY, Subsystem.AI,
                        Phase.NEAR_TERM, Set.of(EntityKind.REGION)),
                action("Z9", ActionSystem.INCLUSIVE_GOVERNANCE, LABORERS, Mechanism.FUNCTIONAL_COMBINATION,
                        Subsystem.NQPF, Phase.LONG_TERM, Set.of(EntityKind.REGION)));
        AssessmentComputed a = assessment("CN-42", "2023", "AI", List.of(
                dimension(LABORERS, 40, 20, "CN-11", 80),
                dimension(MEANS_OF_LABOR, 70, 1, "CN-42", 70)), List.of());

        List<PlannedAction> plan = planner.plan(a, skewed, EntityKind.REGION);

        assertThat(plan).hasSize(3);
        assertThat(plan).extracting(PlannedAction::system).containsOnly(ActionSystem.OPEN_TECH_INNOVATION,
                ActionSystem.INCLUSIVE_GOVERNANCE);
        assertThat(plan.get(2).actionCode()).isEqualTo("Z9"); // the least urgent action was swapped
    }

    @Test
    void should_CoverAtLeastTwoSystems_InEveryRoadmap() {
        Random random = new Random(20260328);
        for (int n = 0; n < 200; n++) {
            List<DimensionScore> dims = new ArrayList<>();
            for (Dimension d : Dimension.values()) {
                double score = Math.round(random.nextDouble() * 10000) / 100.0;
                boolean leads = random.nextInt(4) == 0;
                dims.add(dimension(d, score, leads ? 1 : 2, leads ? "E" : "P-" + d.ordinal(),
                        leads ? score : Math.min(100, score + random.nextInt(40) + 0.5)));
            }
            String lagging = List.of("AI", "NQPF", "").get(random.nextInt(3));
            AssessmentComputed a = assessment("E", "2023", lagging.isEmpty() ? null : lagging, dims, List.of());

            List<PlannedAction> plan = planner.plan(a, LIBRARY, EntityKind.REGION);

            assertThat(plan).isNotEmpty();
            assertThat(plan.stream().map(PlannedAction::system).distinct().count()).as("systems of %s", a)
                    .isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void should_ProduceTheSameRoadmap_When_SameAssessment_WhateverTheLibraryOrder() {
        List<LibraryAction> shuffled = new ArrayList<>(LIBRARY);
        Collections.shuffle(shuffled, new Random(7));

        List<PlannedAction> first = planner.plan(cn42("NQPF"), LIBRARY, EntityKind.REGION);
        List<PlannedAction> again = new RoadmapPlanner().plan(cn42("NQPF"), shuffled, EntityKind.REGION);

        assertThat(again).isEqualTo(first);
    }

    @Test
    void should_PreferActionsOfTheLaggingSide() {
        List<PlannedAction> aiLagging = planner.plan(cn42("AI"), LIBRARY, EntityKind.REGION);
        List<PlannedAction> nqpfLagging = planner.plan(cn42("NQPF"), LIBRARY, EntityKind.REGION);

        assertThat(aiLagging).allSatisfy(a -> assertThat(a.subsystem()).isEqualTo(Subsystem.AI));
        assertThat(aiLagging.get(0).mechanism()).isEqualTo(Mechanism.ELEMENT_SUPPLY);
        assertThat(aiLagging.get(0).rationale()).contains("AI side lagging");
        assertThat(nqpfLagging).allSatisfy(a -> assertThat(a.subsystem()).isEqualTo(Subsystem.NQPF));
        assertThat(nqpfLagging.get(0).mechanism()).isEqualTo(Mechanism.STRUCTURAL_EMBEDDING);
        assertThat(nqpfLagging.get(0).rationale()).contains("NQPF side lagging");
    }

    @Test
    void should_FocusOnTheSideCarryingMoreObstacle_When_CouplingIsBalanced() {
        // LABORERS: AI indicators carry 13.75 %, NQPF 13.5 %: AI. Turn it round and NQPF is chosen.
        AssessmentComputed aiHeavy = cn42(null);
        List<IndicatorScore> flipped = aiHeavy.indicators().stream()
                .map(i -> i.indicator().equals("rd_personnel") ? indicator("rd_personnel", LABORERS, Subsystem.NQPF, 20)
                        : i)
                .toList();
        AssessmentComputed nqpfHeavy = assessment("CN-42", "2023", null, aiHeavy.dimensions(), flipped);

        assertThat(planner.plan(aiHeavy, LIBRARY, EntityKind.REGION))
                .filteredOn(a -> a.dimension() == LABORERS)
                .allSatisfy(a -> assertThat(a.subsystem()).isEqualTo(Subsystem.AI));
        assertThat(planner.plan(nqpfHeavy, LIBRARY, EntityKind.REGION))
                .filteredOn(a -> a.dimension() == LABORERS)
                .allSatisfy(a -> assertThat(a.subsystem()).isEqualTo(Subsystem.NQPF))
                .first().satisfies(a -> assertThat(a.rationale()).contains("the NQPF side carries most"));
    }

    @Test
    void should_CiteGapLeaderAndTopObstacleIndicatorsInRationale() {
        PlannedAction first = planner.plan(cn42("AI"), LIBRARY, EntityKind.REGION).get(0);

        assertThat(first.rationale())
                .contains("LABORERS scores 40.00 against 80.00 for cohort leader CN-11 (gap 40.00, rank 20 of 31)")
                .contains("Top obstacle indicators: ai_training_coverage 12.25% (AI), rd_personnel 9.50% (NQPF), "
                        + "tertiary_share 4.00% (NQPF).")
                .doesNotContain("software_employment")
                .contains("Near-term target 60.00");
    }

    @Test
    void should_PushItsOwnFrontier_When_EntityLeadsEveryDimension() {
        AssessmentComputed a = assessment("CN-11", "2023", null, List.of(
                dimension(LABORERS, 80, 1, "CN-11", 80),
                dimension(MEANS_OF_LABOR, 100, 1, "CN-11", 100),
                dimension(OBJECTS_OF_LABOR, 65, 1, "CN-11", 65),
                dimension(OPTIMIZED_COMBINATION, 90, 1, "CN-11", 90)), List.of());

        List<PlannedAction> plan = planner.plan(a, LIBRARY, EntityKind.REGION);

        assertThat(plan).allSatisfy(p -> {
            assertThat(p.peer()).isNull();
            assertThat(p.target()).isNull();
            assertThat(p.gap()).isNull();
        });
        assertThat(plan).extracting(PlannedAction::dimension).doesNotContain(MEANS_OF_LABOR); // already at 100
        assertThat(plan.get(0).dimension()).isEqualTo(OBJECTS_OF_LABOR); // the weakest first
    }

    @Test
    void should_UseOnlyActionsThatApplyToTheEntityKind() {
        List<PlannedAction> plan = planner.plan(cn42("NQPF"), LIBRARY, EntityKind.ENTERPRISE);

        // In the fixture, NQPF-side actions do not apply to enterprises.
        assertThat(plan).isNotEmpty().allSatisfy(a -> assertThat(a.actionCode()).endsWith("-AI"));
    }

    @Test
    void should_PlanNothing_When_AssessmentHasNoDimensions() {
        assertThat(planner.plan(assessment("CN-42", "2023", null, List.of(), List.of()), LIBRARY, EntityKind.REGION))
                .isEmpty();
    }
}

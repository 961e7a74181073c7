package org.nqpf.roadmap.roadmaps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nqpf.contracts.ActionSystem;
import org.nqpf.contracts.Mechanism;
import org.nqpf.roadmap.library.Actor;
import org.nqpf.roadmap.library.LibraryAction;
import org.nqpf.roadmap.library.Phase;
import org.nqpf.roadmap.planning.Plan;

/** The diff of two hand-made plans: every kind of change found, and each why drawn from the two plans' own facts. */
class RoadmapDiffTest {

    static Plan.Action action(String code, int priority, int start, int horizon, double impact, double urgency,
            double total, List<String> prerequisites) {
        return new Plan.Action(code, "Title " + code, "标题", ActionSystem.OPEN_TECH_INNOVATION,
                Mechanism.ELEMENT_SUPPLY, Actor.GOVERNMENT, List.of(), "TALENT_PROGRAMME", horizon,
                LibraryAction.Effort.LOW, prerequisites, start, Phase.ofYears(start + horizon), priority,
                List.of(new Plan.Move("RD_INTENSITY", 1, 1, 2, 12.5, 2.4, "CN-11")),
                new Plan.Score(new Plan.Impact(1, 1, 0.01, impact), urgency, 0.8, total), "why " + code, "为何",
                null);
    }

    static Plan.Target target(String indicator, double value, String strategy, double target, Plan.Peer... peers) {
        return new Plan.Target(indicator, "MEANS_OF_LABOR", "NQPF", 1, value, 30.0, 12.5, false, strategy, target,
                List.of(peers), List.of(), 2028, List.of());
    }

    static Plan.Peer peer(String id, double value) {
        return new Plan.Peer(id, value, "2024", null, 0.2);
    }

    static Plan plan(String period, List<Plan.Target> targets, List<Plan.Action> actions,
            List<Plan.Considered> considered) {
        return new Plan("CN-62", "CN-PROVINCES", "NQPF-AI", period, "REGION", 1, 0, null, targets, null, actions,
                considered, null, List.of(), null);
    }

    @Test
    void should_FindNothing_When_ThePlansAreTheSame() {
        Plan p = plan("2024", List.of(target("RD_INTENSITY", 1.2, "NEAREST_PEERS", 2.4, peer("CN-11", 2.4))),
                List.of(action("A-1", 1, 0, 1, 0.9, 0.5, 0.8, List.of())), List.of());

        RoadmapDiff diff = RoadmapDiff.of(1, p, 2, p);

        assertThat(diff.isEmpty()).isTrue();
        assertThat(diff.from()).isEqualTo(1);
        assertThat(diff.to()).isEqualTo(2);
    }

    @Test
    void should_NameTheConsideredReason_When_AnActionIsDropped() {
        Plan from = plan("2023", List.of(), List.of(action("A-1", 1, 0, 1, 0.9, 0.5, 0.8, List.of()),
                action("B-1", 2, 0, 2, 0.4, 0.4, 0.5, List.of())), List.of());
        Plan to = plan("2024", List.of(), List.of(action("A-1", 1, 0, 1, 0.9, 0.5, 0.8, List.of())),
                List.of(new Plan.Considered("B-1", 0.31, "ranked 14th: below the 12 actions chosen")));

        RoadmapDiff diff = RoadmapDiff.of(1, from, 2, to);

        assertThat(diff.dropped()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("B-1");
            assertThat(d.priority()).isEqualTo(2);
            assertThat(d.why()).contains("not chosen in version 2", "0.310", "ranked 14th: below the 12");
        });
        assertThat(diff.added()).isEmpty();
        assertThat(diff.reranked()).isEmpty();
    }

    @Test
    void should_SayAnActionLeftTheCandidates_When_TheNewPlanDidNotConsiderIt() {
        Plan from = plan("2023", List.of(), List.of(action("B-1", 1, 0, 2, 0.4, 0.4, 0.5, List.of())), List.of());
        Plan to = plan("2024", List.of(), List.of(), List.of());

        assertThat(RoadmapDiff.of(3, from, 4, to).dropped()).singleElement()
                .satisfies(d -> assertThat(d.why()).contains("no longer a candidate in version 4"));
    }

    @Test
    void should_GiveTheScoresChange_When_AnActionIsReRanked() {
        Plan from = plan("2023", List.of(), List.of(action("A-1", 1, 0, 1, 0.9, 0.5, 0.8, List.of()),
                action("B-1", 2, 0, 1, 0.4, 0.4, 0.5, List.of())), List.of());
        Plan to = plan("2024", List.of(), List.of(action("B-1", 1, 0, 1, 0.95, 0.6, 0.9, List.of()),
                action("A-1", 2, 0, 1, 0.9, 0.5, 0.8, List.of())), List.of());

        RoadmapDiff diff = RoadmapDiff.of(1, from, 2, to);

        assertThat(diff.reranked()).extracting(RoadmapDiff.Reranked::code).containsExactly("B-1", "A-1");
        RoadmapDiff.Reranked up = diff.reranked().get(0);
        assertThat(up.fromPriority()).isEqualTo(2);
        assertThat(up.toPriority()).isEqualTo(1);
        assertThat(up.why()).contains("moved up", "0.500 → 0.900", "impact 0.400 → 0.950", "urgency 0.400 → 0.600");
        assertThat(diff.reranked().get(1).why()).contains("moved down", "unchanged, other actions' moved around it");
        assertThat(diff.rephased()).isEmpty();
    }

    @Test
    void should_GiveTheStartYearAndHorizon_When_AnActionIsRePhased() {
        Plan from = plan("2023", List.of(), List.of(action("C-1", 1, 0, 1, 0.5, 0.5, 0.5, List.of())), List.of());
        Plan to = plan("2024", List.of(), List.of(action("C-1", 1, 2, 1, 0.5, 0.5, 0.5, List.of("P-1"))), List.of());

        RoadmapDiff.Rephased r = RoadmapDiff.of(1, from, 2, to).rephased().get(0);

        assertThat(r.fromPhase()).isEqualTo(Phase.NEAR_TERM);
        assertThat(r.toPhase()).isEqualTo(Phase.MID_TERM);
        assertThat(r.why()).contains("starts in year 2 (was 0)", "prerequisites now [P-1]", "horizon of 1 years",
                "MID_TERM (was NEAR_TERM)");
    }

    @Test
    void should_SayWhereAnAddedActionWasBefore_When_ItWasOnlyConsidered() {
        Plan from = plan("2023", List.of(), List.of(), List.of(new Plan.Considered("D-1", 0.2, "prerequisite unmet")));
        Plan to = plan("2024", List.of(), List.of(action("D-1", 1, 0, 1, 0.7, 0.5, 0.6, List.of())), List.of());

        RoadmapDiff.Added a = RoadmapDiff.of(1, from, 2, to).added().get(0);

        assertThat(a.code()).isEqualTo("D-1");
        assertThat(a.why()).contains("ranked 1 with total 0.600", "RD_INTENSITY (obstacle 12.5)",
                "in version 1 it was not chosen (total 0.200): prerequisite unmet");
    }

    @Test
    void should_NameThePeersAndValuesThatChanged_When_ATargetMoves() {
        Plan from = plan("2023", List.of(target("RD_INTENSITY", 1.2, "NEAREST_PEERS", 2.3, peer("CN-11", 2.4),
                peer("CN-31", 2.2)), target("ROBOT_DENSITY", 40, "QUANTILE", 90, peer("CN-44", 90))), List.of(),
                List.of());
        Plan to = plan("2024", List.of(target("RD_INTENSITY", 1.3, "NEAREST_PEERS", 2.5, peer("CN-11", 2.6),
                peer("CN-32", 2.4)), target("ENERGY_INTENSITY", 0.9, "FRONTIER", 0.6, peer("CN-33", 0.6))),
                List.of(), List.of());

        List<RoadmapDiff.TargetChange> changes = RoadmapDiff.of(1, from, 2, to).targets();

        assertThat(changes).extracting(RoadmapDiff.TargetChange::indicator, RoadmapDiff.TargetChange::change)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("RD_INTENSITY", "MOVED"),
                        org.assertj.core.groups.Tuple.tuple("ENERGY_INTENSITY", "ADDED"),
                        org.assertj.core.groups.Tuple.tuple("ROBOT_DENSITY", "DROPPED"));
        RoadmapDiff.TargetChange moved = changes.get(0);
        assertThat(moved.fromTarget()).isEqualTo(2.3);
        assertThat(moved.toTarget()).isEqualTo(2.5);
        assertThat(moved.fromPeers()).containsExactly("CN-11", "CN-31");
        assertThat(moved.toPeers()).containsExactly("CN-11", "CN-32");
        assertThat(moved.why()).contains("target 2.30 → 2.50", "value 1.20 → 1.30",
                "no longer behind it: CN-31 (2.20)", "new peers: CN-32 (2.40)", "CN-11 2.40 → 2.60");
        assertThat(changes.get(1).why()).contains("FRONTIER", "CN-33 (0.600)");
    }

    @Test
    void should_NameTheStrategy_When_OnlyTheStrategyChanged() {
        Plan from = plan("2023", List.of(target("RD_INTENSITY", 1.2, "QUANTILE", 2.4, peer("CN-11", 2.4))),
                List.of(), List.of());
        Plan to = plan("2023", List.of(target("RD_INTENSITY", 1.2, "NEAREST_PEERS", 2.4, peer("CN-11", 2.4))),
                List.of(), List.of());

        assertThat(RoadmapDiff.of(1, from, 2, to).targets()).singleElement()
                .satisfies(t -> assertThat(t.why()).contains("strategy QUANTILE → NEAREST_PEERS"));
    }
}

package org.nqpf.roadmap.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class PrerequisiteGraphTest {

    /**
     * A graph whose edges only go from a node to nodes listed before it (in a shuffled naming) has a topological order,
     * so no cycle; {@code edges} picks, for each node, which earlier nodes it needs.
     */
    private static Map<String, List<String>> acyclic(List<Integer> names, List<Long> edges) {
        Map<String, List<String>> needs = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            List<String> prerequisites = new ArrayList<>();
            long bits = i < edges.size() ? edges.get(i) : 0;
            for (int j = 0; j < i && j < 63; j++) {
                if ((bits >>> j & 1) == 1) {
                    prerequisites.add("A" + names.get(j));
                }
            }
            needs.put("A" + names.get(i), prerequisites);
        }
        return needs;
    }

    @Property(tries = 300)
    void should_FindNoCycle_When_EveryEdgePointsBackInSomeOrder(
            @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 0, max = 1_000_000) Integer> raw,
            @ForAll @Size(max = 40) List<Long> edges) {
        List<Integer> names = raw.stream().distinct().toList();

        assertThat(PrerequisiteGraph.cycle(acyclic(names, edges))).isEmpty();
    }

    @Property(tries = 300)
    void should_ReportARealCycle_When_OneEdgePointsForward(
            @ForAll @Size(min = 2, max = 40) List<@IntRange(min = 0, max = 1_000_000) Integer> raw,
            @ForAll @Size(max = 40) List<Long> edges, @ForAll @IntRange(min = 0, max = 1000) int pickFrom,
            @ForAll @IntRange(min = 0, max = 1000) int pickTo) {
        List<Integer> names = raw.stream().distinct().toList();
        if (names.size() < 2) {
            return;
        }
        Map<String, List<String>> needs = acyclic(names, edges);
        List<String> nodes = new ArrayList<>(needs.keySet());
        // An earlier node needing a later one, which (by a chain of edges back) needs it: a cycle for certain.
        int from = pickFrom % (nodes.size() - 1);
        int to = from + 1 + pickTo % (nodes.size() - 1 - from);
        needs.get(nodes.get(to)).add(nodes.get(from));
        needs.get(nodes.get(from)).add(nodes.get(to));

        List<String> cycle = PrerequisiteGraph.cycle(needs).orElseThrow();

        assertThat(cycle.size()).isGreaterThanOrEqualTo(3);
        assertThat(cycle.get(0)).isEqualTo(cycle.get(cycle.size() - 1));
        for (int i = 0; i + 1 < cycle.size(); i++) {
            assertThat(needs.get(cycle.get(i))).as("%s needs %s", cycle.get(i), cycle.get(i + 1))
                    .contains(cycle.get(i + 1));
        }
        assertThat(cycle.subList(0, cycle.size() - 1)).doesNotHaveDuplicates();
    }

    @Test
    void should_NameTheCycleFromTheFirstActionOnIt() {
        Map<String, List<String>> needs = new LinkedHashMap<>();
        needs.put("X", List.of());
        needs.put("A", List.of("B"));
        needs.put("B", List.of("C"));
        needs.put("C", List.of("A", "X"));

        List<String> cycle = PrerequisiteGraph.cycle(needs).orElseThrow();

        assertThat(PrerequisiteGraph.describe(cycle)).isEqualTo("A → B → C → A");
    }

    @Test
    void should_FindASelfLoop_AndIgnoreEdgesToUnknownNodes() {
        assertThat(PrerequisiteGraph.cycle(Map.of("A", List.of("A")))).contains(List.of("A", "A"));
        assertThat(PrerequisiteGraph.cycle(Map.of("A", List.of("NOWHERE")))).isEmpty();
    }

    @Test
    void should_WalkALongChainWithoutOverflowingTheStack() {
        Map<String, List<String>> needs = new LinkedHashMap<>();
        for (int i = 0; i < 100_000; i++) {
            needs.put("A" + i, i == 0 ? List.of() : List.of("A" + (i - 1)));
        }
        assertThat(PrerequisiteGraph.cycle(needs)).isEmpty();
    }
}

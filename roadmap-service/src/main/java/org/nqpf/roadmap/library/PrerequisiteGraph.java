package org.nqpf.roadmap.library;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Prerequisites as a directed graph, action → the actions it needs; it must have no cycle. */
public final class PrerequisiteGraph {

    private PrerequisiteGraph() {
    }

    /**
     * A cycle of the graph, as the path that closes it ({@code [A, B, C, A]}: A needs B, B needs C, C needs A), or
     * empty when there is none. The search starts from the actions in the order given, so the cycle reported runs
     * through the earliest action on one; edges to codes that are not nodes are ignored (reported elsewhere).
     */
    public static Optional<List<String>> cycle(Map<String, ? extends Collection<String>> needs) {
        Map<String, Integer> state = new HashMap<>(); // absent: unvisited, 1: on the current path, 2: done
        for (String start : needs.keySet()) {
            if (state.containsKey(start)) {
                continue;
            }
            // Iterative depth-first search: a long chain of prerequisites must not overflow the stack.
            List<String> path = new ArrayList<>();
            List<java.util.Iterator<String>> next = new ArrayList<>();
            path.add(start);
            next.add(needs.get(start).iterator());
            state.put(start, 1);
            while (!path.isEmpty()) {
                java.util.Iterator<String> edges = next.get(next.size() - 1);
                if (!edges.hasNext()) {
                    state.put(path.remove(path.size() - 1), 2);
                    next.remove(next.size() - 1);
                    continue;
                }
                String to = edges.next();
                if (!needs.containsKey(to)) {
                    continue;
                }
                Integer seen = state.get(to);
                if (seen == null) {
                    state.put(to, 1);
                    path.add(to);
                    next.add(needs.get(to).iterator());
                }
                else if (seen == 1) {
                    List<String> cycle = new ArrayList<>(path.subList(path.indexOf(to), path.size()));
                    cycle.add(to);
                    return Optional.of(List.copyOf(cycle));
                }
            }
        }
        return Optional.empty();
    }

    /** {@code A → B → C → A}: how a cycle is written in a problem. */
    public static String describe(List<String> cycle) {
        return String.join(" → ", cycle);
    }
}

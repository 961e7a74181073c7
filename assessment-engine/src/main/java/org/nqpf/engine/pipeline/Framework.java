package org.nqpf.engine.pipeline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nqpf.engine.Hierarchy;

/**
 * What is measured: the hierarchy of indicators and aggregates, plus what the paper adds to each indicator, its
 * subsystem (AI or NQPF side of the two-way empowerment) and mechanism, and what COINr's iMeta may carry (names,
 * targets, goalposts).
 *
 * @param nodes every node's description, by code
 */
public record Framework(Hierarchy hierarchy, Map<String, NodeInfo> nodes) {

    /**
     * @param name      a readable name (the code when none is given)
     * @param subsystem the indicator's subsystem, e.g. {@code AI} or {@code NQPF}; null when not tagged
     * @param mechanism the indicator's mechanism tag; null when not tagged
     * @param target    a target value (COINr {@code Target}), NaN when none
     * @param low       lower goalpost (COINr {@code GPlow}), NaN when none
     * @param high      upper goalpost (COINr {@code GPhigh}), NaN when none
     */
    public record NodeInfo(String name, String subsystem, String mechanism, double target, double low, double high) {

        public static NodeInfo named(String name) {
            return new NodeInfo(name, null, null, Double.NaN, Double.NaN, Double.NaN);
        }
    }

    public Framework {
        Objects.requireNonNull(hierarchy);
        Map<String, NodeInfo> all = new LinkedHashMap<>();
        for (String code : hierarchy.nodes().keySet()) {
            all.put(code, nodes.getOrDefault(code, NodeInfo.named(code)));
        }
        nodes = java.util.Collections.unmodifiableMap(all);
    }

    public static Framework of(Hierarchy hierarchy) {
        return new Framework(hierarchy, Map.of());
    }

    public NodeInfo info(String code) {
        NodeInfo info = nodes.get(code);
        if (info == null) {
            throw new IllegalArgumentException("no node " + code + " in the framework");
        }
        return info;
    }

    /** The subsystems that occur, in order of first appearance among the indicators. */
    public List<String> subsystems() {
        return hierarchy.indicators().stream().map(code -> nodes.get(code).subsystem()).filter(Objects::nonNull)
                .distinct().toList();
    }
}

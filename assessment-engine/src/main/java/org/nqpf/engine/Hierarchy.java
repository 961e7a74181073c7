package org.nqpf.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The structure of a composite indicator: indicators at the leaves, aggregates (dimensions, sub-indices,
 * subsystems, ...) above them, one root (the overall index), any number of levels. Each node names its parent,
 * as COINr's {@code iMeta} does.
 */
public final class Hierarchy {

    /**
     * @param parent    the aggregate this node feeds; {@code null} only for the root
     * @param weight    the node's weight among its siblings (any non-negative scale: aggregation re-scales)
     * @param direction +1 when more is better, -1 when less is better; 0 for aggregates
     */
    public record Node(String code, String parent, double weight, int direction, boolean indicator) {
    }

    private final Map<String, Node> nodes;
    private final Map<String, List<String>> children;
    private final List<String> indicators;
    private final List<String> bottomUp;
    private final Map<String, Integer> levels;
    private final String root;

    private Hierarchy(Map<String, Node> nodes) {
        this.nodes = Collections.unmodifiableMap(nodes);
        Map<String, List<String>> kids = new LinkedHashMap<>();
        List<String> leaves = new ArrayList<>();
        String top = null;
        for (Node node : nodes.values()) {
            if (node.indicator()) {
                leaves.add(node.code());
            }
            else {
                kids.putIfAbsent(node.code(), new ArrayList<>());
            }
            if (node.parent() == null) {
                if (node.indicator()) {
                    throw new IllegalArgumentException("indicator " + node.code() + " has no parent aggregate");
                }
                if (top != null) {
                    throw new IllegalArgumentException("two roots: " + top + " and " + node.code());
                }
                top = node.code();
            }
        }
        if (top == null) {
            throw new IllegalArgumentException("the hierarchy has no root (an aggregate without parent)");
        }
        for (Node node : nodes.values()) {
            if (node.parent() != null) {
                Node parent = nodes.get(node.parent());
                if (parent == null) {
                    throw new IllegalArgumentException(node.code() + " names an unknown parent " + node.parent());
                }
                if (parent.indicator()) {
                    throw new IllegalArgumentException(node.code() + " names indicator " + parent.code() + " as parent");
                }
                kids.get(parent.code()).add(node.code());
            }
        }
        kids.forEach((code, list) -> {
            if (list.isEmpty()) {
                throw new IllegalArgumentException("aggregate " + code + " has no children");
            }
        });
        this.children = Collections.unmodifiableMap(kids);
        this.indicators = List.copyOf(leaves);
        this.root = top;
        // Levels from the leaves up (COINr: indicators are level 1); a cycle never reaches the root.
        Map<String, Integer> lv = new HashMap<>();
        List<String> order = new ArrayList<>();
        level(top, lv, order, 0);
        if (lv.size() != nodes.size()) {
            throw new IllegalArgumentException("some nodes are not connected to the root " + top);
        }
        this.levels = Collections.unmodifiableMap(lv);
        this.bottomUp = List.copyOf(order);
    }

    private int level(String code, Map<String, Integer> lv, List<String> order, int depth) {
        if (depth > nodes.size()) {
            throw new IllegalArgumentException("the hierarchy has a cycle through " + code);
        }
        Node node = nodes.get(code);
        int level = 1;
        if (!node.indicator()) {
            for (String child : children.get(code)) {
                level = Math.max(level, level(child, lv, order, depth + 1) + 1);
            }
            order.add(code);
        }
        lv.put(code, level);
        return level;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Node node(String code) {
        Node node = nodes.get(code);
        if (node == null) {
            throw new IllegalArgumentException("no node " + code + " in the hierarchy");
        }
        return node;
    }

    public boolean contains(String code) {
        return nodes.containsKey(code);
    }

    public Map<String, Node> nodes() {
        return nodes;
    }

    /** The indicators, in the order they were declared. */
    public List<String> indicators() {
        return indicators;
    }

    public List<String> children(String aggregate) {
        List<String> list = children.get(aggregate);
        if (list == null) {
            throw new IllegalArgumentException(aggregate + " is not an aggregate of the hierarchy");
        }
        return Collections.unmodifiableList(list);
    }

    /** The aggregates, each after all of its descendants: the order in which to compute them. */
    public List<String> aggregatesBottomUp() {
        return bottomUp;
    }

    public String root() {
        return root;
    }

    /** 1 for indicators, 1 + the highest child level for aggregates. */
    public int level(String code) {
        node(code);
        return levels.get(code);
    }

    /** The node's ancestors from its parent up to the root. */
    public List<String> ancestors(String code) {
        List<String> path = new ArrayList<>();
        for (String p = node(code).parent(); p != null; p = nodes.get(p).parent()) {
            path.add(p);
        }
        return path;
    }

    public static final class Builder {
        private final Map<String, Node> nodes = new LinkedHashMap<>();

        public Builder indicator(String code, String parent, int direction) {
            return indicator(code, parent, direction, 1.0);
        }

        public Builder indicator(String code, String parent, int direction, double weight) {
            if (direction != 1 && direction != -1) {
                throw new IllegalArgumentException("indicator " + code + " has direction " + direction + ", not +1 or -1");
            }
            return add(new Node(code, Objects.requireNonNull(parent, "parent of " + code), weight, direction, true));
        }

        /** An aggregate; {@code parent} is {@code null} for the root. */
        public Builder aggregate(String code, String parent) {
            return aggregate(code, parent, 1.0);
        }

        public Builder aggregate(String code, String parent, double weight) {
            return add(new Node(code, parent, weight, 0, false));
        }

        private Builder add(Node node) {
            Objects.requireNonNull(node.code(), "node code");
            if (!(node.weight() >= 0) || Double.isInfinite(node.weight())) {
                throw new IllegalArgumentException(node.code() + " has weight " + node.weight() + ", need a finite weight >= 0");
            }
            if (nodes.putIfAbsent(node.code(), node) != null) {
                throw new IllegalArgumentException("node " + node.code() + " is declared twice");
            }
            return this;
        }

        public Hierarchy build() {
            return new Hierarchy(new LinkedHashMap<>(nodes));
        }
    }
}

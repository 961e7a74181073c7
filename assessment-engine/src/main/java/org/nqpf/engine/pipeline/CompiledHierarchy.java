package org.nqpf.engine.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nqpf.engine.Hierarchy;

/**
 * The hierarchy as index arrays, for tight loops over large cohorts: node k &lt; m is indicator k (the hierarchy's
 * indicator order), nodes from m on are the aggregates, each after its descendants, the root last.
 */
final class CompiledHierarchy {

    final Hierarchy hierarchy;
    final int indicators;
    final String[] codes;
    final Map<String, Integer> index = new HashMap<>();
    final int[] parent;
    final int[][] children;
    /** Aggregates' children weights, as the weighting gave them (not re-scaled). */
    final double[][] childWeights;
    /** Per aggregate, the indicators beneath it. */
    final int[][] descendants;
    /** Each indicator's share of the root with nothing missing: the product of re-scaled weights along its path. */
    final double[] effective;
    final int root;

    CompiledHierarchy(Hierarchy hierarchy, Map<String, Double> weights) {
        this.hierarchy = hierarchy;
        List<String> order = new ArrayList<>(hierarchy.indicators());
        indicators = order.size();
        order.addAll(hierarchy.aggregatesBottomUp());
        codes = order.toArray(String[]::new);
        for (int k = 0; k < codes.length; k++) {
            index.put(codes[k], k);
        }
        parent = new int[codes.length];
        children = new int[codes.length][];
        childWeights = new double[codes.length][];
        descendants = new int[codes.length][];
        for (int k = 0; k < codes.length; k++) {
            String p = hierarchy.node(codes[k]).parent();
            parent[k] = p == null ? -1 : index.get(p);
            if (k >= indicators) {
                List<String> kids = hierarchy.children(codes[k]);
                children[k] = kids.stream().mapToInt(index::get).toArray();
                childWeights[k] = kids.stream().mapToDouble(c -> weights.getOrDefault(c, 0.0)).toArray();
            }
        }
        root = index.get(hierarchy.root());
        for (int k = indicators; k < codes.length; k++) {
            List<Integer> leaves = new ArrayList<>();
            collect(k, leaves);
            descendants[k] = leaves.stream().mapToInt(Integer::intValue).toArray();
        }
        effective = new double[indicators];
        for (int j = 0; j < indicators; j++) {
            double share = 1;
            for (int node = j; parent[node] >= 0; node = parent[node]) {
                int p = parent[node];
                double sum = 0;
                double own = 0;
                for (int c = 0; c < children[p].length; c++) {
                    sum += childWeights[p][c];
                    own += children[p][c] == node ? childWeights[p][c] : 0;
                }
                share *= sum == 0 ? 0 : own / sum;
            }
            effective[j] = share;
        }
    }

    private void collect(int node, List<Integer> leaves) {
        if (node < indicators) {
            leaves.add(node);
            return;
        }
        for (int child : children[node]) {
            collect(child, leaves);
        }
    }

    int nodeCount() {
        return codes.length;
    }

    /**
     * One unit's indicator shares of the root, weights re-scaled over the children it has a score for (as
     * aggregation does): the factor contributions F_j of the obstacle degree. Sums to 1 for a unit with a score.
     *
     * @param scores scores[node][unit]
     */
    double[] shares(double[][] scores, int unit, double[] work) {
        double[] share = work == null || work.length != codes.length ? new double[codes.length] : work;
        java.util.Arrays.fill(share, 0);
        share[root] = Double.isNaN(scores[root][unit]) ? 0 : 1;
        for (int a = codes.length - 1; a >= indicators; a--) { // top-down: reverse of bottom-up
            if (share[a] == 0) {
                continue;
            }
            double present = 0;
            for (int c = 0; c < children[a].length; c++) {
                if (!Double.isNaN(scores[children[a][c]][unit])) {
                    present += childWeights[a][c];
                }
            }
            for (int c = 0; c < children[a].length; c++) {
                int child = children[a][c];
                share[child] = present == 0 || Double.isNaN(scores[child][unit]) ? 0
                        : share[a] * childWeights[a][c] / present;
            }
        }
        return share;
    }
}

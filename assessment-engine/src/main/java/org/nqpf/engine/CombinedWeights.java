package org.nqpf.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Subjective and objective weights combined, among each aggregate's children (both first re-scaled to sum 1 there):
 * {@link Mode#MULTIPLICATIVE} {@code w = s·o / Σ s·o} (the product form common in the literature), or
 * {@link Mode#LINEAR} {@code w = α·s + (1 - α)·o}.
 */
public final class CombinedWeights implements Weighting {

    public enum Mode { MULTIPLICATIVE, LINEAR }

    private final Weighting subjective;
    private final Weighting objective;
    private final Mode mode;
    private final double alpha;

    public CombinedWeights(Weighting subjective, Weighting objective, Mode mode, double alpha) {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha " + alpha + " is outside [0, 1]");
        }
        this.subjective = subjective;
        this.objective = objective;
        this.mode = mode;
        this.alpha = alpha;
    }

    public Weighting subjective() {
        return subjective;
    }

    @Override
    public Map<String, Double> weights(Hierarchy hierarchy, IndicatorTable normalised) {
        return combine(hierarchy, subjective.weights(hierarchy, normalised), objective.weights(hierarchy, normalised));
    }

    @Override
    public Map<String, Double> weights(Hierarchy hierarchy, double[][] normalised, double[][] raw) {
        return combine(hierarchy, subjective.weights(hierarchy, normalised, raw),
                objective.weights(hierarchy, normalised, raw));
    }

    /** Combines two weight maps sibling group by sibling group. */
    public Map<String, Double> combine(Hierarchy hierarchy, Map<String, Double> s, Map<String, Double> o) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String aggregate : hierarchy.aggregatesBottomUp()) {
            List<String> children = hierarchy.children(aggregate);
            double ss = 0;
            double os = 0;
            for (String child : children) {
                ss += s.getOrDefault(child, 0.0);
                os += o.getOrDefault(child, 0.0);
            }
            double[] w = new double[children.size()];
            double total = 0;
            for (int k = 0; k < w.length; k++) {
                double sk = ss == 0 ? 1.0 / w.length : s.getOrDefault(children.get(k), 0.0) / ss;
                double ok = os == 0 ? 1.0 / w.length : o.getOrDefault(children.get(k), 0.0) / os;
                w[k] = mode == Mode.MULTIPLICATIVE ? sk * ok : alpha * sk + (1 - alpha) * ok;
                total += w[k];
            }
            for (int k = 0; k < w.length; k++) {
                out.put(children.get(k), total == 0 ? 1.0 / w.length : w[k] / total);
            }
        }
        return out;
    }

    @Override
    public String describe() {
        return "combined[" + subjective.describe() + "," + objective.describe() + ","
                + (mode == Mode.MULTIPLICATIVE ? "multiplicative" : "linear:" + alpha) + "]";
    }
}

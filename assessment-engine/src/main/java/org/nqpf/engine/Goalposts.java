package org.nqpf.engine;

import java.util.Map;

/**
 * Goalposts (COINr {@code n_goalposts}; distance to target): {@code (x - low) / (high - low)} for an indicator where
 * more is better, {@code (high - x) / (high - low)} where less is better, capped to [0, 1] (a unit past the target
 * gets full marks, one below the floor none), then scaled into the range. The goalposts are fixed per indicator, so
 * scores stay comparable across periods and cohorts.
 */
public final class Goalposts implements BoundedNormalisation {

    /** The goalposts of one indicator: {@code low} the floor, {@code high} the target (in the indicator's units). */
    public record Posts(double low, double high) {
        public Posts {
            if (!(low < high) || Double.isInfinite(low) || Double.isInfinite(high)) {
                throw new IllegalArgumentException("goalposts [" + low + ", " + high + "] need finite low < high");
            }
        }
    }

    private final Map<String, Posts> posts;
    private final Range range;

    public Goalposts(Map<String, Posts> posts, Range range) {
        this.posts = Map.copyOf(posts);
        this.range = range;
    }

    @Override
    public Range range() {
        return range;
    }

    public Map<String, Posts> posts() {
        return posts;
    }

    @Override
    public double[] normalise(double[] column, int direction) {
        throw new IllegalStateException("goalposts are per indicator: call normalise(indicator, column, direction)");
    }

    @Override
    public double[] normalise(String indicator, double[] column, int direction) {
        Normalisation.checkDirection(direction);
        Posts p = posts.get(indicator);
        if (p == null) {
            throw new IllegalArgumentException("no goalposts for indicator " + indicator);
        }
        double[] out = new double[column.length];
        for (int i = 0; i < out.length; i++) {
            double x = column[i];
            if (Double.isNaN(x)) {
                out[i] = Double.NaN;
                continue;
            }
            double share = direction > 0 ? (x - p.low()) / (p.high() - p.low()) : (p.high() - x) / (p.high() - p.low());
            out[i] = range.lower() + Math.max(0, Math.min(1, share)) * range.width();
        }
        return out;
    }

    @Override
    public String describe() {
        return "goalposts" + range;
    }
}

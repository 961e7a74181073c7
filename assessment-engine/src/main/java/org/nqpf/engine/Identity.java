package org.nqpf.engine;

/**
 * No normalisation ("none"): values as they are, for data already on a common scale. Directions are not applied.
 * <p>
 * Data that are already normalised have a scale, and coupling coordination and obstacle degrees are read on it: with
 * a declared range ({@link #on(Range)}) the values are that scale, and one outside it is refused; without one the
 * values have no known scale ({@link #INSTANCE}, unbounded).
 */
public class Identity implements Normalisation {

    public static final Identity INSTANCE = new Identity();

    private Identity() {
    }

    /** Values already on {@code range}: a bounded scale for coupling and obstacles. */
    public static Identity on(Range range) {
        return new OnRange(range);
    }

    @Override
    public double[] normalise(double[] column, int direction) {
        Normalisation.checkDirection(direction);
        return column.clone();
    }

    @Override
    public String describe() {
        return "none";
    }

    private static final class OnRange extends Identity implements BoundedNormalisation {

        private final Range range;

        OnRange(Range range) {
            this.range = range;
        }

        @Override
        public double[] normalise(String indicator, double[] column, int direction) {
            double[] out = normalise(column, direction);
            for (double v : out) {
                // A tolerance of a rounding step: data written with a few decimals may print 100.0000001.
                if (v < range.lower() - 1e-9 * range.width() || v > range.upper() + 1e-9 * range.width()) {
                    throw new IllegalArgumentException("indicator " + indicator + " has the value " + v
                            + ", outside the declared normalise.range " + range
                            + "; with method none the data must already lie on that scale");
                }
            }
            return out;
        }

        @Override
        public Range range() {
            return range;
        }

        @Override
        public String describe() {
            return "none" + range;
        }
    }
}

package org.nqpf.engine;

/**
 * Min-max normalisation into a range (COINr {@code n_minmax}; the Chinese literature's
 * positive {@code (x-min)/(max-min)} and negative {@code (max-x)/(max-min)}), then scaled into the range.
 * <p>
 * A constant column ({@code max == min}, including a column with one non-missing value) carries no information
 * about who is better: the formula is 0/0 (COINr returns NaN). By default every unit with a value then gets the
 * range's midpoint: the indicator neither helps nor hurts anyone's rank, and a cohort of one unit still gets a
 * score. {@link ConstantColumn#MISSING} instead treats the column as missing, so aggregation leaves it out.
 */
public final class MinMax implements BoundedNormalisation {

    public enum ConstantColumn {
        /** Every non-missing value becomes the range's midpoint. */
        MIDPOINT,
        /** Every value becomes missing (NaN) and drops out of the aggregation. */
        MISSING
    }

    private final Range range;
    private final ConstantColumn constantColumn;

    public MinMax(Range range, ConstantColumn constantColumn) {
        this.range = range;
        this.constantColumn = constantColumn;
    }

    public MinMax(Range range) {
        this(range, ConstantColumn.MIDPOINT);
    }

    /** Into [0, 100], the platform's score scale. */
    public static MinMax percent() {
        return new MinMax(Range.PERCENT);
    }

    @Override
    public Range range() {
        return range;
    }

    @Override
    public double[] normalise(double[] column, int direction) {
        if (direction != 1 && direction != -1) {
            throw new IllegalArgumentException("direction " + direction + " is neither +1 nor -1");
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double x : column) {
            if (!Double.isNaN(x)) {
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
        }
        double[] out = new double[column.length];
        for (int i = 0; i < column.length; i++) {
            double x = column[i];
            if (Double.isNaN(x)) {
                out[i] = Double.NaN;
            }
            else if (max == min) {
                out[i] = constantColumn == ConstantColumn.MIDPOINT ? range.midpoint() : Double.NaN;
            }
            else {
                double share = direction > 0 ? (x - min) / (max - min) : (max - x) / (max - min);
                out[i] = range.clamp(range.lower() + share * range.width());
            }
        }
        return out;
    }

    @Override
    public String describe() {
        return "minmax" + range + (constantColumn == ConstantColumn.MIDPOINT ? "" : ";constant=missing");
    }
}

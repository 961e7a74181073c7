package org.nqpf.engine;

/** A closed interval [lower, upper] that normalised values and scores live in, e.g. [0, 100]. */
public record Range(double lower, double upper) {

    public static final Range PERCENT = new Range(0, 100);
    public static final Range UNIT = new Range(0, 1);

    public Range {
        if (!(lower < upper) || Double.isInfinite(lower) || Double.isInfinite(upper)) {
            throw new IllegalArgumentException("range [" + lower + ", " + upper + "] needs finite lower < upper");
        }
    }

    public double width() {
        return upper - lower;
    }

    public double midpoint() {
        return lower + width() / 2;
    }

    /** The value mapped onto [0, 1]; NaN stays NaN. */
    public double toUnit(double value) {
        return (value - lower) / width();
    }

    /** The value clamped into the range: floating-point rounding must not push a score past its bounds. */
    public double clamp(double value) {
        return Double.isNaN(value) ? value : Math.max(lower, Math.min(upper, value));
    }

    @Override
    public String toString() {
        return "[" + format(lower) + "," + format(upper) + "]";
    }

    private static String format(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}

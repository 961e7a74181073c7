package org.nqpf.engine;

/**
 * Vector (L2) normalisation, TOPSIS's own (Hwang &amp; Yoon): {@code r = x / √(Σ x²)}. For an indicator where less
 * is better the result is reflected, {@code 1 - r}, so that higher is always better; distances between units, and
 * so TOPSIS closeness, are unchanged by that reflection. Values lie in [0, 1] for non-negative data.
 */
public final class VectorNormalisation implements BoundedNormalisation {

    public static final VectorNormalisation INSTANCE = new VectorNormalisation();

    private VectorNormalisation() {
    }

    @Override
    public Range range() {
        return Range.UNIT;
    }

    @Override
    public double[] normalise(double[] column, int direction) {
        Normalisation.checkDirection(direction);
        double ss = 0;
        for (double x : column) {
            if (!Double.isNaN(x)) {
                if (x < 0) {
                    throw new IllegalArgumentException("vector normalisation needs non-negative values, got " + x);
                }
                ss += x * x;
            }
        }
        double norm = Math.sqrt(ss);
        double[] out = new double[column.length];
        for (int i = 0; i < out.length; i++) {
            double x = column[i];
            if (Double.isNaN(x)) {
                out[i] = Double.NaN;
            }
            else {
                double r = norm == 0 ? 0 : x / norm;
                out[i] = direction > 0 ? r : 1 - r;
            }
        }
        return out;
    }

    @Override
    public String describe() {
        return "vector";
    }
}

package org.nqpf.engine;

/**
 * Brings one indicator's values onto a common scale where higher is better. Column-wise by contract: a value's
 * normalised form may depend on the other units' values of the same indicator (min-max, z-score, rank), never on
 * other indicators. Missing values (NaN) stay missing.
 * <p>
 * Implementations: {@link MinMax}, {@link ZScore}, {@link Goalposts}, {@link RankScaling}, {@link VectorNormalisation},
 * {@link Identity}.
 */
public interface Normalisation {

    /**
     * @param column    one indicator's values for every unit, NaN for missing
     * @param direction +1 when more is better, -1 when less is better
     * @return a new array of the same length
     */
    double[] normalise(double[] column, int direction);

    /**
     * The same for a named indicator: methods with per-indicator parameters (goalposts) override this one.
     */
    default double[] normalise(String indicator, double[] column, int direction) {
        return normalise(column, direction);
    }

    /** A short, stable description, part of every result's method and input digest, e.g. {@code minmax[0,100]}. */
    String describe();

    static void checkDirection(int direction) {
        if (direction != 1 && direction != -1) {
            throw new IllegalArgumentException("direction " + direction + " is neither +1 nor -1");
        }
    }
}

package org.nqpf.engine;

/** No normalisation ("none"): values as they are, for data already on a common scale. Directions are not applied. */
public final class Identity implements Normalisation {

    public static final Identity INSTANCE = new Identity();

    private Identity() {
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
}

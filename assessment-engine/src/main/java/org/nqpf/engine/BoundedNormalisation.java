package org.nqpf.engine;

/**
 * A normalisation whose results lie in a known {@link Range} with the best value at the top. Coupling coordination
 * and obstacle degree need this: they work on scores in [0, 1].
 */
public interface BoundedNormalisation extends Normalisation {

    Range range();
}

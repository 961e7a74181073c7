package org.nqpf.roadmap.planning;

/**
 * An assessment no roadmap can be planned from, whatever is retried: no action of the library applies to the entity's
 * kind, or the library does not cover the framework. The message says which; the listener dead-letters the event.
 */
public class Unplannable extends RuntimeException {

    public Unplannable(String reason) {
        super(reason);
    }
}

package org.nqpf.contracts;

/** The two sides whose coupling measures the paper's "two-way empowerment". */
public enum Subsystem {
    /** The AI side: talent, compute, models, AI adoption. */
    AI,
    /** The new-quality-productive-forces side. */
    NQPF
}

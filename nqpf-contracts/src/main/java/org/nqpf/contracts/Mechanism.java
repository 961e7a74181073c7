package org.nqpf.contracts;

/** The paper's three mechanisms, used to tag indicators and findings. */
public enum Mechanism {
    /** Bidirectional element supply. */
    ELEMENT_SUPPLY,
    /** Embedding from inside out. */
    STRUCTURAL_EMBEDDING,
    /** Chain-style closed-loop combination. */
    FUNCTIONAL_COMBINATION
}

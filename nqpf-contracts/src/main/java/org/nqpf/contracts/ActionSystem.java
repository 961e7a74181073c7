package org.nqpf.contracts;

/** The four systems through which the paper proposes to act; every roadmap action belongs to one. */
public enum ActionSystem {
    OPEN_TECH_INNOVATION,
    FULL_CHAIN_ELEMENT_CIRCULATION,
    AUTONOMOUS_INDUSTRIAL_ECOSYSTEM,
    INCLUSIVE_GOVERNANCE
}

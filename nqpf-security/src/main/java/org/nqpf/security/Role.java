package org.nqpf.security;

/** What a caller may do (docs/SECURITY.md); carried in the token's {@code roles} claim. */
public enum Role {
    /** Government data feeds: submit observations under their own source. */
    FEED,
    /** Enterprise or regional portals: read and submit for their tenant's entities only. */
    PORTAL,
    /** Read everything, run what-ifs and uncertainty. */
    ANALYST,
    /** Change the catalog, frameworks, entities, cohorts, profiles and the action library. */
    STEWARD,
    /** Run the platform: console, actuator, dead letters, API keys. */
    OPERATOR;

    /** The Spring authority of the role, as {@code hasRole} expects it. */
    public String authority() {
        return "ROLE_" + name();
    }
}

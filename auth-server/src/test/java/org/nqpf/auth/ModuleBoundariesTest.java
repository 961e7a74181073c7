package org.nqpf.auth;

import org.junit.jupiter.api.Test;
import org.nqpf.architecture.ModuleRules;

/** This module's main classes keep the platform's module boundaries; the rules live in nqpf-architecture. */
class ModuleBoundariesTest {

    @Test
    void should_KeepTheModuleBoundaries_And_HaveNoCyclesBetweenItsPackages() {
        ModuleRules.check("org.nqpf.auth");
    }
}

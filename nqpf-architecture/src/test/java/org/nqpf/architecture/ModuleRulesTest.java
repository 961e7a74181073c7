package org.nqpf.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;
import org.nqpf.contracts.fixture.ContractUsingMessaging;
import org.nqpf.contracts.fixture.PlainContract;
import org.nqpf.cyclic.a.Alpha;
import org.nqpf.cyclic.b.Beta;
import org.nqpf.engine.fixture.EngineReadingAService;
import org.nqpf.engine.fixture.PlainEngine;
import org.nqpf.engine.fixture.WiredEngine;
import org.nqpf.indicator.fixture.IndicatorCallingRoadmap;
import org.nqpf.roadmap.fixture.RoadmapPlanner;

/**
 * Each rule fails on a fixture that breaks it (classes in this module's test sources, named like the packages the
 * rules guard) and passes on one that keeps to it: a rule that cannot fail would guard nothing.
 */
class ModuleRulesTest {

    private static JavaClasses classes(Class<?>... types) {
        return new ClassFileImporter().importClasses(types);
    }

    @Test
    void should_FailTheEngineRule_When_AnEngineClassUsesSpringOrAService() {
        EvaluationResult result = ModuleRules.engineIsPlainJava()
                .evaluate(classes(WiredEngine.class, EngineReadingAService.class, IndicatorCallingRoadmap.class));

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anySatisfy(d -> assertThat(d).contains(WiredEngine.class.getName())
                        .contains("org.springframework.stereotype.Component"))
                .anySatisfy(d -> assertThat(d).contains(EngineReadingAService.class.getName())
                        .contains(IndicatorCallingRoadmap.class.getName()));
        assertThat(ModuleRules.engineIsPlainJava().evaluate(classes(PlainEngine.class)).hasViolation()).isFalse();
    }

    @Test
    void should_FailTheServiceRule_When_AServiceUsesAnotherServicesClass() {
        EvaluationResult result = ModuleRules.servicesAreIndependent()
                .evaluate(classes(IndicatorCallingRoadmap.class, RoadmapPlanner.class));

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails()).anySatisfy(d -> assertThat(d)
                .contains(IndicatorCallingRoadmap.class.getName()).contains(RoadmapPlanner.class.getName()));
        assertThat(ModuleRules.servicesAreIndependent().evaluate(classes(RoadmapPlanner.class)).hasViolation())
                .isFalse();
    }

    @Test
    void should_FailTheContractsRule_When_AContractUsesAnotherModule() {
        EvaluationResult result = ModuleRules.contractsStandAlone().evaluate(classes(ContractUsingMessaging.class));

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails()).anySatisfy(d -> assertThat(d)
                .contains(ContractUsingMessaging.class.getName()).contains("org.nqpf.messaging.fixture.Outbox"));
        assertThat(ModuleRules.contractsStandAlone().evaluate(classes(PlainContract.class)).hasViolation()).isFalse();
    }

    @Test
    void should_FailTheCycleRule_When_TwoPackagesUseEachOther() {
        EvaluationResult result = ModuleRules.noCyclesBetweenPackagesOf("org.nqpf.cyclic")
                .evaluate(classes(Alpha.class, Beta.class));

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("org.nqpf.cyclic.a").contains("org.nqpf.cyclic.b");
        assertThat(ModuleRules.noCyclesBetweenPackagesOf("org.nqpf.cyclic").evaluate(classes(Alpha.class))
                .hasViolation()).isFalse();
    }

    @Test
    void should_FailTheModuleCheck_When_ItWouldImportNoClassAtAll() {
        // A misspelt root package must not pass silently on an empty import.
        assertThatThrownBy(() -> ModuleRules.mainClassesOf("org.nqpf.nosuchmodule"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("org.nqpf.nosuchmodule");
    }
}

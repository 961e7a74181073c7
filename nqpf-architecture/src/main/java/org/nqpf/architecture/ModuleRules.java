package org.nqpf.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.ArrayList;
import java.util.List;

/**
 * The platform's module boundaries. Each module's test imports its own main classes ({@link #mainClassesOf}) and
 * checks them with {@link #check}; the rules name every module, so one rule set serves all of them and a rule that
 * does not apply to a module (the engine rule in a service) passes there with nothing to check.
 */
public final class ModuleRules {

    public static final String ENGINE = "org.nqpf.engine..";
    public static final String CONTRACTS = "org.nqpf.contracts..";
    public static final List<String> SERVICES = List.of("org.nqpf.indicator..", "org.nqpf.assessment..",
            "org.nqpf.roadmap..", "org.nqpf.gateway..");

    private ModuleRules() {
    }

    /** The engine is plain Java: the services and the CLI embed it, so it must not pull in Spring or a service. */
    public static ArchRule engineIsPlainJava() {
        List<String> forbidden = new ArrayList<>(List.of("org.springframework..", "org.nqpf.messaging..",
                "org.nqpf.launcher..", "org.nqpf.testsupport.."));
        forbidden.addAll(SERVICES);
        return noClasses().that().resideInAPackage(ENGINE)
                .should().dependOnClassesThat().resideInAnyPackage(forbidden.toArray(String[]::new))
                .because("the engine runs without Spring, in every service and on the command line")
                .allowEmptyShould(true);
    }

    /** A service talks to another only through events and HTTP, never through its classes. */
    public static ArchRule servicesAreIndependent() {
        List<ArchRule> rules = new ArrayList<>();
        for (String service : SERVICES) {
            String[] others = SERVICES.stream().filter(s -> !s.equals(service)).toArray(String[]::new);
            rules.add(noClasses().that().resideInAPackage(service)
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .because("services are deployed apart and meet only through events and HTTP")
                    .allowEmptyShould(true));
        }
        return CompositeArchRule.of(rules);
    }

    /** Contracts are what every module reads, so they read nothing of the project themselves. */
    public static ArchRule contractsStandAlone() {
        return noClasses().that().resideInAPackage(CONTRACTS)
                .should().dependOnClassesThat(resideInAPackage("org.nqpf..").and(not(resideInAPackage(CONTRACTS))))
                .because("every module depends on the contracts, so they can depend on none")
                .allowEmptyShould(true);
    }

    /**
     * No cycle between the packages right under {@code rootPackage} (each with its subpackages, as in ArchUnit's and
     * Spring Modulith's examples): a cycle makes two features one that cannot be read or changed apart.
     */
    public static ArchRule noCyclesBetweenPackagesOf(String rootPackage) {
        return slices().matching(rootPackage + ".(*)..").namingSlices(rootPackage + ".$1")
                .should().beFreeOfCycles()
                .allowEmptyShould(true);
    }

    /** Every boundary rule plus the cycle rule for the module whose packages start with {@code rootPackage}. */
    public static ArchRule all(String rootPackage) {
        return CompositeArchRule.of(engineIsPlainJava()).and(servicesAreIndependent()).and(contractsStandAlone())
                .and(noCyclesBetweenPackagesOf(rootPackage));
    }

    /** The module's main classes, as its tests see them on the class path (test classes left out). */
    public static JavaClasses mainClassesOf(String rootPackage) {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(rootPackage);
        if (classes.isEmpty()) {
            throw new AssertionError("no main classes under " + rootPackage + ": the check would pass on nothing");
        }
        return classes;
    }

    /** Checks the module's main classes against every rule; throws an {@link AssertionError} naming each violation. */
    public static void check(String rootPackage) {
        all(rootPackage).check(mainClassesOf(rootPackage));
    }
}

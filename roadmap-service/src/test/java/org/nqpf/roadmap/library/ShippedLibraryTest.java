package org.nqpf.roadmap.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.nqpf.contracts.ActionSystem;
import org.nqpf.roadmap.library.FrameworkIndicators.Known;
import org.nqpf.web.FieldError;
import tools.jackson.databind.json.JsonMapper;

/** The library shipped with the service, checked against the catalog's own NQPF-AI v1. */
class ShippedLibraryTest {

    private static final LibrarySeed.Shipped SHIPPED = LibrarySeed.read(JsonMapper.builder().build());
    private static final Known NQPF_AI_V1 = LibraryFixtures.nqpfAiV1();

    private static List<LibraryAction> valid() {
        List<FieldError> errors = new ArrayList<>();
        List<LibraryAction> actions = LibraryRules.actions(SHIPPED.actions(), NQPF_AI_V1, errors);
        assertThat(errors).as("what the rules refuse in %s", LibrarySeed.RESOURCE).isEmpty();
        return actions;
    }

    @Test
    void should_ShipAtLeast48Actions_TwelvePerSystem() {
        Map<ActionSystem, Long> perSystem = valid().stream()
                .collect(Collectors.groupingBy(LibraryAction::system, Collectors.counting()));

        assertThat(SHIPPED.actions()).hasSizeGreaterThanOrEqualTo(48);
        assertThat(perSystem).containsOnlyKeys(ActionSystem.values());
        assertThat(perSystem.values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(12));
    }

    @Test
    void should_NameOnlyIndicatorsOfNqpfAiV1_AsTheCatalogSeedsThem() {
        assertThat(NQPF_AI_V1.indicators()).hasSize(30);
        assertThat(SHIPPED.frameworkCode()).isEqualTo("NQPF-AI");
        assertThat(SHIPPED.actions()).allSatisfy(a -> assertThat(a.indicators()).isNotEmpty()
                .allSatisfy(e -> assertThat(NQPF_AI_V1.indicators()).containsKey(e.code())));
    }

    @Test
    void should_SeedTheServicesProjectionWithExactlyTheCatalogsIndicators() throws IOException {
        String migration = Files.readString(Path.of("src/main/resources/db/migration/V3__versioned_action_library.sql"));
        Matcher m = Pattern.compile("\\('NQPF-AI', 1, '([A-Z0-9_]+)', '([A-Z_]+)', '(AI|NQPF)'\\)").matcher(migration);
        List<Known.Indicator> seeded = new ArrayList<>();
        while (m.find()) {
            seeded.add(new Known.Indicator(m.group(1), org.nqpf.contracts.Dimension.valueOf(m.group(2)),
                    org.nqpf.contracts.Subsystem.valueOf(m.group(3))));
        }

        assertThat(seeded).containsExactlyInAnyOrderElementsOf(NQPF_AI_V1.indicators().values());
    }

    @Test
    void should_GiveEveryActionASourceAndEveryEffectItsBasis() {
        assertThat(valid()).allSatisfy(a -> {
            assertThat(a.sources()).as(a.code()).isNotEmpty()
                    .allSatisfy(s -> assertThat(s.document()).isNotBlank());
            assertThat(a.indicators()).as(a.code()).allSatisfy(e -> {
                assertThat(e.basis().kind()).isNotNull();
                assertThat(e.low()).isLessThanOrEqualTo(e.high());
            });
        });
        // Sizes nobody measured say so.
        assertThat(valid()).flatMap(LibraryAction::indicators)
                .filteredOn(e -> e.basis().kind() == LibraryAction.BasisKind.EXPERT_JUDGEMENT)
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.basis().note()).containsIgnoringCase("judgement"));
        assertThat(SHIPPED.effectUnit()).isEqualTo(LibraryVersion.EFFECT_UNIT);
    }

    @Test
    void should_HaveNoPrerequisiteCycle_AndOnlyPrerequisitesItShips() {
        List<LibraryAction> actions = valid();
        Map<String, List<String>> needs = actions.stream()
                .collect(Collectors.toMap(LibraryAction::code, LibraryAction::prerequisites));

        assertThat(PrerequisiteGraph.cycle(needs)).isEmpty();
        assertThat(actions).flatMap(LibraryAction::prerequisites).isNotEmpty()
                .allSatisfy(p -> assertThat(needs).containsKey(p));
    }

    @Test
    void should_KeepTheIdeasOfTheFirstLibrary_UnderTheirCodes() {
        Map<String, LibraryAction> byCode = valid().stream()
                .collect(Collectors.toMap(LibraryAction::code, Function.identity()));

        // The 34 codes of V1__action_library.sql live on.
        assertThat(byCode).containsKeys("OTI-LAB-1", "OTI-LAB-2", "FEC-LAB-1", "FEC-LAB-2", "AIE-LAB-1", "AIE-LAB-2",
                "IGV-LAB-1", "IGV-LAB-2", "OTI-MOL-1", "OTI-MOL-2", "OTI-MOL-3", "FEC-MOL-1", "FEC-MOL-2", "AIE-MOL-1",
                "AIE-MOL-2", "IGV-MOL-1", "IGV-MOL-2", "OTI-OBJ-1", "OTI-OBJ-2", "FEC-OBJ-1", "FEC-OBJ-2", "AIE-OBJ-1",
                "AIE-OBJ-2", "IGV-OBJ-1", "IGV-OBJ-2", "OTI-OPT-1", "OTI-OPT-2", "FEC-OPT-1", "FEC-OPT-2", "AIE-OPT-1",
                "AIE-OPT-2", "AIE-OPT-3", "IGV-OPT-1", "IGV-OPT-2");
        assertThat(byCode.get("FEC-MOL-1").titleEn()).contains("computing-power network");
        assertThat(byCode.get("FEC-MOL-1").dimension()).isEqualTo(org.nqpf.contracts.Dimension.MEANS_OF_LABOR);
    }
}

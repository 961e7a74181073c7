package org.nqpf.roadmap.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nqpf.roadmap.library.LibraryFixtures.draft;
import static org.nqpf.roadmap.library.LibraryFixtures.effect;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nqpf.contracts.Dimension;
import org.nqpf.contracts.Subsystem;
import org.nqpf.roadmap.library.ActionDraft.BasisDraft;
import org.nqpf.roadmap.library.ActionDraft.EffectDraft;
import org.nqpf.roadmap.library.FrameworkIndicators.Known;
import org.nqpf.web.FieldError;

class LibraryRulesTest {

    private static final Known NQPF_AI = LibraryFixtures.nqpfAiV1();

    private static List<FieldError> errors(List<ActionDraft> drafts) {
        List<FieldError> errors = new ArrayList<>();
        List<LibraryAction> actions = LibraryRules.actions(drafts, NQPF_AI, errors);
        assertThat(actions == null).as("refused exactly when something is wrong").isEqualTo(!errors.isEmpty());
        return errors;
    }

    private static List<String> fields(List<ActionDraft> drafts) {
        return errors(drafts).stream().map(FieldError::field).toList();
    }

    private static ActionDraft with(ActionDraft d, String system, String mechanism, String lead,
            List<String> supporting, List<String> kinds) {
        return new ActionDraft(d.code(), d.titleEn(), d.titleZh(), system, d.indicators(), mechanism, lead,
                supporting, d.instrument(), d.horizonYears(), d.prerequisites(), d.effort(), kinds, d.sources());
    }

    private static ActionDraft withEffects(ActionDraft d, List<EffectDraft> effects) {
        return new ActionDraft(d.code(), d.titleEn(), d.titleZh(), d.system(), effects, d.mechanism(),
                d.leadActor(), d.supportingActors(), d.instrument(), d.horizonYears(), d.prerequisites(), d.effort(),
                d.entityKinds(), d.sources());
    }

    private static ActionDraft withHorizon(ActionDraft d, Integer years) {
        return new ActionDraft(d.code(), d.titleEn(), d.titleZh(), d.system(), d.indicators(), d.mechanism(),
                d.leadActor(), d.supportingActors(), d.instrument(), years, d.prerequisites(), d.effort(),
                d.entityKinds(), d.sources());
    }

    @Test
    void should_AcceptAValidVersion_ClassifyingEachActionByItsFirstIndicator() {
        ActionDraft a = withEffects(draft("A-1"), List.of(effect("AI_PENETRATION", 1, 2), effect("RD_INTENSITY", 0, 1)));
        List<FieldError> errors = new ArrayList<>();

        List<LibraryAction> actions = LibraryRules.actions(List.of(a, draft("B-1", "A-1")), NQPF_AI, errors);

        assertThat(errors).isEmpty();
        assertThat(actions.get(0).dimension()).isEqualTo(Dimension.OPTIMIZED_COMBINATION);
        assertThat(actions.get(0).subsystem()).isEqualTo(Subsystem.AI);
        assertThat(actions.get(1).prerequisites()).containsExactly("A-1");
        assertThat(actions.get(1).phase()).isEqualTo(Phase.MID_TERM); // two years
    }

    @Test
    void should_NameTheJsonPath_When_AnIndicatorIsNotInTheFramework() {
        List<ActionDraft> drafts = List.of(draft("A-1"), draft("A-2"), draft("A-3"),
                withEffects(draft("A-4"), List.of(effect("GDP_GROWTH", 1, 2), effect("RD_INTENSITY", 1, 2))));

        List<FieldError> errors = errors(drafts);

        assertThat(errors).extracting(FieldError::field).containsExactly("actions[3].indicators[0].code");
        assertThat(errors.get(0).detail()).contains("GDP_GROWTH", "NQPF-AI");
        assertThat(errors.get(0).rejectedValue()).isEqualTo("GDP_GROWTH");
    }

    @Test
    void should_NameEachUnknownSystemMechanismActorAndKind_AllAtOnce() {
        ActionDraft bad = with(draft("A-1"), "CLOSED_INNOVATION", "MAGIC", "KING", List.of("MARKET", "ALIENS"),
                List.of("PLANET"));

        List<FieldError> errors = errors(List.of(draft("A-0"), bad));

        assertThat(errors).extracting(FieldError::field).containsExactlyInAnyOrder("actions[1].system",
                "actions[1].mechanism", "actions[1].leadActor", "actions[1].supportingActors[1]",
                "actions[1].entityKinds[0]");
        assertThat(errors).filteredOn(e -> e.field().equals("actions[1].system")).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("'CLOSED_INNOVATION' is unknown",
                        "OPEN_TECH_INNOVATION"));
    }

    @Test
    void should_RefuseALowEffectAboveTheHigh_AndSizesOutOfRange() {
        ActionDraft bad = withEffects(draft("A-1"), List.of(effect("RD_INTENSITY", 5, 2), effect("AI_PENETRATION",
                -1, 2), effect("ROBOT_DENSITY", 1, 250)));

        List<FieldError> errors = errors(List.of(bad));

        assertThat(errors).extracting(FieldError::field).containsExactly("actions[0].indicators[0].low",
                "actions[0].indicators[1].low", "actions[0].indicators[2].high");
        assertThat(errors.get(0).detail()).contains("5.0 exceeds the high effect 2.0");
    }

    @Test
    void should_RefuseAHorizonOutOfRange() {
        assertThat(fields(List.of(withHorizon(draft("A-1"), 0)))).containsExactly("actions[0].horizonYears");
        assertThat(fields(List.of(withHorizon(draft("A-1"), 16)))).containsExactly("actions[0].horizonYears");
        assertThat(fields(List.of(withHorizon(draft("A-1"), null)))).containsExactly("actions[0].horizonYears");
        assertThat(fields(List.of(withHorizon(draft("A-1"), 15)))).isEmpty();
    }

    @Test
    void should_RefuseAPrerequisiteNamingNoActionOfTheVersion() {
        List<FieldError> errors = errors(List.of(draft("A-1"), draft("A-2", "A-1", "NO-SUCH")));

        assertThat(errors).extracting(FieldError::field).containsExactly("actions[1].prerequisites[1]");
        assertThat(errors.get(0).detail()).contains("no action NO-SUCH");
    }

    @Test
    void should_NameTheCycle_When_PrerequisitesCloseOne() {
        List<FieldError> errors = errors(List.of(draft("Z-0"), draft("A-1", "B-1"), draft("B-1", "C-1"),
                draft("C-1", "A-1")));

        assertThat(errors).extracting(FieldError::field).containsExactly("actions[1].prerequisites");
        assertThat(errors.get(0).detail()).contains("A-1 → B-1 → C-1 → A-1");
    }

    @Test
    void should_RefuseAnActionWithoutSourceOrWithAStudyWithoutReference() {
        ActionDraft noSource = new ActionDraft("A-1", "t", "t", "OPEN_TECH_INNOVATION",
                List.of(new EffectDraft("RD_INTENSITY", 1, 1.0, 2.0, new BasisDraft("STUDY", "measured", null))),
                "ELEMENT_SUPPLY", "GOVERNMENT", List.of(), "INNOVATION_MECHANISM", 1, List.of(), "LOW",
                List.of("REGION"), List.of());

        assertThat(fields(List.of(noSource))).containsExactlyInAnyOrder("actions[0].sources",
                "actions[0].indicators[0].basis.reference");
    }

    @Test
    void should_NameTheField_When_FreeTextIsOverLong() {
        String essay = "x".repeat(LibraryRules.MAX_NOTE + 1);
        ActionDraft d = draft("A-1");
        ActionDraft overLong = new ActionDraft("A-1", "t", "t", d.system(),
                List.of(new EffectDraft("RD_INTENSITY", 1, 1.0, 2.0, new BasisDraft("STUDY", essay, essay))),
                d.mechanism(), d.leadActor(), List.of(), d.instrument(), 1, List.of(), d.effort(), d.entityKinds(),
                List.of(new LibraryAction.Source("y".repeat(LibraryRules.MAX_TITLE + 1), null, essay, 2024, essay)));

        assertThat(fields(List.of(overLong))).containsExactlyInAnyOrder("actions[0].indicators[0].basis.note",
                "actions[0].indicators[0].basis.reference", "actions[0].sources[0].document",
                "actions[0].sources[0].issuer", "actions[0].sources[0].section");
        assertThat(errors(List.of(overLong))).allSatisfy(e -> assertThat(e.detail()).contains("characters; at most"));
    }

    @Test
    void should_RefuseDuplicateCodes_SelfPrerequisites_AndAnEmptyVersion() {
        assertThat(fields(List.of(draft("A-1"), draft("A-1")))).containsExactly("actions[1].code");
        assertThat(fields(List.of(draft("A-1", "A-1")))).containsExactly("actions[0].prerequisites[0]");
        assertThat(fields(List.of())).containsExactly("actions");
        assertThat(fields(List.of(draft("lower-case")))).containsExactly("actions[0].code");
    }

    @Test
    void should_PrefixNothing_When_TheBodyIsOneAction() {
        List<FieldError> errors = new ArrayList<>();
        LibraryAction action = LibraryRules.action(withEffects(draft("A-1"), List.of(effect("NOPE", 1, 2))), "",
                NQPF_AI, errors);

        assertThat(action).isNull();
        assertThat(errors).extracting(FieldError::field).containsExactly("indicators[0].code");
    }
}

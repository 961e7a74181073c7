package org.nqpf.indicator.catalog;

import org.nqpf.web.FieldError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nqpf.contracts.Dimension;
import org.nqpf.indicator.catalog.FrameworkDraft.IndicatorDraft;

class FrameworkRulesTest {

    static IndicatorDraft valid(String code) {
        return new IndicatorDraft(code, "Name " + code, "名称", "LABORERS", "AI", "ELEMENT_SUPPLY", "%", 1.0, 0.0,
                100.0, 50.0, null, null);
    }

    @Test
    void should_ReadEveryFieldOfAValidIndicator() {
        List<FieldError> problems = new ArrayList<>();
        List<Indicator> indicators = FrameworkRules.indicators("T", 3, List.of(valid("A1"),
                new IndicatorDraft(" B2 ", " Energy ", "能耗", "MEANS_OF_LABOR", "NQPF", "STRUCTURAL_EMBEDDING",
                        "tce", -1.0, null, null, null, " series ", "")), problems);

        assertThat(problems).isEmpty();
        assertThat(indicators).hasSize(2);
        Indicator b = indicators.get(1);
        assertThat(b.code()).isEqualTo("B2");
        assertThat(b.frameworkVersion()).isEqualTo(3);
        assertThat(b.nameEn()).isEqualTo("Energy");
        assertThat(b.dimension()).isEqualTo(Dimension.MEANS_OF_LABOR);
        assertThat(b.direction()).isEqualTo(-1);
        assertThat(b.minValue()).isNull();
        assertThat(b.origin()).isEqualTo("series");
        assertThat(b.rationale()).isNull();
    }

    @Test
    void should_NameEachWrongField_When_IndicatorsBreakTheRules() {
        List<FieldError> problems = new ArrayList<>();
        List<IndicatorDraft> drafts = Arrays.asList(
                valid("A1"),
                valid("A1"),
                new IndicatorDraft("lower", null, "x", "LABOR", "ML", "MAGIC", " ", 2.0, 10.0, 5.0, null, null, null),
                new IndicatorDraft("C3", "c", "c", "LABORERS", "NQPF", "ELEMENT_SUPPLY", "%", 0.5, 0.0, 100.0, 120.0,
                        null, null),
                null);

        List<Indicator> indicators = FrameworkRules.indicators("T", 1, drafts, problems);

        assertThat(indicators).extracting(Indicator::code).containsExactly("A1");
        assertThat(problems).extracting(FieldError::field).containsExactly(
                "indicators[1].code",
                "indicators[2].code", "indicators[2].nameEn", "indicators[2].unit", "indicators[2].dimension",
                "indicators[2].subsystem", "indicators[2].mechanism", "indicators[2].direction",
                "indicators[2].minValue",
                "indicators[3].direction", "indicators[3].target",
                "indicators[4]");
        assertThat(problems.get(0).detail()).isEqualTo(
                "A1 is already the code of indicators[0]; codes are unique within a framework version");
        assertThat(problems.get(4).detail()).isEqualTo(
                "'LABOR' is not one of LABORERS, MEANS_OF_LABOR, OBJECTS_OF_LABOR, OPTIMIZED_COMBINATION");
        assertThat(problems.get(7).detail()).isEqualTo("2 must be 1 (more is better) or -1 (less is better)");
        assertThat(problems.get(8).detail()).isEqualTo("lower's minValue 10 is greater than its maxValue 5");
        assertThat(problems.get(9).detail()).isEqualTo("0.5 must be 1 (more is better) or -1 (less is better)");
        assertThat(problems.get(10).detail()).isEqualTo("C3's target 120 is outside its valid range [0, 100]");
    }

    @Test
    void should_RequireAtLeastOneIndicator() {
        List<FieldError> problems = new ArrayList<>();
        FrameworkRules.indicators("T", 1, List.of(), problems);
        assertThat(problems).containsExactly(new FieldError("indicators", "at least one indicator is required"));
    }

    @Test
    void should_AcceptTargetOnAnOpenEndOfTheRange() {
        List<FieldError> problems = new ArrayList<>();
        FrameworkRules.indicators("T", 1, List.of(new IndicatorDraft("OPEN", "o", "o", "LABORERS", "AI",
                "ELEMENT_SUPPLY", "yuan", 1.0, 0.0, null, 1e9, null, null)), problems);
        assertThat(problems).isEmpty();
    }

    @Test
    void should_CheckFrameworkCode() {
        assertThat(FrameworkRules.frameworkCode("NQPF-AI")).isEmpty();
        assertThat(FrameworkRules.frameworkCode(null)).containsExactly(new FieldError("code", "required"));
        assertThat(FrameworkRules.frameworkCode("nqpf ai")).extracting(FieldError::field).containsExactly("code");
    }

    @Test
    void should_NameTheDimensionAndSubsystemCellsAnAssessmentWouldMiss() {
        List<FieldError> problems = new ArrayList<>();
        List<Indicator> indicators = FrameworkRules.indicators("T", 1, List.of(valid("A1"),
                new IndicatorDraft("N1", "n", "n", "LABORERS", "NQPF", "ELEMENT_SUPPLY", "%", 1.0, null, null, null,
                        null, null)), problems);
        assertThat(FrameworkRules.uncoveredForAssessment(indicators)).containsExactly(
                "MEANS_OF_LABOR/AI", "MEANS_OF_LABOR/NQPF", "OBJECTS_OF_LABOR/AI", "OBJECTS_OF_LABOR/NQPF",
                "OPTIMIZED_COMBINATION/AI", "OPTIMIZED_COMBINATION/NQPF");
    }

    static IndicatorDraft under(String code, String dimension, String... subDimensions) {
        return new IndicatorDraft(code, "Name " + code, "名称", dimension, "AI", "ELEMENT_SUPPLY", "%", 1.0, null, null,
                null, null, null, List.of(subDimensions));
    }

    @Test
    void should_PlaceIndicatorsUnderSubDimensions_When_TheDraftNamesThem() {
        List<FieldError> problems = new ArrayList<>();
        List<Indicator> indicators = FrameworkRules.indicators("T", 1, List.of(
                under("T1", "LABORERS", "DIGITAL_TALENT"), under("T2", "LABORERS", "DIGITAL_TALENT", "AI_SKILLS"),
                valid("A1")), problems);
        assertThat(problems).isEmpty();
        assertThat(indicators.get(1).subDimensions()).containsExactly("DIGITAL_TALENT", "AI_SKILLS");
        assertThat(indicators.get(1).path()).containsExactly("LABORERS", "DIGITAL_TALENT", "AI_SKILLS");
        assertThat(indicators.get(2).path()).as("directly under its dimension: no path").isNull();
    }

    @Test
    void should_NameTheField_When_ASubDimensionHasTwoParentsOrClashes() {
        List<FieldError> problems = new ArrayList<>();
        FrameworkRules.indicators("T", 1, List.of(
                under("T1", "LABORERS", "TALENT"),
                under("T2", "MEANS_OF_LABOR", "TALENT"),
                under("T3", "LABORERS", "bad code"),
                under("T4", "LABORERS", "MEANS_OF_LABOR"),
                under("TALENT2", "LABORERS", "T1")), problems);
        assertThat(problems).extracting(FieldError::field).containsExactly(
                "indicators[1].subDimensions[0]", "indicators[2].subDimensions[0]", "indicators[3].subDimensions[0]",
                "indicators[0].code");
        assertThat(problems.get(0).detail()).isEqualTo(
                "TALENT sits under LABORERS in indicators[0]; a sub-dimension has one parent");
        assertThat(problems.get(3).detail()).isEqualTo(
                "T1 is also the code of a sub-dimension; a node of the hierarchy has one code");
    }
}

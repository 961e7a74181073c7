package org.nqpf.indicator.entity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EntityCodesTest {

    @ParameterizedTest
    @CsvSource({"REGION,110000", "REGION,110105", "REGION,000000",
            "INDUSTRY,I", "INDUSTRY,65", "INDUSTRY,651", "INDUSTRY,6511",
            "ENTERPRISE,ACME-001", "ENTERPRISE,914403001922038216"})
    void should_AcceptCodesOfEachKind(String kind, String code) {
        assertThat(EntityCodes.problem(kind, code)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"REGION,11000,GB/T 2260", "REGION,CN-11,GB/T 2260", "REGION,1100000,GB/T 2260",
            "INDUSTRY,Z,GB/T 4754", "INDUSTRY,12345,GB/T 4754", "INDUSTRY,6,GB/T 4754", "INDUSTRY,i,GB/T 4754",
            "ENTERPRISE,914403001922038217,check character"})
    void should_ExplainWhatIsWrong_When_CodeDoesNotFitItsKind(String kind, String code, String named) {
        assertThat(EntityCodes.problem(kind, code)).hasValueSatisfying(p -> assertThat(p).contains(code, named));
    }

    /** Published unified social credit codes: Huawei Technologies Co., Ltd. and the example of GB 32100-2015. */
    @ParameterizedTest
    @ValueSource(strings = {"914403001922038216", "91350100M000100Y43"})
    void should_ComputeTheGb32100CheckCharacter(String code) {
        assertThat(EntityCodes.usccCheckCharacter(code)).isEqualTo(code.charAt(17));
    }

    @Test
    void should_RequireACode() {
        assertThat(EntityCodes.problem("ENTERPRISE", " ")).hasValue("required");
        assertThat(EntityCodes.problem("ENTERPRISE", " padded")).isPresent();
    }

    @Test
    void should_NestRegionsAndIndustriesByTheirLeadingDigits() {
        assertThat(EntityCodes.underParent("REGION", "130102", "REGION", "130000")).isEmpty();
        assertThat(EntityCodes.underParent("REGION", "130102", "REGION", "130100")).isEmpty();
        assertThat(EntityCodes.underParent("REGION", "130102", "REGION", "000000")).isEmpty();
        assertThat(EntityCodes.underParent("REGION", "140102", "REGION", "130000")).hasValueSatisfying(
                p -> assertThat(p).contains("140102", "130000", "13…"));
        assertThat(EntityCodes.underParent("REGION", "130102", "REGION", "130103")).isPresent();
        assertThat(EntityCodes.underParent("INDUSTRY", "65", "INDUSTRY", "I")).isEmpty();
        assertThat(EntityCodes.underParent("INDUSTRY", "6511", "INDUSTRY", "651")).isEmpty();
        assertThat(EntityCodes.underParent("INDUSTRY", "6411", "INDUSTRY", "65")).isPresent();
        assertThat(EntityCodes.underParent("INDUSTRY", "65", "INDUSTRY", "651")).isPresent();
        assertThat(EntityCodes.underParent("INDUSTRY", "J", "INDUSTRY", "I")).isPresent();
        assertThat(EntityCodes.underParent("ENTERPRISE", "ACME", "REGION", "130000")).isEmpty();
    }
}

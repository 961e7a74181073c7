package org.nqpf.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CouplingCoordinationTest {

    private static final org.assertj.core.data.Offset<Double> E = within(1e-9);

    @Test
    void should_ComputeClassicCouplingOfTwoSubsystems_ByHand() {
        // C = 2√(0.64·0.36)/(0.64+0.36) = 2·0.48/1 = 0.96; T = 0.5; D = √0.48 = 0.692820...
        Coupling k = CouplingCoordination.of(0.64, 0.36);
        assertThat(k.c()).isCloseTo(0.96, E);
        assertThat(k.t()).isCloseTo(0.5, E);
        assertThat(k.d()).isCloseTo(Math.sqrt(0.48), E);
        assertThat(k.grade()).isEqualTo(CouplingGrade.PRIMARY_COORDINATION);
    }

    @Test
    void should_ComputeThreeSubsystems_ByHand() {
        // Π = 0.064, cube root 0.4; C = 3·0.4/1.4; T = 1.4/3; D = √(0.4) since C·T = 1.2/3
        Coupling k = CouplingCoordination.of(0.2, 0.4, 0.8);
        assertThat(k.c()).isCloseTo(1.2 / 1.4, E);
        assertThat(k.t()).isCloseTo(1.4 / 3, E);
        assertThat(k.d()).isCloseTo(Math.sqrt(0.4), E);
    }

    @Test
    void should_UseGivenContributions_When_AlphaIsNotEqual() {
        Coupling k = CouplingCoordination.of(new double[] {0.64, 0.36}, new double[] {0.6, 0.4},
                CouplingCoordination.Model.CLASSIC);
        assertThat(k.t()).isCloseTo(0.6 * 0.64 + 0.4 * 0.36, E);
        assertThat(k.d()).isCloseTo(Math.sqrt(0.96 * 0.528), E);
    }

    @Test
    void should_ComputeCorrectedCoupling_ByHand() {
        // C = √((1 - 0.28) · (0.36/0.64)^(1/1)) = √0.405
        Coupling k = CouplingCoordination.of(new double[] {0.64, 0.36}, new double[] {0.5, 0.5},
                CouplingCoordination.Model.CORRECTED);
        assertThat(k.c()).isCloseTo(Math.sqrt(0.405), E);
        assertThat(k.d()).isCloseTo(Math.sqrt(Math.sqrt(0.405) * 0.5), E);
    }

    @Test
    void should_BeFullyCoupled_When_SubsystemsAreEqual_And_ZeroWhenOneSideIsAbsent() {
        assertThat(CouplingCoordination.of(0.5, 0.5).c()).isCloseTo(1, E);
        Coupling oneSided = CouplingCoordination.of(0.8, 0);
        assertThat(oneSided.c()).isZero();
        assertThat(oneSided.d()).isZero();
        assertThat(oneSided.grade()).isEqualTo(CouplingGrade.EXTREME_IMBALANCE);
        Coupling nothing = CouplingCoordination.of(0, 0);
        assertThat(nothing.d()).isZero();
    }

    @Test
    void should_GradeInTenthsWithInclusiveUpperBounds() {
        assertThat(CouplingGrade.of(0)).isEqualTo(CouplingGrade.EXTREME_IMBALANCE);
        assertThat(CouplingGrade.of(0.1)).isEqualTo(CouplingGrade.EXTREME_IMBALANCE);
        assertThat(CouplingGrade.of(0.1000001)).isEqualTo(CouplingGrade.SERIOUS_IMBALANCE);
        assertThat(CouplingGrade.of(0.1 + 0.2)).isEqualTo(CouplingGrade.MODERATE_IMBALANCE); // 0.30000000000000004
        assertThat(CouplingGrade.of(0.45)).isEqualTo(CouplingGrade.VERGE_OF_IMBALANCE);
        assertThat(CouplingGrade.of(0.55)).isEqualTo(CouplingGrade.BARELY_COORDINATED);
        assertThat(CouplingGrade.of(0.85)).isEqualTo(CouplingGrade.GOOD_COORDINATION);
        assertThat(CouplingGrade.of(1)).isEqualTo(CouplingGrade.HIGH_QUALITY_COORDINATION);
        assertThat(CouplingGrade.GOOD_COORDINATION.chinese()).isEqualTo("良好协调");
        assertThatThrownBy(() -> CouplingGrade.of(1.2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_NameTheLaggingSide_OnlyWhenTheGapExceedsOneTenth() {
        assertThat(CouplingCoordination.lagging(0.64, 0.36)).isEqualTo(1);
        assertThat(CouplingCoordination.lagging(0.2, 0.9)).isEqualTo(0);
        assertThat(CouplingCoordination.lagging(0.6, 0.5)).isEqualTo(-1);
        assertThat(CouplingCoordination.lagging(0.7, 0.6)).isEqualTo(-1);
        assertThat(CouplingCoordination.lagging(0.7, 0.59)).isEqualTo(1);
    }

    @Test
    void should_RejectScoresOutsideTheUnitInterval() {
        assertThatThrownBy(() -> CouplingCoordination.of(0.5, 75)).hasMessageContaining("outside [0, 1]");
        assertThatThrownBy(() -> CouplingCoordination.of(0.5)).hasMessageContaining("at least two");
    }
}

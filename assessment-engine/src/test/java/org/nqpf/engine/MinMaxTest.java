package org.nqpf.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MinMaxTest {

    private static final double NaN = Double.NaN;

    @Test
    void should_MapMinToLowerAndMaxToUpper_When_MoreIsBetter() {
        assertThat(MinMax.percent().normalise(new double[] {10, 20, 30, 25}, 1))
                .containsExactly(new double[] {0, 50, 100, 75}, within(1e-12));
    }

    @Test
    void should_MapMaxToLower_When_LessIsBetter() {
        // (max - x) / (max - min): the smallest energy use per GDP scores best.
        assertThat(MinMax.percent().normalise(new double[] {10, 20, 30, 25}, -1))
                .containsExactly(new double[] {100, 50, 0, 25}, within(1e-12));
    }

    @Test
    void should_ScaleIntoAConfiguredRange_When_ShiftedAwayFromZeroForLogs() {
        MinMax shifted = new MinMax(new Range(0.002, 0.998));
        assertThat(shifted.normalise(new double[] {1, 2, 3}, 1))
                .containsExactly(new double[] {0.002, 0.5, 0.998}, within(1e-12));
        assertThat(shifted.describe()).isEqualTo("minmax[0.002,0.998]");
    }

    @Test
    void should_KeepMissingValuesMissing_And_IgnoreThemForMinAndMax() {
        double[] out = MinMax.percent().normalise(new double[] {NaN, 4, 8, NaN, 6}, 1);
        assertThat(out[0]).isNaN();
        assertThat(out[3]).isNaN();
        assertThat(new double[] {out[1], out[2], out[4]}).containsExactly(new double[] {0, 100, 50}, within(1e-12));
    }

    @Test
    void should_GiveEveryUnitTheMidpoint_When_ColumnIsConstant() {
        double[] out = MinMax.percent().normalise(new double[] {7, 7, NaN, 7}, -1);
        assertThat(out[0]).isEqualTo(50);
        assertThat(out[1]).isEqualTo(50);
        assertThat(out[2]).isNaN();
        assertThat(out[3]).isEqualTo(50);
        // one unit alone is a constant column as well
        assertThat(MinMax.percent().normalise(new double[] {3}, 1)).containsExactly(50);
    }

    @Test
    void should_TreatConstantColumnAsMissing_When_PolicyIsMissing() {
        MinMax coinrLike = new MinMax(Range.PERCENT, MinMax.ConstantColumn.MISSING);
        double[] out = coinrLike.normalise(new double[] {7, 7}, 1);
        assertThat(out[0]).isNaN();
        assertThat(out[1]).isNaN();
        assertThat(coinrLike.describe()).isEqualTo("minmax[0,100];constant=missing");
    }

    @Test
    void should_RejectADirectionOtherThanPlusOrMinusOne() {
        assertThatThrownBy(() -> MinMax.percent().normalise(new double[] {1, 2}, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("direction 0");
    }
}

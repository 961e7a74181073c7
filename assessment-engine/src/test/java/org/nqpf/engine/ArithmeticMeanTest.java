package org.nqpf.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ArithmeticMeanTest {

    private final ArithmeticMean mean = ArithmeticMean.INSTANCE;

    @Test
    void should_WeightChildren() {
        // (1*10 + 3*50) / 4 = 40
        assertThat(mean.aggregate(new double[] {10, 50}, new double[] {1, 3})).isCloseTo(40, within(1e-12));
    }

    @Test
    void should_RescaleWeightsOverPresentChildren_When_AChildIsMissing() {
        // COINr a_amean: the missing child drops out, 2 and 1 are re-scaled to 2/3 and 1/3: (2*30 + 1*90) / 3 = 50
        assertThat(mean.aggregate(new double[] {30, Double.NaN, 90}, new double[] {2, 5, 1}))
                .isCloseTo(50, within(1e-12));
    }

    @Test
    void should_BeMissing_When_EveryChildIsMissing() {
        assertThat(mean.aggregate(new double[] {Double.NaN, Double.NaN}, new double[] {1, 1})).isNaN();
    }

    @Test
    void should_NotExceedTheChildren_When_RoundingWouldPushPastThem() {
        double[] hundreds = {100, 100, 100};
        assertThat(mean.aggregate(hundreds, new double[] {0.1, 0.7, 0.2})).isEqualTo(100.0);
    }
}

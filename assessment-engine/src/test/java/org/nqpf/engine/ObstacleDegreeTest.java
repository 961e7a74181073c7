package org.nqpf.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ObstacleDegreeTest {

    @Test
    void should_ShareTheGapToTheBestByFactorContribution_ByHand() {
        // F·I = 0.5·0.8, 0.25·0.4, 0.25·0 = 0.4, 0.1, 0 of 0.5 → 80 %, 20 %, 0 %
        assertThat(ObstacleDegree.of(new double[] {0.5, 0.25, 0.25}, new double[] {0.2, 0.6, 1.0}))
                .containsExactly(new double[] {80, 20, 0}, within(1e-9));
    }

    @Test
    void should_IgnoreMissingValues() {
        assertThat(ObstacleDegree.of(new double[] {0.5, 0.5}, new double[] {Double.NaN, 0.5}))
                .containsExactly(new double[] {0, 100}, within(1e-9));
    }

    @Test
    void should_BeZeroEverywhere_When_TheUnitIsBestOnEveryIndicator() {
        assertThat(ObstacleDegree.of(new double[] {0.5, 0.5}, new double[] {1, 1})).containsExactly(0, 0);
    }
}

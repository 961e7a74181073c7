package org.nqpf.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RanksTest {

    @Test
    void should_ShareTheBestRankAndSkip_When_Tied() {
        assertThat(Ranks.descending(new double[] {90, 100, 80, 90})).containsExactly(2, 1, 4, 2);
    }

    @Test
    void should_LeaveMissingScoresUnranked() {
        assertThat(Ranks.descending(new double[] {Double.NaN, 5, 7})).containsExactly(Ranks.UNRANKED, 2, 1);
    }
}

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

    @Test
    void should_CountTheStrictlyBetterScores_OnRandomCohortsWithTiesAndGaps() {
        java.util.Random random = new java.util.Random(11);
        for (int cohort = 0; cohort < 200; cohort++) {
            double[] scores = new double[1 + random.nextInt(60)];
            for (int i = 0; i < scores.length; i++) {
                int kind = random.nextInt(6);
                scores[i] = kind == 0 ? Double.NaN : kind == 1 ? random.nextInt(4) : random.nextDouble() * 10 - 5;
            }
            int[] ranks = Ranks.descending(scores);
            for (int i = 0; i < scores.length; i++) {
                int better = 0;
                for (double other : scores) {
                    better += other > scores[i] ? 1 : 0;
                }
                assertThat(ranks[i]).isEqualTo(Double.isNaN(scores[i]) ? Ranks.UNRANKED : 1 + better);
            }
        }
    }
}

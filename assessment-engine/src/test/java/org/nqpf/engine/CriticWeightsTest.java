package org.nqpf.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CriticWeightsTest {

    /**
     * Published: Tuş, A. &amp; Aytaç Adalı, E. (2019), "The new combination with CRITIC and WASPAS methods for the
     * time and attendance software selection problem", OPSEARCH 56(2), 528-538 (as tested in pyrepo-mcda): CRITIC
     * weights 0.157, 0.249, 0.168, 0.121, 0.154, 0.151 for five alternatives on six criteria. Min-max on [0, 1],
     * population standard deviation, Pearson correlations.
     */
    @Test
    void should_ReproduceTusAndAytacAdali2019() {
        double[][] x = {{5000, 3, 3, 4, 3, 2}, {680, 5, 3, 2, 2, 1}, {2000, 3, 2, 3, 4, 3}, {600, 4, 3, 1, 2, 2},
                {800, 2, 4, 3, 3, 4}};
        assertThat(TopsisTest.round(CriticWeights.of(x), 3)).containsExactly(0.157, 0.249, 0.168, 0.121, 0.154, 0.151);
    }
}

package org.nqpf.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EntropyWeightsTest {

    /**
     * Published: Xu, X. (2004), "A note on the subjective and objective integrated approach to determine attribute
     * weights", European Journal of Operational Research 156(2), 530-532 (as tested in pyrepo-mcda): entropy of the raw
     * decision matrix gives 0.4630, 0.3992, 0.1378, 0.0000.
     */
    @Test
    void should_ReproduceXu2004_OnRawData() {
        double[][] x = {{30, 30, 38, 29}, {19, 54, 86, 29}, {19, 15, 85, 28.9}, {68, 70, 60, 29}};
        assertThat(TopsisTest.round(EntropyWeights.of(x), 4)).containsExactly(0.4630, 0.3992, 0.1378, 0.0000);
    }

    /**
     * Published: Zavadskas, E. K. &amp; Podvezko, V. (2016), "Integrated determination of objective criteria weights in
     * MCDM", Int. J. of Information Technology &amp; Decision Making 15(2), 267-283: entropy weights 0.1146, 0.1981,
     * 0.4185, 0.2689 of the raw matrix.
     */
    @Test
    void should_ReproduceZavadskasAndPodvezko2016() {
        double[][] x = {{3.0, 100, 10, 7}, {2.5, 80, 8, 5}, {1.8, 50, 20, 11}, {2.2, 70, 12, 9}};
        assertThat(TopsisTest.round(EntropyWeights.of(x), 4)).containsExactly(0.1146, 0.1981, 0.4185, 0.2689);
    }

    /**
     * Published: Lee, H. C. &amp; Chang, C. T. (2018), "Comparative analysis of MCDM methods for ranking renewable
     * energy sources in Taiwan", Renewable and Sustainable Energy Reviews 92, 883-896: ten criteria, entropy weights
     * to three decimals.
     */
    @Test
    void should_ReproduceLeeAndChang2018() {
        double[][] x = {{4550, 30, 6.74, 20, 15, 5, 85, 150, 0.87, 4.76}, {3005, 60.86, 2.4, 35, 27, 4, 26, 200, 0.17, 4.51},
                {2040, 14.85, 1.7, 90, 25, 5, 26, 500, 0.27, 4.19}, {3370, 99.4, 3.25, 25.3, 54, 3, 45, 222, 0.21, 3.78},
                {3920, 112.6, 4.93, 11.4, 71.7, 2, 50, 100, 0.25, 4.11}};
        assertThat(TopsisTest.round(EntropyWeights.of(x), 3))
                .containsExactly(0.026, 0.154, 0.089, 0.199, 0.115, 0.04, 0.08, 0.123, 0.172, 0.002);
    }

    @Test
    void should_GiveIndicatorsTheirWeight_And_AggregatesTheSumOfTheirs() {
        Hierarchy h = Hierarchy.builder().aggregate("I", null).aggregate("A", "I").aggregate("B", "I")
                .indicator("a1", "A", 1).indicator("a2", "A", 1).indicator("b1", "B", 1).build();
        double[][] raw = {{30, 30, 38}, {19, 54, 86}, {19, 15, 85}, {68, 70, 60}};
        double[] w = EntropyWeights.of(raw);
        Map<String, Double> weights = new EntropyWeights(EntropyWeights.Basis.RAW).weights(h, raw, raw);
        assertThat(weights.get("a1")).isCloseTo(w[0], within(1e-12));
        assertThat(weights.get("A")).isCloseTo(w[0] + w[1], within(1e-12));
        assertThat(weights.get("B")).isCloseTo(w[2], within(1e-12));
        // on normalised data the direction counts: a reversed column gets other weights than its raw form
        double[][] normalised = {{0.5, 1, 0}, {0, 0.2, 1}, {0, 0, 0.9}, {1, 0.9, 0.4}};
        Map<String, Double> onNormalised = new EntropyWeights(EntropyWeights.Basis.NORMALISED).weights(h, normalised, raw);
        assertThat(onNormalised.get("a1")).isCloseTo(EntropyWeights.of(normalised)[0], within(1e-12));
    }

    @Test
    void should_WeighAConstantIndicatorZero_And_TreatZeroAsZeroLogZero() {
        double[] w = EntropyWeights.of(new double[][] {{1, 0}, {1, 5}, {1, 0}});
        assertThat(w[0]).isCloseTo(0, within(1e-12));
        assertThat(w[1]).isCloseTo(1, within(1e-12));
    }
}

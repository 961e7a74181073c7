package org.nqpf.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hand-computed values (no published numbers were found for these small cases; each is worked in the comment). */
class NormalisationMethodsTest {

    private static final double NA = Double.NaN;

    @Test
    void should_Standardise_WithTheSampleStandardDeviation_AsRsSd() {
        // 2, 4, 6: mean 4, sd = √((4+0+4)/2) = 2 → -1, 0, 1; less-is-better flips the sign; NaN stays
        assertThat(ZScore.standard().normalise(new double[] {2, 4, NA, 6}, 1)).containsExactly(-1, 0, NA, 1);
        assertThat(ZScore.standard().normalise(new double[] {2, 4, 6}, -1)).containsExactly(1, 0, -1);
        // COINr's c(10, 2) form: 10 + 2z
        assertThat(new ZScore(10, 2).normalise(new double[] {2, 4, 6}, 1)).containsExactly(8, 10, 12);
    }

    @Test
    void should_MapRanksOntoTheRange_WithTiesSharingTheAverageRank() {
        // 5, 1, 5, 3 → ranks 3.5, 1, 3.5, 2 of 4 → (r-1)/3 · 100
        double[] r = new RankScaling(Range.PERCENT).normalise(new double[] {5, 1, 5, 3}, 1);
        assertThat(r[0]).isCloseTo(250 / 3.0, within(1e-9));
        assertThat(r[1]).isZero();
        assertThat(r[3]).isCloseTo(100 / 3.0, within(1e-9));
        assertThat(new RankScaling(Range.PERCENT).normalise(new double[] {5, 1, 3}, -1)).containsExactly(0, 100, 50);
    }

    @Test
    void should_VectorNormalise_AndReflectWhereLessIsBetter() {
        // 3, 4: norm 5 → 0.6, 0.8; less is better → 0.4, 0.2
        assertThat(VectorNormalisation.INSTANCE.normalise(new double[] {3, 4}, 1)[0]).isCloseTo(0.6, within(1e-12));
        assertThat(VectorNormalisation.INSTANCE.normalise(new double[] {3, 4}, -1)[1]).isCloseTo(0.2, within(1e-12));
    }

    @Test
    void should_ScoreAgainstGoalposts_CappedAtTheTarget() {
        Goalposts g = new Goalposts(Map.of("x", new Goalposts.Posts(10, 20)), Range.PERCENT);
        assertThat(g.normalise("x", new double[] {5, 15, 25, NA}, 1)).containsExactly(0, 50, 100, NA);
        assertThat(g.normalise("x", new double[] {12}, -1)).containsExactly(80);
        assertThatThrownBy(() -> g.normalise("y", new double[] {1}, 1)).hasMessageContaining("no goalposts for indicator y");
    }

    @Test
    void should_AggregateWithGeometricAndHarmonicMeans_OverPresentChildren() {
        // weights 1, 3 over 16 and 1: geometric 16^(1/4) · 1^(3/4) = 2; harmonic 4 / (1/16 + 3) = 64/49
        assertThat(GeometricMean.INSTANCE.aggregate(new double[] {16, 1}, new double[] {1, 3})).isCloseTo(2, within(1e-12));
        assertThat(HarmonicMean.INSTANCE.aggregate(new double[] {16, 1}, new double[] {1, 3}))
                .isCloseTo(64 / 49.0, within(1e-12));
        // a missing child drops out, its weight re-scaled away
        assertThat(GeometricMean.INSTANCE.aggregate(new double[] {9, NA}, new double[] {1, 1})).isCloseTo(9, within(1e-12));
        assertThat(GeometricMean.INSTANCE.aggregate(new double[] {9, 0}, new double[] {1, 1})).isZero();
        assertThat(GeometricMean.INSTANCE.aggregate(new double[] {NA}, new double[] {1})).isNaN();
        assertThatThrownBy(() -> GeometricMean.INSTANCE.aggregate(new double[] {-1, 2}, new double[] {1, 1}))
                .hasMessageContaining("negative");
    }

    @Test
    void should_RankInOneSort_WithTiesSharingTheBestRank() {
        assertThat(Ranks.descending(new double[] {90, 100, NA, 90, 80})).containsExactly(2, 1, 0, 2, 4);
    }

    @Test
    void should_MeasureDisparityAndTrends_ByHand() {
        // 1, 1, 1, 5: mean 2; Σ|xi-xj| over ordered pairs = 2·3·4 = 24 → Gini 24 / (2·16·2) = 0.375
        assertThat(Disparity.gini(new double[] {1, 1, 5, 1, NA})).isCloseTo(0.375, within(1e-12));
        assertThat(Disparity.gini(new double[] {3, 3, 3})).isZero();
        // Theil: (1/4)(3·0.5·ln 0.5 + 2.5·ln 2.5)
        assertThat(Disparity.theil(new double[] {1, 1, 1, 5}))
                .isCloseTo((3 * 0.5 * Math.log(0.5) + 2.5 * Math.log(2.5)) / 4, within(1e-12));
        assertThat(Trends.growth(50, 55)).isCloseTo(0.1, within(1e-12));
        assertThat(Trends.cagr(100, 121, 2)).isCloseTo(0.1, within(1e-12));
        assertThat(Trends.cagr(0, 121, 2)).isNaN();
    }

    @Test
    void should_CombineSubjectiveAndObjectiveWeights_PerSiblingGroup() {
        Hierarchy h = Hierarchy.builder().aggregate("I", null).indicator("a", "I", 1, 3).indicator("b", "I", 1, 1).build();
        Weighting objective = new Weighting() {
            public Map<String, Double> weights(Hierarchy hierarchy, IndicatorTable normalised) {
                return Map.of("a", 0.2, "b", 0.8);
            }

            public String describe() {
                return "fixed";
            }
        };
        // multiplicative: 0.75·0.2 = 0.15, 0.25·0.8 = 0.2 → 3/7, 4/7; linear α 0.5: 0.475, 0.525
        Map<String, Double> m = new CombinedWeights(Weighting.given(), objective, CombinedWeights.Mode.MULTIPLICATIVE, 0.5)
                .weights(h, IndicatorTable.of(java.util.List.of(), java.util.List.of("a", "b"), new double[0][]));
        assertThat(m.get("a")).isCloseTo(3 / 7.0, within(1e-12));
        Map<String, Double> l = new CombinedWeights(Weighting.given(), objective, CombinedWeights.Mode.LINEAR, 0.5)
                .weights(h, IndicatorTable.of(java.util.List.of(), java.util.List.of("a", "b"), new double[0][]));
        assertThat(l.get("b")).isCloseTo(0.525, within(1e-12));
    }
}

package org.nqpf.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TopsisTest {

    /**
     * Published: the R package MCDA (cran/MCDA, TOPSIS tests, "the same as http://hodgett.co.uk/topsis-in-excel/"):
     * Corsa, Clio, Fiesta on price (min), economy, aesthetics, boot capacity (max), weights 0.35, 0.25, 0.25, 0.15
     * give closeness 0.4817, 0.5182, 0.1780 (4 decimals).
     */
    @Test
    void should_ReproduceTheMcdaPackagesCarExample() {
        double[][] x = {{5490, 51.4, 8.5, 285}, {6500, 70.6, 7, 288}, {6489, 54.3, 7.5, 290}};
        double[] c = Topsis.classic(x, new double[] {0.35, 0.25, 0.25, 0.15}, new int[] {-1, 1, 1, 1});
        assertThat(round(c, 4)).containsExactly(0.4817, 0.5182, 0.1780);
    }

    /**
     * Published: Papathanasiou, J. &amp; Ploskas, N. (2018), "TOPSIS", in Multiple Criteria Decision Aid, Springer,
     * pp. 1-30 (as tested in the distance_metrics_mcda package): six alternatives, four benefit criteria, weights
     * 0.4, 0.3, 0.1, 0.2, vector normalisation: 0.387, 0.327, 0.391, 0.615, 0.868, 0.493.
     */
    @Test
    void should_ReproducePapathanasiouAndPloskas() {
        double[][] x = {{8, 7, 2, 1}, {5, 3, 7, 5}, {7, 5, 6, 4}, {9, 9, 7, 3}, {11, 10, 3, 7}, {6, 9, 5, 4}};
        double[] c = Topsis.classic(x, new double[] {0.4, 0.3, 0.1, 0.2}, new int[] {1, 1, 1, 1});
        assertThat(round(c, 3)).containsExactly(0.387, 0.327, 0.391, 0.615, 0.868, 0.493);
    }

    @Test
    void should_LeaveMissingValuesOutOfTheDistances_And_RateAnAllEqualCohortOneHalf() {
        // By hand: one column, weight 1: ideal 1, anti-ideal 0, so unit 3 at 0.25 is 0.25 of the way; unit 2 lacks it.
        double[] c = Topsis.closeness(new double[][] {{1.0}, {Double.NaN}, {0.25}, {0.0}}, new double[] {1});
        assertThat(c[0]).isEqualTo(1.0);
        assertThat(c[1]).isNaN();
        assertThat(c[2]).isCloseTo(0.25, within(1e-12));
        assertThat(Topsis.closeness(new double[][] {{3, 3}, {3, 3}}, new double[] {1, 1})).containsExactly(0.5, 0.5);
    }

    static double[] round(double[] v, int digits) {
        double scale = Math.pow(10, digits);
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.round(v[i] * scale) / scale;
        }
        return out;
    }
}

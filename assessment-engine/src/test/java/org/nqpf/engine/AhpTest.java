package org.nqpf.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AhpTest {

    /**
     * Published: Saaty, T. L. (2008), "Decision making with the analytic hierarchy process", Int. J. Services
     * Sciences 1(1), 83-98, the drink consumption example (as tested in AHPy): priorities coffee 0.177, wine 0.019,
     * tea 0.042, beer 0.116, soda 0.190, milk 0.129, water 0.327 and CR 0.022.
     */
    @Test
    void should_ReproduceSaatysDrinkExample() {
        String[] order = {"coffee", "wine", "tea", "beer", "soda", "milk", "water"};
        double[][] a = new double[7][7];
        for (int i = 0; i < 7; i++) {
            a[i][i] = 1;
        }
        set(a, 0, 1, 9); set(a, 0, 2, 5); set(a, 0, 3, 2); set(a, 0, 4, 1); set(a, 0, 5, 1); set(a, 6, 0, 2);
        set(a, 6, 1, 9); set(a, 6, 2, 9); set(a, 6, 3, 3); set(a, 6, 4, 2); set(a, 6, 5, 3);
        set(a, 2, 1, 3);
        set(a, 3, 1, 9); set(a, 3, 2, 3); set(a, 3, 5, 1);
        set(a, 4, 1, 9); set(a, 4, 2, 4); set(a, 4, 3, 2); set(a, 4, 5, 2);
        set(a, 5, 1, 9); set(a, 5, 2, 3);
        Ahp.Result r = Ahp.of(a);
        assertThat(order).hasSize(7);
        assertThat(TopsisTest.round(r.weights(), 3)).containsExactly(0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327);
        assertThat(Math.round(r.cr() * 1000) / 1000.0).isEqualTo(0.022);
        assertThat(r.consistent()).isTrue();
    }

    /**
     * Published: Bozóki, Fülöp &amp; Rónyai (2010), Mathematical and Computer Modelling 52, 318-333, the complete
     * 4×4 example as in AHPy's README: priorities b 0.3917, a 0.3742, d 0.1349, c 0.0991. (Its CR, 0.0372, uses
     * Donegan &amp; Dodd's random index; with Saaty's RI(4) = 0.90 the ratio differs, so only CI/RI is checked.)
     */
    @Test
    void should_ReproduceTheCompleteBozokiExample() {
        double[][] a = {{1, 1, 5, 2}, {1, 1, 3, 4}, {1 / 5.0, 1 / 3.0, 1, 3 / 4.0}, {1 / 2.0, 1 / 4.0, 4 / 3.0, 1}};
        Ahp.Result r = Ahp.of(a);
        assertThat(TopsisTest.round(r.weights(), 4)).containsExactly(0.3742, 0.3917, 0.0991, 0.1349);
        assertThat(r.ri()).isEqualTo(0.90);
        assertThat(r.cr()).isCloseTo(r.ci() / 0.90, within(1e-12));
    }

    @Test
    void should_BePerfectlyConsistent_When_JudgementsAreTransitive_ByHand() {
        // weights 4:2:1 → a_ij = w_i / w_j; λmax = n, CI = 0
        double[][] a = {{1, 2, 4}, {0.5, 1, 2}, {0.25, 0.5, 1}};
        Ahp.Result r = Ahp.of(a);
        assertThat(r.weights()[0]).isCloseTo(4 / 7.0, within(1e-12));
        assertThat(r.lambdaMax()).isCloseTo(3, within(1e-9));
        assertThat(r.cr()).isCloseTo(0, within(1e-9));
    }

    @Test
    void should_RejectAMatrixThatIsNotReciprocal() {
        assertThatThrownBy(() -> Ahp.of(new double[][] {{1, 3}, {3, 1}}))
                .hasMessageContaining("not reciprocal");
    }

    @Test
    void should_WeighThePresentChildrenOnTheirOwnJudgements_When_TheDataLacksSomeNamedOnes_ByHand() {
        // Index compares P, Q and R; the data has no R (no indicator under it), and P has x1 and x2 of x1..x3.
        Hierarchy present = Hierarchy.builder().aggregate("Index", null).aggregate("P", "Index")
                .aggregate("Q", "Index").indicator("x1", "P", 1).indicator("x2", "P", 1).indicator("y", "Q", 1)
                .build();
        double[][] overDimensions = {{1, 4, 2}, {0.25, 1, 0.5}, {0.5, 2, 1}};
        double[][] overIndicators = {{1, 1 / 3.0, 5}, {3, 1, 7}, {0.2, 1 / 7.0, 1}};
        AhpWeights ahp = AhpWeights.overDataPresent(Map.of(
                "Index", new AhpWeights.Comparison(List.of("P", "Q", "R"), overDimensions),
                "P", new AhpWeights.Comparison(List.of("x1", "x2", "x3"), overIndicators),
                "R", new AhpWeights.Comparison(List.of("z"), new double[][] {{1}})), Weighting.equal());
        Map<String, Double> w = ahp.weights(present, IndicatorTable.of(List.of("a"), List.of("x1", "x2", "y"),
                new double[][] {{1, 2, 3}}));
        // 2x2 judgements are consistent: a12 / (1 + a12) and 1 / (1 + a12).
        assertThat(w.get("P")).isCloseTo(0.8, within(1e-12));
        assertThat(w.get("Q")).isCloseTo(0.2, within(1e-12));
        assertThat(w.get("x1")).isCloseTo(0.25, within(1e-12));
        assertThat(w.get("x2")).isCloseTo(0.75, within(1e-12));
        assertThat(w.get("y")).as("no judgement about Q's children: the fallback's").isEqualTo(1.0);

        assertThatThrownBy(() -> new AhpWeights(Map.of("Index", new AhpWeights.Comparison(List.of("P", "Q", "R"),
                overDimensions)), Weighting.equal()).weights(present, IndicatorTable.of(List.of("a"),
                        List.of("x1", "x2", "y"), new double[][] {{1, 2, 3}})))
                .as("the strict form wants every named child").hasMessageContaining("names [P, Q, R]");
        AhpWeights unjudged = AhpWeights.overDataPresent(Map.of("P", new AhpWeights.Comparison(List.of("x1", "x3"),
                new double[][] {{1, 2}, {0.5, 1}})), Weighting.equal());
        assertThatThrownBy(() -> unjudged.weights(present, IndicatorTable.of(List.of("a"), List.of("x1", "x2", "y"),
                new double[][] {{1, 2, 3}}))).hasMessageContaining("not named: [x2]");
    }

    private static void set(double[][] a, int i, int j, double v) {
        a[i][j] = v;
        a[j][i] = 1 / v;
    }
}

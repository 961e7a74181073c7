package org.nqpf.engine.frontier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The twelve hospitals of Cooper, Seiford &amp; Tone, <i>Data Envelopment Analysis</i> (2nd ed., Springer 2007),
 * Table 1.5: inputs doctors and nurses, outputs outpatients and inpatients. The book publishes their CCR efficiencies
 * to three decimals (C 0.883, E 0.763, F 0.835, G 0.902, H 0.796, I 0.960, J 0.871, K 0.955, L 0.958; A, B, D
 * efficient). The six-digit figures, λ and slacks below are the same two-phase models solved by an independent
 * solver, lp_solve 5.5 through R's lpSolve 5.6.18 (Debian r-cran-lpsolve).
 */
class DeaTest {

    private static final char[] NAMES = "ABCDEFGHIJKL".toCharArray();
    private static final double[][] X = {{20, 151}, {19, 131}, {25, 160}, {27, 168}, {22, 158}, {55, 255}, {33, 235},
            {31, 206}, {30, 244}, {50, 268}, {53, 306}, {38, 284}};
    private static final double[][] Y = {{100, 90}, {150, 50}, {160, 55}, {180, 72}, {94, 66}, {230, 90}, {220, 88},
            {152, 80}, {190, 100}, {250, 100}, {260, 147}, {250, 120}};

    @Test
    void should_ReproduceThePublishedCcrEfficiencies_When_InputOriented() {
        Dea.Result[] r = new Dea(Dea.Model.CCR, Dea.Orientation.INPUT).evaluate(X, Y);
        double[] published = {1, 1, 0.883, 1, 0.763, 0.835, 0.902, 0.796, 0.960, 0.871, 0.955, 0.958};
        double[] sixDigits = {1, 1, 0.88270833, 1, 0.76349948, 0.83477124, 0.90196078, 0.79633382, 0.96039216,
                0.87064677, 0.95509804, 0.95820433};
        for (int j = 0; j < 12; j++) {
            assertThat(Math.round(r[j].efficiency() * 1000) / 1000.0).as("published " + NAMES[j]).isEqualTo(published[j]);
            assertThat(r[j].efficiency()).as(NAMES[j] + " to six digits").isCloseTo(sixDigits[j], within(1e-6));
        }
        assertThat(r[0].efficient()).isTrue();
        assertThat(r[2].efficient()).isFalse();
        // C: θ = 0.882708 against B and D, with an excess of doctors left after the radial cut.
        assertThat(r[2].peers()).containsOnlyKeys(1, 3);
        assertThat(r[2].peers().get(1)).isCloseTo(0.9, within(1e-6));
        assertThat(r[2].peers().get(3)).isCloseTo(0.13888889, within(1e-6));
        assertThat(r[2].inputSlacks()[0]).isCloseTo(1.21770833, within(1e-6));
        assertThat(r[2].inputSlacks()[1]).isCloseTo(0, within(1e-6));
        // Targets: x̂ = θx − s⁻, ŷ = y + s⁺, and they are what the peers make: Σλx, Σλy.
        assertThat(r[2].inputTargets()[0]).isCloseTo(0.88270833 * 25 - 1.21770833, within(1e-5));
        assertThat(r[2].inputTargets()[0]).isCloseTo(0.9 * 19 + 0.13888889 * 27, within(1e-5));
        assertThat(r[2].outputTargets()[1]).isCloseTo(0.9 * 50 + 0.13888889 * 72, within(1e-5));
        // J: D alone, 1.388889 of it; G and I keep an excess of nurses.
        assertThat(r[9].peers()).containsOnlyKeys(3);
        assertThat(r[9].peers().get(3)).isCloseTo(1.38888889, within(1e-6));
        assertThat(r[9].inputSlacks()[0]).isCloseTo(6.03233831, within(1e-6));
        assertThat(r[6].inputSlacks()[1]).isCloseTo(3.34901961, within(1e-6));
        assertThat(r[8].inputSlacks()[1]).isCloseTo(27.20627451, within(1e-6));
    }

    @Test
    void should_GiveTheSameEfficiency_When_OutputOrientedUnderConstantReturns() {
        Dea.Result[] in = new Dea(Dea.Model.CCR, Dea.Orientation.INPUT).evaluate(X, Y);
        Dea.Result[] out = new Dea(Dea.Model.CCR, Dea.Orientation.OUTPUT).evaluate(X, Y);
        for (int j = 0; j < 12; j++) {
            assertThat(out[j].efficiency()).as(String.valueOf(NAMES[j])).isCloseTo(in[j].efficiency(), within(1e-9));
        }
        // J: φ = 1/0.870647, all from D (1.595238); outputs grow by φ, then nothing more.
        assertThat(out[9].expansion()).isCloseTo(1 / 0.87064677, within(1e-6));
        assertThat(out[9].peers().get(3)).isCloseTo(1.59523810, within(1e-6));
        assertThat(out[9].inputSlacks()[0]).isCloseTo(6.92857143, within(1e-6));
        assertThat(out[9].outputTargets()[0]).isCloseTo(250 / 0.87064677, within(1e-4));
    }

    @Test
    void should_MeasureAgainstVariableReturns_When_Bcc() {
        double[] input = {1, 1, 0.89583333, 1, 0.88181818, 0.93893557, 1, 0.79883319, 0.98933333, 1, 1, 1};
        double[] output = {1, 1, 0.92454914, 1, 0.76663407, 0.95475301, 1, 0.82591166, 0.98993711, 1, 1, 1};
        Dea.Result[] in = new Dea(Dea.Model.BCC, Dea.Orientation.INPUT).evaluate(X, Y);
        Dea.Result[] out = new Dea(Dea.Model.BCC, Dea.Orientation.OUTPUT).evaluate(X, Y);
        for (int j = 0; j < 12; j++) {
            assertThat(in[j].efficiency()).as("BCC-I " + NAMES[j]).isCloseTo(input[j], within(1e-6));
            assertThat(out[j].efficiency()).as("BCC-O " + NAMES[j]).isCloseTo(output[j], within(1e-6));
            double lambdas = in[j].peers().values().stream().mapToDouble(Double::doubleValue).sum();
            assertThat(lambdas).as("convexity, " + NAMES[j]).isCloseTo(1, within(1e-6));
        }
        // C: two thirds of B and a third of D; E: 0.4 A and 0.6 B, with 36 outpatients short.
        assertThat(in[2].peers()).containsOnlyKeys(1, 3);
        assertThat(in[2].peers().get(1)).isCloseTo(2.0 / 3, within(1e-6));
        assertThat(in[2].outputSlacks()[1]).isCloseTo(2.33333333, within(1e-6));
        assertThat(in[4].peers()).containsOnlyKeys(0, 1);
        assertThat(in[4].peers().get(0)).isCloseTo(0.4, within(1e-6));
        assertThat(in[4].outputSlacks()[0]).isCloseTo(36, within(1e-6));
        assertThat(in[4].inputSlacks()[1]).isCloseTo(0.32727273, within(1e-6));
    }

    /** Restricting the problems to the efficient set changes nothing: checked against a random cohort. */
    @Test
    void should_GiveEveryUnitAnEfficiencyNoAboveOne_And_OnlyEfficientPeers_OnARandomCohort() {
        SplittableRandom random = new SplittableRandom(42);
        int n = 300;
        double[][] x = new double[n][2];
        double[][] y = new double[n][3];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < 2; i++) {
                x[j][i] = 1 + 9 * random.nextDouble();
            }
            for (int r = 0; r < 3; r++) {
                y[j][r] = 1 + 9 * random.nextDouble();
            }
        }
        x[7] = new double[] {Double.NaN, 2}; // a unit with a missing value is left out
        Dea.Result[] results = new Dea(Dea.Model.BCC, Dea.Orientation.INPUT).evaluate(x, y);
        assertThat(results[7]).isNull();
        for (Dea.Result r : results) {
            if (r == null) {
                continue;
            }
            assertThat(r.efficiency()).isBetween(0.0, 1 + 1e-9);
            for (Map.Entry<Integer, Double> peer : r.peers().entrySet()) {
                assertThat(results[peer.getKey()].efficient()).as("peer " + peer.getKey() + " of " + r.unit()).isTrue();
            }
            // the targets are what the peers make
            for (int i = 0; i < 2; i++) {
                double made = 0;
                for (Map.Entry<Integer, Double> peer : r.peers().entrySet()) {
                    made += peer.getValue() * x[peer.getKey()][i];
                }
                assertThat(r.inputTargets()[i]).isCloseTo(made, within(1e-6));
            }
        }
    }
}

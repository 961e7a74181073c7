package org.nqpf.engine.whatif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nqpf.engine.nqpf.NqpfAssessment;
import org.nqpf.engine.nqpf.NqpfIndicator;
import org.nqpf.engine.nqpf.NqpfModel;
import org.nqpf.engine.pipeline.Assessor;
import org.nqpf.engine.pipeline.Framework;
import org.nqpf.engine.pipeline.Panel;
import org.nqpf.engine.pipeline.PanelResult;
import org.nqpf.engine.profile.Profile;

/** The one-unit what-if against a full re-run of the pipeline with the changed value. */
class CohortProjectionTest {

    private static final List<NqpfIndicator> INDICATORS = List.of(
            new NqpfIndicator("L_AI", "LABORERS", "AI", 1), new NqpfIndicator("L_NQ", "LABORERS", "NQPF", 1),
            new NqpfIndicator("M_AI", "MEANS_OF_LABOR", "AI", 1), new NqpfIndicator("M_NQ", "MEANS_OF_LABOR", "NQPF", -1),
            new NqpfIndicator("O_AI", "OBJECTS_OF_LABOR", "AI", 1), new NqpfIndicator("O_NQ", "OBJECTS_OF_LABOR", "NQPF", 1),
            new NqpfIndicator("C_AI", "OPTIMIZED_COMBINATION", "AI", 1),
            new NqpfIndicator("C_NQ", "OPTIMIZED_COMBINATION", "NQPF", 1));
    // Weights that do not depend on the data, so that a re-run keeps them: the projection's premise.
    private static final Profile PROFILE = Profile.parse("{\"weights\": {\"method\": \"equal\"}}", "test");

    @Test
    void should_EqualAFullRerun_When_TheNewValueStaysInsideTheCohortsRange() {
        int n = 20;
        List<String> units = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            units.add("U" + i);
        }
        double[][][] values = new double[1][n][INDICATORS.size()];
        SplittableRandom random = new SplittableRandom(11);
        for (double[] row : values[0]) {
            for (int j = 0; j < row.length; j++) {
                row[j] = 10 + 90 * random.nextDouble();
            }
        }
        Framework framework = NqpfModel.framework(INDICATORS);
        PanelResult before = new Assessor(PROFILE).assess(framework, new Panel(units, units, List.of("2024"), values));
        CohortProjection projection = projection(before, units);

        // Unit 5 raises L_AI and lowers M_NQ (less is better) to values between other units' values.
        int unit = 5;
        double[] change = new double[INDICATORS.size()];
        Arrays.fill(change, Double.NaN);
        change[0] = between(values[0], 0, values[0][unit][0], +1);
        change[3] = between(values[0], 3, values[0][unit][3], -1);
        CohortProjection.Result projected = projection.project(unit, change);

        double[][][] changed = copy(values);
        changed[0][unit][0] = change[0];
        changed[0][unit][3] = change[3];
        PanelResult after = new Assessor(PROFILE).assess(framework, new Panel(units, units, List.of("2024"), changed));
        NqpfAssessment rerun = NqpfModel.assessments(after, "2024").get(unit);
        assertThat(projected.overall()).isCloseTo(rerun.overall(), within(1e-9));
        assertThat(projected.overall()).isGreaterThan(NqpfModel.assessments(before, "2024").get(unit).overall());
        for (int k = 0; k < 4; k++) {
            assertThat(projected.groups()[k]).as(rerun.dimensions().get(k).dimension())
                    .isCloseTo(rerun.dimensions().get(k).score(), within(1e-9));
        }
        assertThat(projected.subsystems()[0]).isCloseTo(rerun.subsystems().get("AI"), within(1e-9));
        assertThat(projected.subsystems()[1]).isCloseTo(rerun.subsystems().get("NQPF"), within(1e-9));
        assertThat(projected.d()).isCloseTo(rerun.coupling().d(), within(1e-9));
        assertThat(projected.grade()).isEqualTo(rerun.coupling().grade());
        assertThat(projected.rank()).isEqualTo(rerun.rank());
    }

    @Test
    void should_HoldTheBestNormalisedValue_When_TheNewValueIsBeyondEveryPeer() {
        List<String> units = List.of("A", "B", "C");
        double[][][] values = {{{1, 1, 1, 1, 1, 1, 1, 1}, {2, 2, 2, 2, 2, 2, 2, 2}, {3, 3, 3, 3, 3, 3, 3, 3}}};
        PanelResult r = new Assessor(PROFILE).assess(NqpfModel.framework(INDICATORS),
                new Panel(units, units, List.of("2024"), values));
        CohortProjection projection = projection(r, units);
        assertThat(projection.normalise(0, 2.5)).isCloseTo(75, within(1e-9));
        assertThat(projection.normalise(0, 30)).isCloseTo(100, within(1e-9));
        assertThat(projection.normalise(3, 30)).as("less is better").isCloseTo(0, within(1e-9));
    }

    static CohortProjection projection(PanelResult r, List<String> units) {
        List<NqpfAssessment> all = NqpfModel.assessments(r, "2024");
        int n = units.size();
        int m = INDICATORS.size();
        double[][] raw = new double[n][m];
        double[][] norm = new double[n][m];
        double[][] shares = new double[n][m];
        double[] overall = new double[n];
        double[][] dims = new double[n][4];
        double[][] sides = new double[n][2];
        double[] d = new double[n];
        int[] groupOf = new int[m];
        int[] sideOf = new int[m];
        for (int j = 0; j < m; j++) {
            groupOf[j] = NqpfModel.DIMENSIONS.indexOf(INDICATORS.get(j).dimension());
            sideOf[j] = INDICATORS.get(j).subsystem().equals("AI") ? 0 : 1;
        }
        for (int u = 0; u < n; u++) {
            NqpfAssessment a = all.get(u);
            overall[u] = a.overall();
            d[u] = a.coupling().d();
            sides[u][0] = a.subsystems().get("AI");
            sides[u][1] = a.subsystems().get("NQPF");
            for (int k = 0; k < 4; k++) {
                dims[u][k] = a.dimensions().get(k).score();
            }
            for (int j = 0; j < m; j++) {
                NqpfAssessment.IndicatorDetail i = a.indicators().get(j);
                raw[u][j] = i.value();
                norm[u][j] = i.normalised();
                shares[u][j] = i.weight();
            }
        }
        return new CohortProjection(NqpfModel.DIMENSIONS, List.of("AI", "NQPF"), groupOf, sideOf, raw, norm, shares,
                overall, dims, sides, d, 100);
    }

    /** A value strictly between the column's min and max, better than {@code now} in the direction. */
    private static double between(double[][] rows, int j, double now, int direction) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] row : rows) {
            min = Math.min(min, row[j]);
            max = Math.max(max, row[j]);
        }
        double best = direction > 0 ? max : min;
        return now + 0.5 * (best - now);
    }

    private static double[][][] copy(double[][][] v) {
        double[][][] out = new double[v.length][][];
        for (int t = 0; t < v.length; t++) {
            out[t] = new double[v[t].length][];
            for (int u = 0; u < v[t].length; u++) {
                out[t][u] = v[t][u].clone();
            }
        }
        return out;
    }
}

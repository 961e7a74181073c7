package org.nqpf.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Hand-computed cases of the data checks, imputation and COINr's outlier rule. */
class DataStepsTest {

    private static final double NA = Double.NaN;

    @Test
    void should_MeasureCoverage_And_ScreenUnitsBelowTheThreshold() {
        double[][] x = {{1, 2, 3}, {1, NA, NA}, {NA, NA, NA}};
        assertThat(DataCoverage.perRow(x)).containsExactly(1, 1 / 3.0, 0);
        assertThat(DataCoverage.perColumn(x)).containsExactly(2 / 3.0, 1 / 3.0, 1 / 3.0);
        assertThat(DataCoverage.screen(x, 1 / 3.0)).containsExactly(true, true, false);
        assertThat(DataCoverage.screen(x, 0.66)).containsExactly(true, false, false);
    }

    @Test
    void should_ImputeWithTheCohortMeanOrMedian() {
        double[][] x = {{1, NA}, {2, 4}, {NA, 8}, {9, 9}};
        assertThat(Imputation.MEAN.fillCohort(x)).isEqualTo(2);
        assertThat(x[2][0]).isCloseTo(4, within(1e-12)); // (1 + 2 + 9) / 3
        assertThat(x[0][1]).isCloseTo(7, within(1e-12)); // (4 + 8 + 9) / 3
        double[][] y = {{1}, {2}, {NA}, {9}, {10}};
        Imputation.MEDIAN.fillCohort(y);
        assertThat(y[2][0]).isCloseTo(5.5, within(1e-12));
    }

    @Test
    void should_ImputeAlongTheUnitsSeries() {
        double[] years = {2018, 2019, 2021, 2022, 2023};
        double[] latest = {NA, 10, NA, NA, 16};
        assertThat(Imputation.LATEST.fillSeries(years, latest)).isEqualTo(2);
        assertThat(latest).containsExactly(NA, 10, 10, 10, 16);
        // linear over the years, not the positions: 2021 is 2/4 of the way from 2019 to 2023
        double[] linear = {NA, 10, NA, NA, 18};
        Imputation.LINEAR.fillSeries(years, linear);
        assertThat(linear).containsExactly(NA, 10, 14, 16, 18);
        double[] constant = {NA, 10, NA, 16, NA};
        Imputation.LINEAR_CONSTANT.fillSeries(years, constant);
        assertThat(constant).containsExactly(10, 10, 14, 16, 16);
    }

    @Test
    void should_LeaveANormalColumnAlone() {
        double[] x = {1, 2, 3, 4, 5, 6};
        assertThat(OutlierTreatment.coinr().treat(x).action()).isEqualTo(OutlierTreatment.Action.NONE);
        assertThat(x).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void should_WinsoriseOneOutlier_When_ThatMeetsTheRule() {
        // twenty values 1..20 and one at 1000: skew ≈ 4.6, kurtosis ≈ 21; capping 1000 to 20 fixes it
        double[] x = new double[21];
        for (int i = 0; i < 20; i++) {
            x[i] = i + 1;
        }
        x[20] = 1000;
        OutlierTreatment.Outcome outcome = OutlierTreatment.coinr().treat(x);
        assertThat(outcome.skewBefore()).isGreaterThan(2);
        assertThat(outcome.kurtosisBefore()).isGreaterThan(3.5);
        assertThat(outcome.action()).isEqualTo(OutlierTreatment.Action.WINSORISED);
        assertThat(outcome.winsorised()).isEqualTo(1);
        assertThat(x[20]).isEqualTo(20);
    }

    @Test
    void should_LogTransform_When_FivePointsAreNotEnough() {
        // a heavy right tail of six large values: winsorising five still leaves the rule failing
        double[] x = new double[40];
        for (int i = 0; i < 34; i++) {
            x[i] = 1 + (i % 3);
        }
        double[] tail = {50, 80, 120, 200, 400, 1000};
        System.arraycopy(tail, 0, x, 34, 6);
        double[] original = x.clone();
        OutlierTreatment.Outcome outcome = OutlierTreatment.coinr().treat(x);
        assertThat(outcome.action()).isEqualTo(OutlierTreatment.Action.LOG);
        assertThat(x[0]).isCloseTo(Math.log(original[0] - 1 + 1), within(1e-12)); // ln(x - min + 1), min = 1
        assertThat(x[39]).isCloseTo(Math.log(1000), within(1e-12));
    }

    @Test
    void should_ComputeBiasCorrectedSkewAndKurtosis_AsExcel() {
        // worked by hand from the G1 and G2 formulas: mean 4, deviations -3, -2, -1, 6
        double[] x = {1, 2, 3, 10};
        double m2 = 9 + 4 + 1 + 36;
        double s = Math.sqrt(m2 / 3);
        double m3 = -27 - 8 - 1 + 216;
        double m4 = 81 + 16 + 1 + 1296;
        assertThat(OutlierTreatment.skewness(x)).isCloseTo(4.0 / (3 * 2) * m3 / (s * s * s), within(1e-12));
        assertThat(OutlierTreatment.kurtosis(x))
                .isCloseTo(4.0 * 5 / (3 * 2 * 1) * m4 / Math.pow(s, 4) - 3.0 * 9 / (2 * 1), within(1e-12));
    }
}

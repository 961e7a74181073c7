package org.nqpf.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The Open SDG progress measure (Statistics Canada, {@code docs/progress-methodology.md} in open-sdg/open-sdg),
 * worked by hand. An indicator at 40 in 2015, to reach 80 by 2030: the required rate is 2^(1/15) − 1 = 4.729 % a
 * year.
 */
class ProgressTest {

    private static final double[] YEARS = {2015, 2016, 2017, 2018, 2019, 2020};
    private static final double REQUIRED = Math.pow(2, 1.0 / 15) - 1;

    private static Progress.Result progress(double latest, double target, int direction) {
        return Progress.of(YEARS, new double[] {40, Double.NaN, 42, 44, Double.NaN, latest}, direction, target, 2015,
                2030);
    }

    @Test
    void should_GradeTheRatioOfObservedToRequiredGrowth_ByHand() {
        // 40 → 50 in five years: CAGR = 1.25^(1/5) − 1 = 4.564 %; R = 0.9651: on track (≥ 0.95)
        Progress.Result onTrack = progress(50, 80, 1);
        assertThat(onTrack.cagrObserved()).isCloseTo(Math.pow(1.25, 0.2) - 1, within(1e-12));
        assertThat(onTrack.cagrRequired()).isCloseTo(REQUIRED, within(1e-12));
        assertThat(onTrack.ratio()).isCloseTo((Math.pow(1.25, 0.2) - 1) / REQUIRED, within(1e-12));
        assertThat(onTrack.ratio()).isCloseTo(0.9651, within(1e-4));
        assertThat(onTrack.status()).isEqualTo(Progress.Status.ON_TRACK);
        // 40 → 46: CAGR 2.834 %, R = 0.599: limited progress (just under 0.6)
        assertThat(progress(46, 80, 1).ratio()).isCloseTo(0.5993, within(1e-4));
        assertThat(progress(46, 80, 1).status()).isEqualTo(Progress.Status.LIMITED_PROGRESS);
        // 40 → 47: R = 0.6817: acceleration needed
        assertThat(progress(47, 80, 1).status()).isEqualTo(Progress.Status.ACCELERATION_NEEDED);
        // 40 → 38: deterioration; 40 → 81: the target is met
        assertThat(progress(38, 80, 1).status()).isEqualTo(Progress.Status.DETERIORATION);
        assertThat(progress(38, 80, 1).ratio()).isNegative();
        assertThat(progress(81, 80, 1).status()).isEqualTo(Progress.Status.TARGET_ACHIEVED);
    }

    @Test
    void should_MeasureTowardALowerTarget_When_LessIsBetter() {
        // Energy per unit of GDP from 40 to 20 by 2030: required −4.516 % a year; 40 → 32 in five years is −4.365 %.
        Progress.Result r = progress(32, 20, -1);
        assertThat(r.cagrRequired()).isCloseTo(Math.pow(0.5, 1.0 / 15) - 1, within(1e-12));
        assertThat(r.ratio()).isCloseTo(-(Math.pow(0.8, 0.2) - 1) / (1 - Math.pow(0.5, 1.0 / 15)), within(1e-12));
        assertThat(r.ratio()).isCloseTo(0.9666, within(1e-4));
        assertThat(r.status()).isEqualTo(Progress.Status.ON_TRACK);
        assertThat(progress(44, 20, -1).status()).isEqualTo(Progress.Status.DETERIORATION);
    }

    @Test
    void should_UseTheFixedThresholds_When_ThereIsNoTarget() {
        // 40 → 44 in five years: 1.924 % a year: on track; 40 → 41: 0.495 %: limited progress (below 0.5 %)
        assertThat(progress(44, Double.NaN, 1).status()).isEqualTo(Progress.Status.ON_TRACK);
        assertThat(progress(42, Double.NaN, 1).status()).isEqualTo(Progress.Status.ACCELERATION_NEEDED); // 0.98 %
        assertThat(progress(41, Double.NaN, 1).status()).isEqualTo(Progress.Status.LIMITED_PROGRESS);
        assertThat(progress(41, Double.NaN, -1).status()).isEqualTo(Progress.Status.DETERIORATION);
        assertThat(progress(41, Double.NaN, 1).ratio()).isNaN();
    }

    @Test
    void should_FollowTheMethodologysEdgeCases() {
        // no data in the base year: the first year after it is the base
        Progress.Result later = Progress.of(YEARS, new double[] {Double.NaN, 40, 42, 44, 46, 50}, 1, 80, 2015, 2030);
        assertThat(later.baseYear()).isEqualTo(2016);
        assertThat(later.cagrObserved()).isCloseTo(Math.pow(1.25, 0.25) - 1, within(1e-12));
        // one year of data, or values of both signs: unable to assess
        assertThat(Progress.of(YEARS, new double[] {40, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN},
                1, 80, 2015, 2030).status()).isEqualTo(Progress.Status.UNABLE_TO_ASSESS);
        assertThat(Progress.of(YEARS, new double[] {-1, 1, 2, 3, 4, 5}, 1, 80, 2015, 2030).status())
                .isEqualTo(Progress.Status.UNABLE_TO_ASSESS);
        // a zero base is replaced by 0.001
        Progress.Result zero = Progress.of(YEARS, new double[] {0, 1, 2, 3, 4, 5}, 1, Double.NaN, 2015, 2030);
        assertThat(zero.cagrObserved()).isCloseTo(Math.pow(5 / 0.001, 0.2) - 1, within(1e-9));
        // all negative (a balance in deficit shrinking toward zero is a rise): the direction flips
        Progress.Result deficit = Progress.of(YEARS, new double[] {-40, -38, -36, -34, -32, -30}, 1, Double.NaN, 2015,
                2030);
        assertThat(deficit.status()).isEqualTo(Progress.Status.ON_TRACK);
    }
}

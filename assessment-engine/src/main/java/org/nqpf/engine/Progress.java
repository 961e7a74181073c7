package org.nqpf.engine;

/**
 * Progress toward a target, by the measure Statistics Canada publishes for Open SDG (after Eurostat's; methodology:
 * {@code docs/progress-methodology.md} in open-sdg/open-sdg): the observed compound annual growth rate since the
 * base year against the rate required to reach the target in the target year,
 * {@code R = d · CAGR_observed / |CAGR_required|}; without a target, the observed rate itself against fixed
 * thresholds (1.5 % and 0.5 % a year in the desired direction).
 * <p>
 * As the methodology prescribes: the base year is the first year with data from the requested one on; at least two
 * years of data are needed; the exponential model needs all values of one sign (all negative: the desired direction
 * flips); a base or target value of zero is replaced by 0.001. Natural limits (its scaling factor C) are not applied.
 */
public final class Progress {

    /** The methodology's categories, best first. */
    public enum Status {
        TARGET_ACHIEVED("目标已实现", "target achieved"),
        ON_TRACK("进展顺利", "on track"),
        ACCELERATION_NEEDED("有进展但需加速", "progress made but acceleration needed"),
        LIMITED_PROGRESS("进展有限", "limited progress"),
        DETERIORATION("倒退", "deterioration"),
        UNABLE_TO_ASSESS("无法评估", "unable to assess");

        private final String chinese;
        private final String english;

        Status(String chinese, String english) {
            this.chinese = chinese;
            this.english = english;
        }

        public String chinese() {
            return chinese;
        }

        public String english() {
            return english;
        }
    }

    /**
     * @param baseYear     the base year actually used (the first with data from the one asked for)
     * @param latestYear   the latest year with data
     * @param cagrObserved (y_i / y_0)^(1 / (t_i − t_0)) − 1; NaN when it cannot be assessed
     * @param cagrRequired (y_T / y_0)^(1 / (T − t_0)) − 1; NaN without a target
     * @param ratio        R = d · CAGR_observed / |CAGR_required|; NaN without a target
     */
    public record Result(double baseYear, double latestYear, double cagrObserved, double cagrRequired, double ratio,
            Status status) {
    }

    static final double ZERO_REPLACEMENT = 0.001;

    private Progress() {
    }

    /**
     * @param years      the years of the series, ascending
     * @param values     the indicator's values, NaN where missing
     * @param direction  +1 when more is better, -1 when less is better
     * @param target     the value to reach in {@code targetYear}; NaN for an indicator without a target
     * @param baseYear   the base year asked for (the methodology's default: 2015)
     * @param targetYear the year the target is due (default 2030)
     */
    public static Result of(double[] years, double[] values, int direction, double target, double baseYear,
            double targetYear) {
        Normalisation.checkDirection(direction);
        int base = -1;
        int latest = -1;
        int count = 0;
        boolean positive = false;
        boolean negative = false;
        for (int k = 0; k < years.length; k++) {
            if (years[k] < baseYear || Double.isNaN(values[k])) {
                continue;
            }
            base = base < 0 ? k : base;
            latest = k;
            count++;
            positive |= values[k] > 0;
            negative |= values[k] < 0;
        }
        if (count < 2 || (positive && negative)) {
            return new Result(base < 0 ? Double.NaN : years[base], latest < 0 ? Double.NaN : years[latest], Double.NaN,
                    Double.NaN, Double.NaN, Status.UNABLE_TO_ASSESS);
        }
        double y0 = nonZero(values[base]);
        double yi = nonZero(values[latest]);
        double t0 = years[base];
        double ti = years[latest];
        // All negative: the ratios stay positive, and a smaller magnitude is a larger value.
        int d = negative ? -direction : direction;
        double cagr = Math.pow(yi / y0, 1 / (ti - t0)) - 1;
        if (Double.isNaN(target)) {
            double growth = d * cagr;
            Status status = growth >= 0.015 ? Status.ON_TRACK : growth >= 0.005 ? Status.ACCELERATION_NEEDED
                    : growth >= 0 ? Status.LIMITED_PROGRESS : Status.DETERIORATION;
            return new Result(t0, ti, cagr, Double.NaN, Double.NaN, status);
        }
        double required = Math.pow(nonZero(target) / y0, 1 / (targetYear - t0)) - 1;
        double ratio = d * cagr / Math.abs(required);
        boolean achieved = direction > 0 ? values[latest] >= target : values[latest] <= target;
        Status status = achieved ? Status.TARGET_ACHIEVED : ratio >= 0.95 ? Status.ON_TRACK
                : ratio >= 0.6 ? Status.ACCELERATION_NEEDED : ratio >= 0 ? Status.LIMITED_PROGRESS : Status.DETERIORATION;
        return new Result(t0, ti, cagr, required, ratio, status);
    }

    private static double nonZero(double v) {
        return v == 0 ? ZERO_REPLACEMENT : v;
    }
}

package org.nqpf.engine;

/** Change of a score across periods. */
public final class Trends {

    private Trends() {
    }

    /** Growth from one period to the next, {@code x_t / x_{t-1} - 1}; NaN when either is missing or the base is 0. */
    public static double growth(double previous, double current) {
        return Double.isNaN(previous) || Double.isNaN(current) || previous == 0 ? Double.NaN : current / previous - 1;
    }

    /**
     * Compound annual growth rate {@code (last / first)^(1/years) - 1}; NaN when either is missing, the first is not
     * positive or {@code years} is not positive.
     */
    public static double cagr(double first, double last, double years) {
        if (Double.isNaN(first) || Double.isNaN(last) || !(first > 0) || last < 0 || !(years > 0)) {
            return Double.NaN;
        }
        return Math.pow(last / first, 1 / years) - 1;
    }
}

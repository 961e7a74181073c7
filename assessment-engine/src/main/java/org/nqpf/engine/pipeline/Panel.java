package org.nqpf.engine.pipeline;

import java.util.List;

/**
 * Indicator values of a cohort over periods: {@code values[period][unit][indicator]} with indicators in the
 * framework's {@link org.nqpf.engine.Hierarchy#indicators()} order, NaN for missing. One period is a cross-section.
 *
 * @param units     unit codes (COINr {@code uCode})
 * @param unitNames readable names (COINr {@code uName}), same order; the code when none is given
 * @param periods   period labels in chronological order (COINr {@code Time}), e.g. years
 */
public record Panel(List<String> units, List<String> unitNames, List<String> periods, double[][][] values) {

    public Panel {
        units = List.copyOf(units);
        unitNames = List.copyOf(unitNames);
        periods = List.copyOf(periods);
        if (unitNames.size() != units.size()) {
            throw new IllegalArgumentException(unitNames.size() + " names for " + units.size() + " units");
        }
        if (values.length != periods.size()) {
            throw new IllegalArgumentException(values.length + " value slices for " + periods.size() + " periods");
        }
        for (double[][] slice : values) {
            if (slice.length != units.size()) {
                throw new IllegalArgumentException(slice.length + " rows for " + units.size() + " units");
            }
        }
    }

    public int indicatorCount() {
        return values.length == 0 || values[0].length == 0 ? 0 : values[0][0].length;
    }

    /** The periods as numbers (years) when they all are, else 0, 1, 2, ...: the time axis of interpolation and CAGR. */
    public double[] times() {
        double[] t = new double[periods.size()];
        for (int k = 0; k < t.length; k++) {
            try {
                t[k] = Double.parseDouble(periods.get(k));
            }
            catch (NumberFormatException e) {
                for (int q = 0; q < t.length; q++) {
                    t[q] = q;
                }
                return t;
            }
        }
        return t;
    }
}

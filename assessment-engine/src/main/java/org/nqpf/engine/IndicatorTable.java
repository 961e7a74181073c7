package org.nqpf.engine;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Values of indicators (columns) for units (rows), e.g. regions of a cohort in one period.
 * A missing value is {@link Double#NaN}; it stays missing through normalisation and is skipped by aggregation.
 */
public final class IndicatorTable {

    private final List<String> units;
    private final List<String> indicators;
    private final Map<String, Integer> unitIndex = new HashMap<>();
    private final Map<String, Integer> indicatorIndex = new HashMap<>();
    private final double[][] values;

    private IndicatorTable(List<String> units, List<String> indicators, double[][] values) {
        this.units = List.copyOf(units);
        this.indicators = List.copyOf(indicators);
        index(this.units, unitIndex, "unit");
        index(this.indicators, indicatorIndex, "indicator");
        if (values.length != units.size()) {
            throw new IllegalArgumentException(values.length + " rows for " + units.size() + " units");
        }
        this.values = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            if (values[i].length != indicators.size()) {
                throw new IllegalArgumentException("row of " + units.get(i) + " has " + values[i].length
                        + " values for " + indicators.size() + " indicators");
            }
            this.values[i] = values[i].clone();
        }
    }

    private static void index(List<String> names, Map<String, Integer> index, String what) {
        for (int i = 0; i < names.size(); i++) {
            if (index.put(names.get(i), i) != null) {
                throw new IllegalArgumentException(what + " " + names.get(i) + " appears twice");
            }
        }
    }

    /** @param values {@code values[unit][indicator]}, NaN for missing */
    public static IndicatorTable of(List<String> units, List<String> indicators, double[][] values) {
        return new IndicatorTable(units, indicators, values);
    }

    /** A table to fill cell by cell; cells never set are missing. */
    public static Builder builder(List<String> units, List<String> indicators) {
        return new Builder(units, indicators);
    }

    public List<String> units() {
        return units;
    }

    public List<String> indicators() {
        return indicators;
    }

    public boolean hasIndicator(String indicator) {
        return indicatorIndex.containsKey(indicator);
    }

    public int unitIndex(String unit) {
        Integer i = unitIndex.get(unit);
        if (i == null) {
            throw new IllegalArgumentException("no unit " + unit + " in the table");
        }
        return i;
    }

    public int indicatorIndex(String indicator) {
        Integer j = indicatorIndex.get(indicator);
        if (j == null) {
            throw new IllegalArgumentException("no indicator " + indicator + " in the table");
        }
        return j;
    }

    public double value(String unit, String indicator) {
        return values[unitIndex(unit)][indicatorIndex(indicator)];
    }

    /** A copy of one indicator's values, in unit order. */
    public double[] column(String indicator) {
        int j = indicatorIndex(indicator);
        double[] column = new double[units.size()];
        for (int i = 0; i < column.length; i++) {
            column[i] = values[i][j];
        }
        return column;
    }

    /** A copy of one unit's values, in indicator order. */
    public double[] row(String unit) {
        return values[unitIndex(unit)].clone();
    }

    public static final class Builder {
        private final List<String> units;
        private final List<String> indicators;
        private final Map<String, Integer> unitIndex = new HashMap<>();
        private final Map<String, Integer> indicatorIndex = new HashMap<>();
        private final double[][] values;

        private Builder(List<String> units, List<String> indicators) {
            this.units = List.copyOf(units);
            this.indicators = List.copyOf(indicators);
            index(this.units, unitIndex, "unit");
            index(this.indicators, indicatorIndex, "indicator");
            values = new double[units.size()][indicators.size()];
            for (double[] row : values) {
                Arrays.fill(row, Double.NaN);
            }
        }

        /** {@code null} or NaN leaves the cell missing. */
        public Builder set(String unit, String indicator, Double value) {
            Integer i = unitIndex.get(unit);
            Integer j = indicatorIndex.get(indicator);
            if (i == null || j == null) {
                throw new IllegalArgumentException("no cell (" + unit + ", " + indicator + ") in the table");
            }
            if (value != null && Double.isInfinite(value)) {
                throw new IllegalArgumentException("value of (" + unit + ", " + indicator + ") is infinite");
            }
            values[i][j] = value == null ? Double.NaN : value;
            return this;
        }

        public IndicatorTable build() {
            return new IndicatorTable(units, indicators, values);
        }
    }
}

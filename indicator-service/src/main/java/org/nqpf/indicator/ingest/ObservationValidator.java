package org.nqpf.indicator.ingest;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.nqpf.indicator.catalog.Indicator;
import org.nqpf.indicator.entity.Entity;

/** The rules an observation must meet before it is stored. Pure: everything it needs is passed in. */
public final class ObservationValidator {

    private static final Pattern YEAR = Pattern.compile("(19|20)\\d\\d");
    /** Longest codes, units and sources taken: far beyond any real one, short enough to keep rows and events small. */
    static final int MAX_CODE = 64;
    static final int MAX_UNIT = 64;
    static final int MAX_SOURCE = 256;

    private ObservationValidator() {
    }

    public static Optional<Rejection> validate(ObservationRow row, Map<String, Indicator> indicators,
            Map<String, Entity> entities) {
        if (row.problem() != null) {
            return Optional.of(row.problem());
        }
        int n = row.row();
        if (blank(row.entity())) {
            return reject(n, "entity", "missing");
        }
        if (blank(row.indicator())) {
            return reject(n, "indicator", "missing");
        }
        if (blank(row.period())) {
            return reject(n, "period", "missing");
        }
        if (row.value() == null && !row.isDelete()) {
            return reject(n, "value", "missing");
        }
        if (blank(row.source())) {
            return reject(n, "source", "missing: say who produced the figure, e.g. \"nbs\"");
        }
        Optional<Rejection> oversize = tooLong(n, "entity", row.entity(), MAX_CODE)
                .or(() -> tooLong(n, "indicator", row.indicator(), MAX_CODE))
                .or(() -> tooLong(n, "unit", row.unit(), MAX_UNIT))
                .or(() -> tooLong(n, "source", row.source(), MAX_SOURCE));
        if (oversize.isPresent()) {
            return oversize;
        }
        if (!entities.containsKey(row.entity())) {
            return reject(n, "entity", "unknown entity '" + row.entity() + "': register it under /api/v1/entities");
        }
        Indicator indicator = indicators.get(row.indicator());
        if (indicator == null) {
            return reject(n, "indicator", "unknown indicator '" + row.indicator() + "' in framework "
                    + frameworkOf(indicators) + ": see /api/v1/indicators");
        }
        if (!YEAR.matcher(row.period()).matches()) {
            return reject(n, "period", "malformed period '" + row.period() + "': expected a year YYYY");
        }
        if (row.isDelete()) {
            return Optional.empty();
        }
        double value = row.value();
        if (!Double.isFinite(value)) {
            return reject(n, "value", "not a finite number: " + value);
        }
        if (!indicator.inRange(value)) {
            return reject(n, "value", value + " is outside " + indicator.code() + "'s valid range ["
                    + indicator.minValue() + ", " + indicator.maxValue() + "] " + indicator.unit());
        }
        if (!blank(row.unit()) && !row.unit().trim().equalsIgnoreCase(indicator.unit())) {
            return reject(n, "unit", "'" + row.unit() + "' does not match " + indicator.code() + "'s unit '"
                    + indicator.unit() + "'");
        }
        return Optional.empty();
    }

    private static String frameworkOf(Map<String, Indicator> indicators) {
        return indicators.values().stream().findAny().map(i -> i.frameworkCode() + " v" + i.frameworkVersion())
                .orElse("(none)");
    }

    private static Optional<Rejection> reject(int row, String field, String detail) {
        return Optional.of(new Rejection(row, field, detail));
    }

    private static Optional<Rejection> tooLong(int n, String field, String value, int max) {
        return value != null && value.length() > max
                ? reject(n, field, "oversize: " + value.length() + " characters, at most " + max)
                : Optional.empty();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

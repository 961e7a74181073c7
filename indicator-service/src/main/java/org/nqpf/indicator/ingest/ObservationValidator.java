package org.nqpf.indicator.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.nqpf.indicator.catalog.Indicator;
import org.nqpf.indicator.entity.Entity;
import org.nqpf.web.StrictJson;

/** The rules an observation must meet before it is stored. Pure: everything it needs is passed in. */
public final class ObservationValidator {

    private static final Pattern YEAR = Pattern.compile("(19|20)\\d\\d");
    /**
     * No source time or as-of time the platform deals in comes before the first of its periods; earlier ones (year 0,
     * thousands of years BC) PostgreSQL cannot even store.
     */
    public static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    /** Longest codes, units and sources taken: far beyond any real one, short enough to keep rows and events small. */
    static final int MAX_CODE = 64;
    static final int MAX_UNIT = 64;
    static final int MAX_SOURCE = 256;

    private ObservationValidator() {
    }

    public static Optional<Rejection> validate(ObservationRow row, Map<String, Indicator> indicators,
            Map<String, Entity> entities) {
        return validate(row, indicators, entities, null, null);
    }

    /**
     * As {@link #validate(ObservationRow, Map, Map)}, and a source time after {@code latest} (now plus the tolerated
     * clock skew, {@code skew}) is refused: it would outrank every honest revision until its time came.
     */
    public static Optional<Rejection> validate(ObservationRow row, Map<String, Indicator> indicators,
            Map<String, Entity> entities, Instant latest, Duration skew) {
        if (row.problem() != null) {
            return Optional.of(row.problem());
        }
        int n = row.row();
        String sourceTimeField = row.eventId() == null ? "revisedAt" : "ce_time";
        if (row.sourceTime() != null && row.sourceTime().isBefore(EARLIEST)) {
            return reject(n, sourceTimeField, row.sourceTime()
                    + " is before " + EARLIEST + ": no value of a period this platform holds (19xx, 20xx) was revised"
                    + " then");
        }
        if (latest != null && row.sourceTime() != null && row.sourceTime().isAfter(latest)) {
            return reject(n, sourceTimeField, row.sourceTime()
                    + " is in the future, more than the tolerated clock skew of " + skew
                    + " (nqpf.ingest.max-clock-skew) ahead of the platform's clock");
        }
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

    /**
     * The row as received, or unreadable when one of its texts is one PostgreSQL cannot store (a NUL, a lone
     * surrogate): refused here, before any query carries it to the database.
     */
    public static ObservationRow screened(ObservationRow row) {
        if (row.problem() != null) {
            return row;
        }
        String[][] texts = {{"entity", row.entity()}, {"indicator", row.indicator()}, {"period", row.period()},
                {"unit", row.unit()}, {"source", row.source()}};
        for (String[] text : texts) {
            String why = StrictJson.unstorable(text[1]);
            if (why != null) {
                return ObservationRow.unreadable(row.row(), text[0], why);
            }
        }
        return row;
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

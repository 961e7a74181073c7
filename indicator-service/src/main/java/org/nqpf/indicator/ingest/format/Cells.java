package org.nqpf.indicator.ingest.format;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.nqpf.indicator.ingest.ObservationRow;
import org.nqpf.indicator.ingest.Rejection;

/** Turns the text of one row's cells into an {@link ObservationRow}, whatever the format. */
final class Cells {

    private static final java.util.regex.Pattern DECIMAL =
            java.util.regex.Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private static final java.util.regex.Pattern NON_FINITE =
            java.util.regex.Pattern.compile("(?i)[+-]?(nan|inf|infinity)");

    private Cells() {
    }

    /** A cell as it may be quoted back: short, and without what a problem body should not carry raw. */
    static String shown(String cell) {
        String s = cell.length() > 80 ? cell.substring(0, 80) + "..." : cell;
        return s.replace("\u0000", "\\u0000");
    }

    static ObservationRow row(int n, String entity, String indicator, String period, String value, String unit,
            String source, String action, String revisedAt) {
        // before trimming, which would quietly drop a NUL at either end
        String[][] cells = {{"entity", entity}, {"indicator", indicator}, {"period", period}, {"value", value},
                {"unit", unit}, {"source", source}, {"action", action}, {"revisedAt", revisedAt}};
        for (String[] cell : cells) {
            String why = org.nqpf.web.StrictJson.unstorable(cell[1]);
            if (why != null) {
                return ObservationRow.unreadable(n, cell[0], why);
            }
        }
        ObservationRow.Action parsedAction;
        try {
            parsedAction = ObservationRow.Action.parse(action);
        }
        catch (IllegalArgumentException e) {
            return ObservationRow.unreadable(n, "action", e.getMessage());
        }
        Double number = null;
        if (!blank(value)) {
            // Decimal notation only: Java would also read 0x1p3, 1d, NaN and Infinity, which no statistics office
            // means
            if (!DECIMAL.matcher(value.trim()).matches()) {
                return ObservationRow.unreadable(n, "value", (NON_FINITE.matcher(value.trim()).matches()
                        ? "not a finite number: '" : "not a decimal number: '") + shown(value) + "'");
            }
            number = Double.valueOf(value.trim());
        }
        Instant sourceTime = null;
        if (!blank(revisedAt)) {
            try {
                sourceTime = Instant.parse(revisedAt.trim());
            }
            catch (DateTimeParseException e) {
                return ObservationRow.unreadable(n, "revisedAt",
                        "not an ISO-8601 instant such as 2024-03-01T00:00:00Z: '" + shown(revisedAt) + "'");
            }
        }
        return new ObservationRow(n, trim(entity), trim(indicator), trim(period), number, trim(unit), trim(source),
                parsedAction, sourceTime, null, null);
    }

    static Rejection problem(int n, String field, String detail) {
        return new Rejection(n, field, detail);
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String trim(String s) {
        return blank(s) ? null : s.trim();
    }
}

package org.nqpf.indicator.ingest;

/**
 * One observation as a feed or portal sent it, before validation. Fields are as received: any may be missing.
 *
 * @param row     position in its batch, 1-based, for error messages
 * @param problem set when the row could not even be read (e.g. a value that is no number)
 */
public record ObservationRow(int row, String entity, String indicator, String period, Double value, String unit,
        String source, Rejection problem) {

    public static ObservationRow of(int row, String entity, String indicator, String period, Double value,
            String unit, String source) {
        return new ObservationRow(row, entity, indicator, period, value, unit, source, null);
    }
}

package org.nqpf.indicator.ingest;

import java.time.Instant;

/**
 * One observation as a feed or portal sent it, before validation. Fields are as received: any may be missing.
 *
 * @param row        position in its batch or file, 1-based, for error messages
 * @param action     what to do with it (SDMX's I, A, R, D); {@link Action#REPLACE} when the sender does not say
 * @param sourceTime when the source published or revised the figure, if it says so; orders late revisions
 * @param problem    set when the row could not even be read (e.g. a value that is no number)
 * @param eventId    the CloudEvent id it arrived in, for a feed's event; null for batches and files
 */
public record ObservationRow(int row, String entity, String indicator, String period, Double value, String unit,
        String source, Action action, Instant sourceTime, Rejection problem, String eventId) {

    /** SDMX-CSV's ACTION column; the JSON and CSV formats may carry it too. */
    public enum Action {
        /** I: information, the sender's full current state: stored like a replacement. */
        INFORMATION,
        /** A: append, an incremental update: new values and revisions are stored. */
        APPEND,
        /** R: replace the current value. */
        REPLACE,
        /** D: delete the value from the current view; its history stays. */
        DELETE;

        /** Reads I/A/R/D or the full name; null for a blank cell. */
        public static Action parse(String code) {
            if (code == null || code.isBlank()) {
                return null;
            }
            return switch (code.trim().toUpperCase(java.util.Locale.ROOT)) {
                case "I", "INFORMATION" -> INFORMATION;
                case "A", "APPEND" -> APPEND;
                case "R", "REPLACE", "M", "MERGE" -> REPLACE;
                case "D", "DELETE" -> DELETE;
                default -> throw new IllegalArgumentException(
                        "unknown action '" + code + "': expected I, A, R or D");
            };
        }
    }

    public ObservationRow {
        action = action == null ? Action.REPLACE : action;
    }

    public static ObservationRow of(int row, String entity, String indicator, String period, Double value,
            String unit, String source) {
        return new ObservationRow(row, entity, indicator, period, value, unit, source, Action.REPLACE, null, null,
                null);
    }

    public static ObservationRow unreadable(int row, String field, String detail) {
        return new ObservationRow(row, null, null, null, null, null, null, null, null,
                new Rejection(row, field, detail), null);
    }

    /** The same row recorded under {@code source}. */
    public ObservationRow withSource(String source) {
        return new ObservationRow(row, entity, indicator, period, value, unit, source, action, sourceTime, problem,
                eventId);
    }

    public boolean isDelete() {
        return action == Action.DELETE;
    }
}

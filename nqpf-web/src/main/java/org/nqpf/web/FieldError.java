package org.nqpf.web;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One thing wrong with a request, as every problem's {@code errors} lists it: the field (a JSON path such as
 * {@code indicators[2].target}, or a query parameter) and why, in words a person can act on; the value refused when
 * it helps, and the row of a batch or file when the request carries many.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldError(String field, String detail, Object rejectedValue, Integer row) {

    public FieldError(String field, String detail) {
        this(field, detail, null, null);
    }

    public static FieldError rejected(String field, String detail, Object value) {
        return new FieldError(field, detail, value, null);
    }

    public static FieldError inRow(int row, String field, String detail) {
        return new FieldError(field, detail, null, row);
    }

    /**
     * The field error a message such as {@code "weights.subjective.method: ahp needs a matrix"} names: the path
     * before the first colon, the rest as the detail; a message that names no path is about {@code fallbackField}.
     */
    public static FieldError parse(String message, String fallbackField) {
        String text = message == null ? "invalid" : message;
        int colon = text.indexOf(": ");
        if (colon > 0 && text.substring(0, colon).chars().noneMatch(Character::isWhitespace)) {
            return new FieldError(text.substring(0, colon), text.substring(colon + 2));
        }
        return new FieldError(fallbackField, text);
    }

    @Override
    public String toString() {
        return (row == null ? "" : "row " + row + ", ") + field + ": " + detail;
    }
}

package org.nqpf.indicator.ingest;

/**
 * Why one row was not accepted: which row, which field, and what is wrong in words a person can act on.
 */
public record Rejection(int row, String field, String detail) {

    @Override
    public String toString() {
        return "row " + row + ", " + field + ": " + detail;
    }
}

package org.nqpf.indicator.ingest;

import org.nqpf.web.StrictJson;

/**
 * Why one row was not accepted: which row, which field, and what is wrong in words a person can act on.
 */
public record Rejection(int row, String field, String detail) {

    /**
     * A rejection may quote the input (an unknown field's name, a cell): what PostgreSQL cannot store is escaped, as
     * the rejection is stored with an import job or an Idempotency-Key's answer.
     */
    public Rejection {
        field = StrictJson.storable(field);
        detail = StrictJson.storable(detail);
    }

    @Override
    public String toString() {
        return "row " + row + ", " + field + ": " + detail;
    }
}

package org.nqpf.indicator.catalog;

/** One thing wrong with a request: the field (a JSON path such as {@code indicators[2].target}) and why. */
public record FieldProblem(String field, String detail) {
}

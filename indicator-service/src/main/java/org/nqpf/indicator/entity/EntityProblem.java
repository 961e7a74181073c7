package org.nqpf.indicator.entity;

import java.util.List;
import org.nqpf.web.ConflictException;
import org.nqpf.web.FieldError;
import org.nqpf.web.InvalidInputException;
import org.springframework.http.HttpStatus;

/** The registry's problem types and titles, raised as the platform's shared exceptions naming the wrong fields. */
final class EntityProblem {

    private EntityProblem() {
    }

    /** 422: the body is well-formed but breaks the registry's rules; lists every field at once. */
    static InvalidInputException invalid(String title, List<FieldError> fields) {
        return new InvalidInputException("invalid-entity", title, fields);
    }

    /** 400: a query parameter is wrong. */
    static InvalidInputException badQuery(List<FieldError> fields) {
        return new InvalidInputException(HttpStatus.BAD_REQUEST, "invalid-query", "Invalid query", fields);
    }

    static ConflictException conflict(String detail) {
        return new ConflictException("entity-conflict", "Conflict", detail);
    }
}

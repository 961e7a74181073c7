package org.nqpf.indicator.entity;

import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The registry's errors, answered as RFC 9457 problem+json naming the field that is wrong. */
class EntityProblem extends ErrorResponseException {

    /** One thing wrong: the field (a JSON property or query parameter) and why. */
    record Field(String field, String detail) {
    }

    private EntityProblem(HttpStatus status, String type, String title, String detail) {
        super(status, problem(status, type, title, detail), null);
    }

    /** 422: the body is well-formed but breaks the registry's rules; lists every field at once. */
    static EntityProblem invalid(String title, List<Field> fields) {
        return withErrors(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-entity", title, fields);
    }

    /** 400: a query parameter is wrong. */
    static EntityProblem badQuery(List<Field> fields) {
        return withErrors(HttpStatus.BAD_REQUEST, "invalid-query", "Invalid query", fields);
    }

    static EntityProblem conflict(String detail) {
        return new EntityProblem(HttpStatus.CONFLICT, "entity-conflict", "Conflict", detail);
    }

    private static EntityProblem withErrors(HttpStatus status, String type, String title, List<Field> fields) {
        EntityProblem p = new EntityProblem(status, type, title,
                fields.stream().map(f -> f.field() + ": " + f.detail()).collect(Collectors.joining("; ")));
        p.getBody().setProperty("errors", fields);
        return p;
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://nqpf.org/problems/" + type));
        problem.setTitle(title);
        return problem;
    }
}

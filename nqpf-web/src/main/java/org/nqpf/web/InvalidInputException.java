package org.nqpf.web;

import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/**
 * A request the client must fix, naming every field that is wrong at once in {@code errors} (see
 * {@link FieldError}): 422 when a well-formed body breaks the rules, 400 when the request itself is malformed.
 */
public class InvalidInputException extends ProblemException {

    private final List<FieldError> errors;

    public InvalidInputException(HttpStatusCode status, String type, String title, List<FieldError> errors) {
        super(status, type, title, errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
        getBody().setProperty("errors", this.errors);
    }

    /** 422 under {@code type}: e.g. {@code invalid-framework}. */
    public InvalidInputException(String type, String title, List<FieldError> errors) {
        this(HttpStatus.UNPROCESSABLE_CONTENT, type, title, errors);
    }

    /** 400: one parameter or header of the request is wrong. */
    public static InvalidInputException badRequest(String field, String detail) {
        return badRequest(List.of(new FieldError(field, detail)));
    }

    /** 400: parameters or headers of the request are wrong. */
    public static InvalidInputException badRequest(List<FieldError> errors) {
        return new InvalidInputException(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}

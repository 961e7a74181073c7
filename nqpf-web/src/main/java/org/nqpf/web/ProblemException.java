package org.nqpf.web;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A problem the domain raises, answered as problem+json at the web edge: its status, its type under
 * {@link ProblemTypes#BASE}, a title and a detail. The subclasses are the kinds every service has.
 */
public class ProblemException extends ErrorResponseException {

    public ProblemException(HttpStatusCode status, String type, String title, String detail) {
        this(status, type, title, detail, null);
    }

    public ProblemException(HttpStatusCode status, String type, String title, String detail, Throwable cause) {
        super(status, problem(status, type, title, detail), cause);
    }

    /** Adds a member to the problem (e.g. {@code supported}: what would have been accepted). */
    public ProblemException with(String name, Object value) {
        getBody().setProperty(name, value);
        return this;
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }

    private static ProblemDetail problem(HttpStatusCode status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type == null ? ProblemTypes.forStatus(status) : ProblemTypes.of(type));
        problem.setTitle(title);
        return problem;
    }
}

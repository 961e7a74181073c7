package org.nqpf.indicator.catalog;

import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The catalog's errors, answered as RFC 9457 problem+json. */
class CatalogProblem extends ErrorResponseException {

    private CatalogProblem(HttpStatus status, String type, String title, String detail) {
        super(status, problem(status, type, title, detail), null);
    }

    /** 422 listing every field that is wrong, so a client can fix them all at once. */
    static CatalogProblem invalid(List<FieldProblem> problems) {
        CatalogProblem p = new CatalogProblem(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-framework",
                "Invalid framework", problems.stream().map(f -> f.field() + ": " + f.detail())
                        .collect(Collectors.joining("; ")));
        p.getBody().setProperty("errors", problems);
        return p;
    }

    static CatalogProblem invalid(String field, String detail) {
        return invalid(List.of(new FieldProblem(field, detail)));
    }

    static CatalogProblem immutable(String code, int version, int nextVersion) {
        return new CatalogProblem(HttpStatus.CONFLICT, "framework-immutable", "Framework version is immutable",
                "framework " + code + " v" + version + " is published and immutable; create version " + nextVersion);
    }

    static CatalogProblem conflict(String type, String title, String detail) {
        return new CatalogProblem(HttpStatus.CONFLICT, type, title, detail);
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://nqpf.org/problems/" + type));
        problem.setTitle(title);
        return problem;
    }
}

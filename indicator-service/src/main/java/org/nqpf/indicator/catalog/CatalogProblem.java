package org.nqpf.indicator.catalog;

import java.util.List;
import org.nqpf.web.ConflictException;
import org.nqpf.web.FieldError;
import org.nqpf.web.InvalidInputException;

/** The catalog's problem types and titles, raised as the platform's shared exceptions. */
final class CatalogProblem {

    private CatalogProblem() {
    }

    /** 422 listing every field that is wrong, so a client can fix them all at once. */
    static InvalidInputException invalid(List<FieldError> problems) {
        return new InvalidInputException("invalid-framework", "Invalid framework", problems);
    }

    static InvalidInputException invalid(String field, String detail) {
        return invalid(List.of(new FieldError(field, detail)));
    }

    static ConflictException immutable(String code, int version, int nextVersion) {
        return conflict("framework-immutable", "Framework version is immutable",
                "framework " + code + " v" + version + " is published and immutable; create version " + nextVersion);
    }

    static ConflictException conflict(String type, String title, String detail) {
        return new ConflictException(type, title, detail);
    }
}

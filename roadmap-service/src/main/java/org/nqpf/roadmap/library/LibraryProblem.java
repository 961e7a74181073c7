package org.nqpf.roadmap.library;

import java.util.List;
import org.nqpf.web.ConflictException;
import org.nqpf.web.FieldError;
import org.nqpf.web.InvalidInputException;
import org.nqpf.web.NotFoundException;

/** The library's problem types and titles, raised as the platform's shared exceptions. */
final class LibraryProblem {

    private LibraryProblem() {
    }

    /** 422 listing every field that is wrong, so a client can fix them all at once. */
    static InvalidInputException invalid(List<FieldError> problems) {
        return new InvalidInputException("invalid-action-library", "Invalid action library", problems);
    }

    static InvalidInputException invalid(String field, String detail) {
        return invalid(List.of(new FieldError(field, detail)));
    }

    static ConflictException immutable(int version) {
        return new ConflictException("library-immutable", "Library version is immutable", "library version "
                + version + " is published and immutable; create a draft copy of it with POST "
                + "/api/v1/actions/versions {\"from\": " + version + "}");
    }

    static ConflictException required(String code, List<String> by) {
        return new ConflictException("action-required", "Action is a prerequisite", "action " + code
                + " is a prerequisite of " + String.join(", ", by) + "; remove it from their prerequisites first");
    }

    static NotFoundException noVersion(int version) {
        return new NotFoundException("no library version " + version + "; GET /api/v1/actions/versions lists them");
    }

    static NotFoundException noAction(String code, int version) {
        return new NotFoundException("no action with code '" + code + "' in library version " + version
                + "; GET /api/v1/actions/versions/" + version + " lists them");
    }
}

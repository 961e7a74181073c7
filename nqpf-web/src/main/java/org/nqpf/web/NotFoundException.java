package org.nqpf.web;

import org.springframework.http.HttpStatus;

/** 404: what the client named does not exist; the detail says what, e.g. "no entity CN-99". */
public class NotFoundException extends ProblemException {

    public NotFoundException(String detail) {
        super(HttpStatus.NOT_FOUND, "not-found", "Not Found", detail);
    }
}

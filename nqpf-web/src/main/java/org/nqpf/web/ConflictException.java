package org.nqpf.web;

import org.springframework.http.HttpStatus;

/** 409: the request is valid but clashes with the state it would change (exists already, is immutable, ...). */
public class ConflictException extends ProblemException {

    public ConflictException(String detail) {
        this("conflict", "Conflict", detail);
    }

    public ConflictException(String type, String title, String detail) {
        super(HttpStatus.CONFLICT, type, title, detail);
    }
}

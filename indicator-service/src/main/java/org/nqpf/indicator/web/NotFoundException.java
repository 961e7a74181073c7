package org.nqpf.indicator.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** Answered as 404 problem+json naming what was not found. */
public class NotFoundException extends ResponseStatusException {

    public NotFoundException(String what) {
        super(HttpStatus.NOT_FOUND, "no " + what);
    }
}

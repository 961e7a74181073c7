package org.nqpf.indicator.ingest.format;

import org.nqpf.web.ProblemException;
import org.springframework.http.HttpStatus;

/** The input cannot be read on (malformed JSON or CSV, a missing column): answered as 400 naming where. */
public class UnreadableInputException extends ProblemException {

    public UnreadableInputException(String message) {
        this(message, null);
    }

    public UnreadableInputException(String message, Throwable cause) {
        super(HttpStatus.BAD_REQUEST, "unreadable-body", "Unreadable batch", message, cause);
    }
}

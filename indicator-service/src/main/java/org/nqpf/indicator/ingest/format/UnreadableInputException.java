package org.nqpf.indicator.ingest.format;

/** The input cannot be read on (malformed JSON or CSV, a missing column): answered as 400 naming where. */
public class UnreadableInputException extends RuntimeException {

    public UnreadableInputException(String message) {
        super(message);
    }

    public UnreadableInputException(String message, Throwable cause) {
        super(message, cause);
    }
}

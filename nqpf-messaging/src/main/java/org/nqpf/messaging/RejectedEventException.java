package org.nqpf.messaging;

/**
 * A record that can never be processed as it is: it goes straight to the dead-letter topic with this message as
 * the reason, without retries, and the partition moves on.
 */
public class RejectedEventException extends RuntimeException {

    public RejectedEventException(String reason) {
        super(reason);
    }

    public RejectedEventException(String reason, Throwable cause) {
        super(reason, cause);
    }
}

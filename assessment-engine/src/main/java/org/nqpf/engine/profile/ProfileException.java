package org.nqpf.engine.profile;

/** A profile that cannot be used; the message names the source and the JSON path at fault. */
public class ProfileException extends IllegalArgumentException {

    public ProfileException(String message) {
        super(message);
    }

    public ProfileException(String message, Throwable cause) {
        super(message, cause);
    }
}

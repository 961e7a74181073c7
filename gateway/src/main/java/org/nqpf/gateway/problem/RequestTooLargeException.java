package org.nqpf.gateway.problem;

/**
 * A request body beyond {@code nqpf.gateway.max-request-size}; answered with 413. It lives with the problems it is
 * answered with, so the handler need not reach into the filter that raises it.
 */
public class RequestTooLargeException extends RuntimeException {

    private final long limitBytes;

    public RequestTooLargeException(String detail, long limitBytes) {
        super(detail);
        this.limitBytes = limitBytes;
    }

    public long limitBytes() {
        return limitBytes;
    }

    /** This exception when it is {@code error} or one of its causes (the HTTP client and breaker wrap it). */
    public static RequestTooLargeException findIn(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof RequestTooLargeException found) {
                return found;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}

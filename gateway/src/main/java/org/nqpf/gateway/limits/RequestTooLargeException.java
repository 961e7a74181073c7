package org.nqpf.gateway.limits;

import org.springframework.util.unit.DataSize;

/** A request body beyond {@code nqpf.gateway.max-request-size}; answered with 413. */
public class RequestTooLargeException extends RuntimeException {

    private final long limitBytes;

    public RequestTooLargeException(String detail, long limitBytes) {
        super(detail);
        this.limitBytes = limitBytes;
    }

    public long limitBytes() {
        return limitBytes;
    }

    static String describe(long bytes) {
        DataSize size = DataSize.ofBytes(bytes);
        if (bytes % DataSize.ofGigabytes(1).toBytes() == 0) {
            return size.toGigabytes() + "GB";
        }
        if (bytes % DataSize.ofMegabytes(1).toBytes() == 0) {
            return size.toMegabytes() + "MB";
        }
        if (bytes % DataSize.ofKilobytes(1).toBytes() == 0) {
            return size.toKilobytes() + "KB";
        }
        return bytes + " bytes";
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

package org.nqpf.web;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/**
 * The problem types of the platform (RFC 9457 {@code type}): every service and the gateway name theirs under one
 * base, {@value #BASE}, so a client tells problems apart by one vocabulary whoever answered.
 */
public final class ProblemTypes {

    public static final String BASE = "https://nqpf.org/problems/";

    /** Statuses whose type is not their reason phrase: named as clients of the gateway have known them. */
    private static final Map<Integer, String> BY_STATUS = Map.of(413, "request-too-large", 500, "internal-error");

    private ProblemTypes() {
    }

    /** {@code of("invalid-framework")} is {@code https://nqpf.org/problems/invalid-framework}. */
    public static URI of(String name) {
        return URI.create(BASE + name);
    }

    /** The type of a problem that is no more than its status, e.g. {@code .../not-found} for 404. */
    public static URI forStatus(HttpStatusCode status) {
        String name = BY_STATUS.get(status.value());
        if (name == null) {
            HttpStatus known = HttpStatus.resolve(status.value());
            name = known == null ? "status-" + status.value() : known.name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
        return of(name);
    }

    /** The type to answer with: Spring's {@code about:blank} (or none) becomes the status's own. */
    public static URI orForStatus(URI type, HttpStatusCode status) {
        return type == null || "about:blank".equals(type.toString()) ? forStatus(status) : type;
    }
}

package org.nqpf.gateway.correlation;

import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.web.server.ServerWebExchange;

/** The id that follows one request through the gateway, the services and their logs. */
public final class CorrelationId {

    public static final String HEADER = "X-Correlation-Id";

    /** Exchange attribute holding the id; shared by forwarded (fallback) exchanges, which keep the attributes. */
    static final String ATTRIBUTE = CorrelationId.class.getName();

    /** The path the client asked for, before any forward to a fallback rewrote the request. */
    static final String ORIGINAL_PATH_ATTRIBUTE = CorrelationId.class.getName() + ".originalPath";

    // Client-supplied ids end up in every log line downstream: accept only short, plain tokens.
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private CorrelationId() {
    }

    /** The client's id when it is a plain token, otherwise a fresh UUID. */
    public static String acceptOrGenerate(String supplied) {
        if (supplied != null && ACCEPTABLE.matcher(supplied).matches()) {
            return supplied;
        }
        return UUID.randomUUID().toString();
    }

    /** The id of this exchange, or null before {@link CorrelationIdFilter} ran. */
    public static String of(ServerWebExchange exchange) {
        return exchange.getAttribute(ATTRIBUTE);
    }

    /** The path the client asked for (not {@code /fallback/...} after a forward). */
    public static String originalPath(ServerWebExchange exchange) {
        String path = exchange.getAttribute(ORIGINAL_PATH_ATTRIBUTE);
        return path != null ? path : exchange.getRequest().getPath().value();
    }
}

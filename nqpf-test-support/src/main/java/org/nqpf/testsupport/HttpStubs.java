package org.nqpf.testsupport;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** For tests that stand up a JDK {@code HttpServer} in place of a service: the one way such a stub answers. */
public final class HttpStubs {

    private HttpStubs() {
    }

    /** Answers the exchange with this status, content type and text body, and closes it. */
    public static void respond(HttpExchange exchange, int status, String contentType, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}

package org.nqpf.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import static org.nqpf.testsupport.HttpStubs.respond;

/**
 * A stand-in for a service behind the gateway: a real HTTP server on a random port that answers the paths the tests
 * use and remembers what it received.
 */
final class StubService implements AutoCloseable {

    /**
     * What the stub received: method, path with query, the correlation id header, body size, the Authorization and
     * X-Api-Key headers as they arrived.
     */
    record Received(String method, String uri, String correlationId, int bodyBytes, String authorization,
            String apiKey) {
    }

    private final String name;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    final List<Received> received = new CopyOnWriteArrayList<>();
    /** Bytes of request bodies read so far, counted as they arrive (not when the request ends). */
    final AtomicLong streamedBytes = new AtomicLong();

    private StubService(String name) {
        this.name = name;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    static StubService start(String name) {
        return new StubService(name);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A base URL where nothing listens: a service that is stopped. */
    static String stoppedUrl() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        int bodyBytes = 0;
        try (InputStream in = exchange.getRequestBody()) {
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                bodyBytes += n;
                streamedBytes.addAndGet(n);
            }
        }
        String path = exchange.getRequestURI().getPath();
        String uri = exchange.getRequestURI().toString();
        received.add(new Received(exchange.getRequestMethod(), uri,
                exchange.getRequestHeaders().getFirst("X-Correlation-Id"), bodyBytes,
                exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("X-Api-Key")));

        if (path.equals("/actuator/health")) {
            respond(exchange, 200, "application/json", "{\"status\":\"UP\"}");
        }
        else if (path.equals("/actuator/metrics/nqpf.outbox.pending") && name.startsWith("indicator")) {
            respond(exchange, 200, "application/json", "{\"name\":\"nqpf.outbox.pending\",\"measurements\":"
                    + "[{\"statistic\":\"VALUE\",\"value\":42.0}]}");
        }
        else if (path.equals("/v3/api-docs")) {
            respond(exchange, 200, "application/json", "{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"" + name + "\"}}");
        }
        else if (path.endsWith("/missing")) {
            respond(exchange, 404, "application/problem+json",
                    "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
                            + "\"detail\":\"No entity 'missing' in " + name + "\",\"instance\":\"" + path + "\"}");
        }
        else if (path.endsWith("/slow")) {
            try {
                Thread.sleep(1500); // longer than resilience4j's default 1s time limit
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, 200, "application/json", "{\"service\":\"" + name + "\",\"slow\":true}");
        }
        else if (path.endsWith("/broken")) {
            respond(exchange, 500, "application/problem+json",
                    "{\"type\":\"about:blank\",\"title\":\"Internal Server Error\",\"status\":500,"
                            + "\"detail\":\"" + name + " failed on purpose\"}");
        }
        else if (exchange.getRequestMethod().equals("POST")) {
            respond(exchange, 202, "application/json",
                    "{\"service\":\"" + name + "\",\"receivedBytes\":" + bodyBytes + "}");
        }
        else {
            respond(exchange, 200, "application/json",
                    "{\"service\":\"" + name + "\",\"path\":\"" + path + "\"}");
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}

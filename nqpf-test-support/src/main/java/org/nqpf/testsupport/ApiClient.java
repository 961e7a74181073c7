package org.nqpf.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * The tests' HTTP client for a service or the gateway: JSON in and out, any status returned rather than thrown (a
 * test asserts on 4xx and 5xx answers as much as on 200s), problem+json checks, and polling until an answer shows
 * what the test waits for. Plain {@code java.net.http}, so tests that start the platform as processes use it too;
 * in a {@link ServiceTest} it is a bean pointed at the service's random port.
 */
public final class ApiClient {

    public static final String JSON = "application/json";
    public static final String PROBLEM_JSON = "application/problem+json";
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

    static {
        // JDK 17 keeps an idle connection for 20 minutes, Tomcat for 60 s: a request sent on one the server has
        // closed fails ("header parser received no bytes"). Drop idle connections well before the server does.
        if (System.getProperty("jdk.httpclient.keepalive.timeout") == null) {
            System.setProperty("jdk.httpclient.keepalive.timeout", "5");
        }
    }

    private final Supplier<String> baseUrl;
    private final HttpClient http;
    private final JsonMapper json;
    /** The access token every request carries unless it sets its own Authorization; null for none. */
    private final Supplier<String> token;

    public ApiClient(String baseUrl) {
        this(() -> baseUrl);
    }

    /** The base URL is asked for at each request: a service's port is known only once its server has started. */
    public ApiClient(Supplier<String> baseUrl) {
        this(baseUrl, JsonMapper.builder().build());
    }

    public ApiClient(Supplier<String> baseUrl, JsonMapper json) {
        this(baseUrl, json, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), null);
    }

    private ApiClient(Supplier<String> baseUrl, JsonMapper json, HttpClient http, Supplier<String> token) {
        this.baseUrl = baseUrl;
        this.json = json;
        this.http = http;
        this.token = token;
    }

    /** The same client sending {@code Authorization: Bearer <token>}, the token asked for at each request. */
    public ApiClient withToken(Supplier<String> bearer) {
        return new ApiClient(baseUrl, json, http, bearer);
    }

    /** The same client acting as a client of the {@link TestIdentity} (a demo client, or the test client). */
    public ApiClient as(String clientId) {
        return withToken(() -> TestIdentity.shared().token(clientId));
    }

    /** The same client without credentials. */
    public ApiClient anonymous() {
        return new ApiClient(baseUrl, json, http, null);
    }

    public String url(String path) {
        return baseUrl.get() + path;
    }

    public JsonMapper json() {
        return json;
    }

    public Response get(String path) {
        return request("GET", path).send();
    }

    /** GETs the path, asserts 200 and returns the JSON body. */
    public JsonNode getOk(String path) {
        return get(path).assertOk().body();
    }

    /** Sends JSON text; a null body sends none. */
    public Response post(String path, String jsonBody) {
        return request("POST", path).json(jsonBody).send();
    }

    /** Sends the object as JSON. */
    public Response postJson(String path, Object body) {
        return request("POST", path).json(json.writeValueAsString(body)).send();
    }

    public Response put(String path, String jsonBody) {
        return request("PUT", path).json(jsonBody).send();
    }

    public Response delete(String path) {
        return request("DELETE", path).send();
    }

    /** A request to shape further: headers, another content type, a timeout. */
    public Request request(String method, String path) {
        return new Request(method, path);
    }

    /** Polls GET {@code path} until it answers 200 and the condition holds; returns that answer. */
    public Response awaitUntil(String path, Predicate<Response> condition) {
        return awaitUntil(path, condition, TIMEOUT);
    }

    public Response awaitUntil(String path, Predicate<Response> condition, Duration timeout) {
        return awaitUntil(path, condition, timeout, POLL_INTERVAL);
    }

    public Response awaitUntil(String path, Predicate<Response> condition, Duration timeout, Duration interval) {
        return Poll.until("GET " + path + " answering 200 as awaited", timeout, interval, () -> get(path),
                r -> r.status() == 200 && condition.test(r));
    }

    public final class Request {

        private final HttpRequest.Builder builder;
        private final String method;
        private final String path;
        private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
        private boolean authorization;

        private Request(String method, String path) {
            this.method = method;
            this.path = path;
            this.builder = HttpRequest.newBuilder(URI.create(url(path))).timeout(TIMEOUT);
        }

        public Request header(String name, String value) {
            if (value != null) {
                builder.header(name, value);
                authorization |= name.equalsIgnoreCase("Authorization");
            }
            return this;
        }

        /** JSON text as the body; null leaves the request without one. */
        public Request json(String jsonBody) {
            return jsonBody == null ? this : body(JSON, jsonBody.getBytes(StandardCharsets.UTF_8));
        }

        public Request body(String contentType, String text) {
            return body(contentType, text.getBytes(StandardCharsets.UTF_8));
        }

        public Request body(String contentType, byte[] bytes) {
            builder.header("Content-Type", contentType);
            body = HttpRequest.BodyPublishers.ofByteArray(bytes);
            return this;
        }

        public Request body(String contentType, Path file) {
            builder.header("Content-Type", contentType);
            try {
                body = HttpRequest.BodyPublishers.ofFile(file);
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        public Request timeout(Duration timeout) {
            builder.timeout(timeout);
            return this;
        }

        public Response send() {
            try {
                if (!authorization && token != null) {
                    builder.header("Authorization", "Bearer " + token.get());
                }
                HttpRequest request = builder.method(method, body).build();
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                return new Response(method, request.uri(), r.statusCode(), r.headers(), r.body(), parse(r.body()));
            }
            catch (IOException e) {
                throw new UncheckedIOException(method + " " + path + " failed", e);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private JsonNode parse(String text) {
        if (text == null || text.isEmpty()) {
            return json.nullNode();
        }
        try {
            return json.readTree(text);
        }
        catch (JacksonException e) {
            return MissingNode.getInstance(); // not JSON: the text is still there to assert on
        }
    }

    /** An answer: status, headers, the body as text and as JSON (null node when empty). */
    public final class Response {

        private final String method;
        private final URI uri;
        private final int status;
        private final HttpHeaders headers;
        private final String text;
        private final JsonNode body;

        Response(String method, URI uri, int status, HttpHeaders headers, String text, JsonNode body) {
            this.method = method;
            this.uri = uri;
            this.status = status;
            this.headers = headers;
            this.text = text;
            this.body = body;
        }

        public int status() {
            return status;
        }

        public String text() {
            return text;
        }

        public JsonNode body() {
            return body;
        }

        /** The Content-Type header; empty when absent. */
        public String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }

        /** The header's first value, or null. */
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public List<String> headers(String name) {
            return headers.allValues(name);
        }

        public String location() {
            return header("Location");
        }

        /** Whether the body is an RFC 9457 problem (application/problem+json, parameters aside). */
        public boolean problemJson() {
            return contentType().startsWith(PROBLEM_JSON);
        }

        /** Asserts a 200 answer; returns it. */
        public Response assertOk() {
            if (status != 200) {
                throw new AssertionError("expected 200 from " + method + " " + uri + ", got " + this);
            }
            return this;
        }

        /** Asserts a problem+json answer with this status (in the status line and the body); returns the problem. */
        public JsonNode assertProblem(int expectedStatus) {
            if (status != expectedStatus || !problemJson() || body.path("status").asInt() != expectedStatus) {
                throw new AssertionError("expected a " + expectedStatus + " problem+json, got " + this);
            }
            return body;
        }

        /** The body as a JSON object of plain Java values (numbers as Integer, Long or Double, as Jackson reads them). */
        public Map<String, Object> map() {
            return as(new TypeReference<LinkedHashMap<String, Object>>() {
            });
        }

        /** The body as a JSON array of objects of plain Java values. */
        public List<Map<String, Object>> list() {
            return as(new TypeReference<List<Map<String, Object>>>() {
            });
        }

        public <T> T as(TypeReference<T> type) {
            return json.readValue(text, type);
        }

        @Override
        public String toString() {
            return status + " " + contentType() + " " + (text.length() > 2000 ? text.substring(0, 2000) + "..." : text);
        }
    }
}

package org.nqpf.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Supplier;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A client of the platform getting its access tokens by the client-credentials grant, renewed a minute before they
 * expire: the launcher's own tools (demo data, ingest, benchmarks) call the API as a seeded client.
 */
public final class ClientCredentials implements Supplier<String> {

    /** The local platform's issuer; {@code NQPF_ISSUER} names another. */
    public static final String LOCAL_ISSUER = "http://localhost:9000";

    private final String issuer;
    private final String clientId;
    private final String secret;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String token;
    private Instant renewAt = Instant.MIN;

    public ClientCredentials(String issuer, String clientId, String secret) {
        this.issuer = issuer;
        this.clientId = clientId;
        this.secret = secret;
    }

    /**
     * A seeded demo client of the local platform: its secret from {@code NQPF_CLIENT_SECRET} when set, else the
     * local default {@code <client>-secret} (docs/SECURITY.md); the issuer from {@code NQPF_ISSUER} when set.
     */
    public static ClientCredentials demo(String clientId) {
        String issuer = System.getenv().getOrDefault("NQPF_ISSUER", LOCAL_ISSUER);
        return demo(issuer, clientId);
    }

    public static ClientCredentials demo(String issuer, String clientId) {
        String secret = System.getenv("NQPF_CLIENT_SECRET");
        return new ClientCredentials(issuer, clientId, secret == null || secret.isBlank() ? clientId + "-secret" : secret);
    }

    /**
     * What a command-line tool calls the API with: {@code NQPF_TOKEN} when set, else the client named by
     * {@code NQPF_CLIENT} (default {@code defaultClient}) with {@link #demo(String)}'s secret and issuer.
     */
    public static Supplier<String> fromEnvironment(String defaultClient) {
        String token = System.getenv("NQPF_TOKEN");
        if (token != null && !token.isBlank()) {
            return () -> token;
        }
        return demo(System.getenv().getOrDefault("NQPF_CLIENT", defaultClient));
    }

    public String clientId() {
        return clientId;
    }

    @Override
    public synchronized String get() {
        if (Instant.now().isAfter(renewAt)) {
            fetch();
        }
        return token;
    }

    /** {@code Bearer <token>}, for an Authorization header. */
    public String header() {
        return "Bearer " + get();
    }

    private void fetch() {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .timeout(Duration.ofSeconds(30)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the identity provider " + issuer + " refused client " + clientId
                        + ": " + response.statusCode() + " " + response.body());
            }
            JsonNode body = new ObjectMapper().readTree(response.body());
            token = body.path("access_token").asText();
            renewAt = Instant.now().plusSeconds(Math.max(0, body.path("expires_in").asLong() - 60));
        }
        catch (IOException e) {
            throw new IllegalStateException("no token for " + clientId + ": " + issuer + " does not answer ("
                    + e.getMessage() + ")", e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

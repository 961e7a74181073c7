package org.nqpf.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real identity provider for the tests: the platform's own auth-server, run from its executable jar as a process
 * once per test JVM, with the demo clients of docs/SECURITY.md and one test client ({@value #TEST_CLIENT}: STEWARD,
 * ANALYST and OPERATOR, what the services' own tests do). Tokens come from its token endpoint; the ones a provider
 * will not issue (expired, signed by another key, for another audience) are minted here with its own key, which the
 * tests hand it, or with another.
 */
public final class TestIdentity {

    public static final String TEST_CLIENT = "nqpf-test";
    public static final List<String> DEMO_CLIENTS = List.of("demo-feed", "demo-portal-a", "demo-portal-b",
            "demo-analyst", "demo-steward", "demo-operator");

    private static TestIdentity shared;

    private final String issuer;
    private final RSAKey key;
    private final Process process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    private record Token(String value, Instant expiresAt) {
    }

    private TestIdentity(String issuer, RSAKey key, Process process) {
        this.issuer = issuer;
        this.key = key;
        this.process = process;
    }

    /** The JVM's provider, started on first use. */
    public static synchronized TestIdentity shared() {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    /** A provider that is already running (the launcher's), for tests that start the platform as processes. */
    public static TestIdentity of(String issuer, Path signingKeyFile) {
        try {
            return new TestIdentity(issuer, RSAKey.parse(Files.readString(signingKeyFile)), null);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (ParseException e) {
            throw new IllegalStateException(signingKeyFile + " is not a JWK", e);
        }
    }

    public String issuer() {
        return issuer;
    }

    /** A token for a demo client or the test client, from the provider's token endpoint; cached until near expiry. */
    public String token(String clientId) {
        Token cached = tokens.get(clientId);
        if (cached == null || cached.expiresAt().isBefore(Instant.now().plusSeconds(60))) {
            cached = fetch(clientId, secretOf(clientId));
            tokens.put(clientId, cached);
        }
        return cached.value();
    }

    /** The claims the provider put into the client's token, as a JSON tree. */
    public JsonNode claims(String clientId) {
        String[] parts = token(clientId).split("\\.");
        return json.readTree(Base64.getUrlDecoder().decode(parts[1]));
    }

    /** The client's own claims in a token that expired ten minutes ago, signed with the provider's key. */
    public String expiredToken(String clientId) {
        Instant past = Instant.now().minus(Duration.ofMinutes(10));
        return sign(key, claimsOf(clientId).issueTime(Date.from(past.minus(Duration.ofMinutes(15))))
                .notBeforeTime(Date.from(past.minus(Duration.ofMinutes(15)))).expirationTime(Date.from(past)).build());
    }

    /** The client's own claims, valid in time, signed by a key the provider never published. */
    public String tokenSignedByAnotherKey(String clientId) {
        try {
            RSAKey other = new RSAKeyGenerator(2048).keyID(key.getKeyID()).generate();
            return sign(other, claimsOf(clientId).build());
        }
        catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The client's own claims for another API: signed by the provider's key, but not for {@code nqpf}. */
    public String tokenForAudience(String clientId, String audience) {
        return sign(key, claimsOf(clientId).audience(List.of(audience)).build());
    }

    /**
     * A token for any subject and roles, as the provider would sign it (its issuer and key), valid for
     * {@code validFor} from now (negative: expired that long ago), for {@code audience}; or signed by a key the
     * provider never published. For a component whose tests need callers the provider has no client for.
     */
    public String mint(String subject, List<String> roles, Duration validFor, String audience, boolean anotherKey) {
        Instant now = Instant.now();
        Instant expires = now.plus(validFor);
        Instant issued = validFor.isNegative() ? expires.minus(Duration.ofMinutes(15)) : now;
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).audience(List.of(audience)).subject(subject)
                .claim("roles", roles).issueTime(Date.from(issued)).notBeforeTime(Date.from(issued))
                .expirationTime(Date.from(expires)).jwtID(UUID.randomUUID().toString()).build();
        try {
            return sign(anotherKey ? new RSAKeyGenerator(2048).keyID(key.getKeyID()).generate() : key, claims);
        }
        catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private JWTClaimsSet.Builder claimsOf(String clientId) {
        try {
            JWTClaimsSet real = SignedJWT.parse(token(clientId)).getJWTClaimsSet();
            Instant now = Instant.now();
            return new JWTClaimsSet.Builder(real).jwtID(UUID.randomUUID().toString()).issueTime(Date.from(now))
                    .notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(10))));
        }
        catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        }
        catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String secretOf(String clientId) {
        return clientId.equals(TEST_CLIENT) ? "nqpf-test-secret" : clientId + "-secret";
    }

    private Token fetch(String clientId, String secret) {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .timeout(Duration.ofSeconds(30)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("no token for " + clientId + ": " + response.statusCode() + " "
                        + response.body());
            }
            JsonNode body = json.readTree(response.body());
            return new Token(body.get("access_token").asString(),
                    Instant.now().plusSeconds(body.get("expires_in").asLong()));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static TestIdentity start() {
        try {
            Path jar = executableJar();
            Path dir = Files.createTempDirectory("nqpf-test-identity");
            RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
            Path keyFile = dir.resolve("signing-key.json");
            Files.writeString(keyFile, key.toJSONString());
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder builder = new ProcessBuilder(java, "-Xmx128m", "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1", "-jar", jar.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("auth-server.log").toFile());
            // Configuration through the environment: a secret never on a command line.
            Map<String, String> env = builder.environment();
            env.put("SERVER_PORT", Integer.toString(port));
            env.put("NQPF_AUTH_SIGNING_KEY_FILE", keyFile.toString());
            env.put("NQPF_AUTH_DEMO_CLIENTS", "true");
            env.put("NQPF_AUTH_CLIENTS_0_ID", TEST_CLIENT);
            env.put("NQPF_AUTH_CLIENTS_0_SECRET", secretOf(TEST_CLIENT));
            env.put("NQPF_AUTH_CLIENTS_0_ROLES", "STEWARD,ANALYST,OPERATOR");
            Process process = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "test-identity-stop"));
            TestIdentity identity = new TestIdentity("http://localhost:" + port, key, process);
            identity.awaitUp(dir.resolve("auth-server.log"));
            return identity;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitUp(Path log) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException("auth-server exited; see " + log);
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(issuer + "/actuator/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            }
            catch (IOException e) {
                // not listening yet
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(250);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("auth-server not up after 90 s; see " + log);
    }

    /** auth-server's executable jar in the project this test runs in (the reactor builds it first). */
    static Path executableJar() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            Path jar = d.resolve("auth-server").resolve("target").resolve("auth-server-exec.jar");
            if (Files.exists(jar)) {
                return jar;
            }
        }
        throw new IllegalStateException("no auth-server/target/auth-server-exec.jar above " + dir
                + ": build it first (./mvnw -pl auth-server install -DskipTests)");
    }
}

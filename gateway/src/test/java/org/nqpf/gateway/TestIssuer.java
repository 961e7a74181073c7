package org.nqpf.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

import org.springframework.test.context.DynamicPropertyRegistry;

import static org.nqpf.testsupport.HttpStubs.respond;

/**
 * A real JWT issuer for the test JVM, until nqpf-test-support's {@code TestIdentity} (backed by the auth-server)
 * replaces it: an HTTP server on a random port serving {@code /.well-known/openid-configuration} (issuer and
 * {@code jwks_uri}) and the JWKS of an RSA key made here, and tokens signed with that key (RS256) carrying the
 * claims the platform reads ({@code iss}, {@code aud: ["nqpf"]}, {@code sub}, {@code roles}, {@code exp}).
 * <p>
 * One per JVM ({@link #shared()}), so every test context points at the same issuer and contexts stay cached.
 */
final class TestIssuer {

    private static final TestIssuer SHARED = new TestIssuer();

    private final RSAKey key;
    private final HttpServer server;

    private TestIssuer() {
        try {
            key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        }
        catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String jwks = new JWKSet(key.toPublicJWK()).toString();
        server.createContext("/.well-known/openid-configuration", exchange -> respond(exchange, 200,
                "application/json", "{\"issuer\":\"" + issuer() + "\",\"jwks_uri\":\"" + issuer() + "/jwks\","
                        + "\"id_token_signing_alg_values_supported\":[\"RS256\"],"
                        + "\"subject_types_supported\":[\"public\"],\"response_types_supported\":[\"code\"]}"));
        server.createContext("/jwks", exchange -> respond(exchange, 200, "application/json", jwks));
        server.setExecutor(null);
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
    }

    static TestIssuer shared() {
        return SHARED;
    }

    String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Points the application's resource server at this issuer. */
    void register(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", this::issuer);
    }

    /** A valid access token for {@code subject} with {@code roles}, for the audience nqpf, valid 10 minutes. */
    String token(String subject, String... roles) {
        return sign(key, claims(subject, List.of(roles)).build());
    }

    /** The bearer header value of {@link #token}. */
    String bearer(String subject, String... roles) {
        return "Bearer " + token(subject, roles);
    }

    /** A token that expired an hour ago. */
    String expiredToken(String subject, String... roles) {
        Instant past = Instant.now().minus(Duration.ofHours(1));
        return sign(key, claims(subject, List.of(roles)).issueTime(Date.from(past.minusSeconds(600)))
                .expirationTime(Date.from(past)).build());
    }

    /** A token for another audience. */
    String tokenForAudience(String audience, String subject, String... roles) {
        return sign(key, claims(subject, List.of(roles)).audience(List.of(audience)).build());
    }

    /** A token signed by a key the issuer never published. */
    String tokenSignedByAnotherKey(String subject, String... roles) {
        try {
            RSAKey other = new RSAKeyGenerator(2048).keyID(key.getKeyID()).generate();
            return sign(other, claims(subject, List.of(roles)).build());
        }
        catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private JWTClaimsSet.Builder claims(String subject, List<String> roles) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(issuer())
                .audience(List.of("nqpf"))
                .subject(subject)
                .claim("roles", roles)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(10))))
                .jwtID(UUID.randomUUID().toString());
    }

    private static String sign(RSAKey signingKey, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        }
        catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}

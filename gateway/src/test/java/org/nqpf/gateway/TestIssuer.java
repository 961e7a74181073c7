package org.nqpf.gateway;

import java.time.Duration;
import java.util.List;
import org.nqpf.testsupport.TestIdentity;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The gateway tests' tokens, from the platform's real identity provider ({@link TestIdentity}: auth-server run once
 * per test JVM): the gateway validates them against its published keys through its discovery document. The gateway's
 * tests need callers of any subject and roles, so the tokens are signed with the provider's own key here.
 */
final class TestIssuer {

    private static final TestIssuer SHARED = new TestIssuer();
    private static final Duration VALID = Duration.ofMinutes(10);

    private final TestIdentity identity = TestIdentity.shared();

    static TestIssuer shared() {
        return SHARED;
    }

    String issuer() {
        return identity.issuer();
    }

    /** Points the application's resource server at this issuer. */
    void register(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", this::issuer);
    }

    /** A valid access token for {@code subject} with {@code roles}, for the audience nqpf, valid 10 minutes. */
    String token(String subject, String... roles) {
        return identity.mint(subject, List.of(roles), VALID, "nqpf", false);
    }

    /** The bearer header value of {@link #token}. */
    String bearer(String subject, String... roles) {
        return "Bearer " + token(subject, roles);
    }

    /** A token that expired an hour ago. */
    String expiredToken(String subject, String... roles) {
        return identity.mint(subject, List.of(roles), Duration.ofHours(-1), "nqpf", false);
    }

    /** A token for another audience. */
    String tokenForAudience(String audience, String subject, String... roles) {
        return identity.mint(subject, List.of(roles), VALID, audience, false);
    }

    /** A token signed by a key the issuer never published. */
    String tokenSignedByAnotherKey(String subject, String... roles) {
        return identity.mint(subject, List.of(roles), VALID, "nqpf", true);
    }
}

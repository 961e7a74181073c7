package org.nqpf.auth.clients;

import java.util.List;

/**
 * A client of the platform and what its tokens say about it.
 *
 * @param id     the client id, and the token's {@code sub}
 * @param secret the client secret: plain in configuration (from the environment outside the local platform), stored
 *               hashed
 * @param roles  {@code FEED}, {@code PORTAL}, {@code ANALYST}, {@code STEWARD}, {@code OPERATOR}
 * @param tenant the tenant a PORTAL acts for
 * @param source the source a FEED's observations are recorded under; a FEED without one uses its id
 */
public record PlatformClient(String id, String secret, List<String> roles, String tenant, String source) {

    public static final List<String> ROLES = List.of("FEED", "PORTAL", "ANALYST", "STEWARD", "OPERATOR");

    public PlatformClient {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a client needs an id");
        }
        if (secret == null || secret.length() < 8) {
            throw new IllegalArgumentException("client " + id + " needs a secret of at least 8 characters");
        }
        roles = roles == null ? List.of() : List.copyOf(roles);
        for (String role : roles) {
            if (!ROLES.contains(role)) {
                throw new IllegalArgumentException("client " + id + " has unknown role " + role + "; known: " + ROLES);
            }
        }
        if (roles.contains("PORTAL") && (tenant == null || tenant.isBlank())) {
            throw new IllegalArgumentException("PORTAL client " + id + " needs a tenant");
        }
        if (roles.contains("FEED") && (source == null || source.isBlank())) {
            source = id;
        }
    }
}

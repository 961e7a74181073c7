package org.nqpf.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who is calling, as the domain needs it: the subject, its roles, and the tenant or source its identity binds it to.
 *
 * @param subject the token's {@code sub} or the API key's id
 * @param tenant  the tenant a PORTAL acts for, or null
 * @param source  the source a FEED's observations are recorded under, or null
 */
public record Caller(String subject, Set<Role> roles, String tenant, String source) {

    public Caller {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /**
     * Whether every entity the caller sees must be of its tenant: a PORTAL with no role that reads across tenants.
     * A caller that reads across tenants (ANALYST, STEWARD, OPERATOR) is never tenant-bound.
     */
    public boolean tenantBound() {
        return !has(Role.ANALYST) && !has(Role.STEWARD) && !has(Role.OPERATOR);
    }

    /** Whether an entity of this tenant (null: of none) is visible to the caller. */
    public boolean sees(String entityTenant) {
        return !tenantBound() || (tenant != null && tenant.equals(entityTenant));
    }

    /** Whether the caller submits only under its own source (a FEED that is not a STEWARD). */
    public boolean sourceBound() {
        return has(Role.FEED) && !has(Role.STEWARD);
    }

    /** The caller of the current request; fails when there is none (a route left unauthenticated by mistake). */
    public static Caller current() {
        return of(SecurityContextHolder.getContext().getAuthentication());
    }

    public static Caller of(Authentication authentication) {
        if (authentication instanceof CallerAuthentication known) {
            return known.caller();
        }
        if (authentication instanceof JwtAuthenticationToken token) {
            Jwt jwt = token.getToken();
            return new Caller(jwt.getSubject(), roles(token.getAuthorities()), jwt.getClaimAsString("tenant"),
                    jwt.getClaimAsString("source"));
        }
        throw new IllegalStateException("no authenticated caller on this request");
    }

    static Set<Role> roles(Collection<? extends GrantedAuthority> authorities) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (GrantedAuthority authority : authorities) {
            for (Role role : Role.values()) {
                if (role.authority().equals(authority.getAuthority())) {
                    roles.add(role);
                }
            }
        }
        return roles;
    }

    /** Roles as authorities, for an authentication built from a caller. */
    public List<GrantedAuthority> authorities() {
        return roles.stream().map(r -> (GrantedAuthority) r::authority).toList();
    }
}

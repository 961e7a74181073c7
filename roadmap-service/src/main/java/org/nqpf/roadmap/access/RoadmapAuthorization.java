package org.nqpf.roadmap.access;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import org.nqpf.security.ServiceAuthorization;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * Who may call which roadmap-service route (docs/SECURITY.md). Tenants are judged further in ({@link TenantAccess}):
 * a PORTAL passes here and is then shown only its tenant's roadmaps, the other entities in them as anonymous peers.
 */
@Component
class RoadmapAuthorization implements ServiceAuthorization {

    @Override
    public void rules(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        rules.requestMatchers(GET, "/api/v1/actions", "/api/v1/actions/**").authenticated()
                .requestMatchers("/api/v1/actions", "/api/v1/actions/**").hasRole("STEWARD")
                // before the entity routes: its path is also /api/v1/roadmaps/{entityId}/...
                .requestMatchers(GET, "/api/v1/roadmaps/method-profiles/**").authenticated()
                .requestMatchers("/api/v1/roadmaps/method-profiles/**").hasRole("STEWARD")
                .requestMatchers("/api/v1/roadmaps/*/what-if").hasAnyRole("ANALYST", "PORTAL")
                .requestMatchers("/api/v1/roadmaps", "/api/v1/roadmaps/**")
                .hasAnyRole("PORTAL", "ANALYST", "STEWARD", "OPERATOR");
        // Any other request needs a caller and then answers as it would (404 for no such route, 405 for a method).
    }
}

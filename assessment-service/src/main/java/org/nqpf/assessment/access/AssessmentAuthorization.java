package org.nqpf.assessment.access;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import org.nqpf.security.ServiceAuthorization;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * Who may call which assessment-service route (docs/SECURITY.md). Tenants are judged further in ({@link TenantAccess}):
 * a PORTAL passes here and is then shown only its tenant's entities, the others as anonymous peers.
 */
@Component
class AssessmentAuthorization implements ServiceAuthorization {

    private static final String[] READERS = {"PORTAL", "ANALYST", "STEWARD", "OPERATOR"};

    @Override
    public void rules(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        rules.requestMatchers(GET, "/api/v1/profiles", "/api/v1/profiles/**").authenticated()
                .requestMatchers(PUT, "/api/v1/profiles/**").hasRole("STEWARD")
                .requestMatchers("/api/v1/profiles", "/api/v1/profiles/**").hasRole("STEWARD")
                // before the entity routes: its path is also /api/v1/assessments/{entityId}
                .requestMatchers("/api/v1/assessments/recompute-backlog").hasRole("OPERATOR")
                .requestMatchers(POST, "/api/v1/assessments/*/what-if").hasAnyRole("ANALYST", "PORTAL")
                .requestMatchers(GET, "/api/v1/assessments/*/uncertainty").hasAnyRole("ANALYST", "PORTAL")
                .requestMatchers("/api/v1/assessments/*/what-if", "/api/v1/assessments/*/uncertainty")
                .hasAnyRole("ANALYST", "PORTAL")
                .requestMatchers("/api/v1/assessments", "/api/v1/assessments/**").hasAnyRole(READERS);
        // Any other request needs a caller and then answers as it would (404 for no such route, 405 for a method).
    }
}

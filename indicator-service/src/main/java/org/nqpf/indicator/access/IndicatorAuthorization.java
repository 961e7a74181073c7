package org.nqpf.indicator.access;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import org.nqpf.indicator.apikeys.ApiKeyFilter;
import org.nqpf.indicator.apikeys.ApiKeys;
import org.nqpf.security.ServiceAuthorization;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * Who may call which indicator-service route (docs/SECURITY.md). Tenants are judged further in: a PORTAL passes here
 * for entity reads and is then shown only its tenant's entities.
 */
@Component
class IndicatorAuthorization implements ServiceAuthorization {

    private final ApiKeys apiKeys;

    IndicatorAuthorization(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    /** Feeds that cannot do OAuth2 present an API key instead of a token. */
    @Override
    public void customize(HttpSecurity http) {
        http.addFilterBefore(new ApiKeyFilter(apiKeys), BearerTokenAuthenticationFilter.class);
    }

    @Override
    public void rules(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        rules.requestMatchers(GET, "/api/v1/indicators", "/api/v1/indicators/**", "/api/v1/frameworks",
                        "/api/v1/frameworks/**").authenticated()
                .requestMatchers(POST, "/api/v1/frameworks", "/api/v1/frameworks/**").hasRole("STEWARD")
                .requestMatchers(PUT, "/api/v1/frameworks/**").hasRole("STEWARD")
                .requestMatchers(GET, "/api/v1/entities", "/api/v1/entities/**", "/api/v1/cohorts",
                        "/api/v1/cohorts/**").hasAnyRole("PORTAL", "ANALYST", "STEWARD", "OPERATOR")
                .requestMatchers("/api/v1/entities", "/api/v1/entities/**", "/api/v1/cohorts", "/api/v1/cohorts/**")
                .hasRole("STEWARD")
                .requestMatchers(POST, "/api/v1/observations").hasAnyRole("FEED", "PORTAL", "STEWARD")
                .requestMatchers(GET, "/api/v1/observations", "/api/v1/observations/**")
                .hasAnyRole("PORTAL", "ANALYST", "STEWARD", "OPERATOR")
                .requestMatchers(POST, "/api/v1/imports").hasAnyRole("FEED", "STEWARD")
                .requestMatchers(GET, "/api/v1/imports", "/api/v1/imports/**").hasAnyRole("FEED", "STEWARD", "OPERATOR")
                .requestMatchers("/api/v1/api-keys", "/api/v1/api-keys/**").hasRole("OPERATOR");
        // Any other request needs a caller and then answers as it would (404 for no such route, 405 for a method).
    }
}

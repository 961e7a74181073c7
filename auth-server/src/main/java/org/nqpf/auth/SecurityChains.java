package org.nqpf.auth;

import static org.springframework.security.config.Customizer.withDefaults;

import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The protocol endpoints (token, JWKS, discovery), and beside them only health: no login page, no user accounts.
 * The platform's people come through their organisation's own provider; this one issues client credentials.
 */
@Configuration(proxyBeanMethods = false)
class SecurityChains {

    /** One chain: since Security 7 the authorization server no longer takes a chain of its own by matcher. */
    @Bean
    SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
        http.oauth2AuthorizationServer(server -> server.oidc(withDefaults()));
        http.authorizeHttpRequests(requests -> requests
                .requestMatchers(EndpointRequest.to("health")).permitAll()
                .anyRequest().authenticated());
        return http.build();
    }
}

package org.nqpf.security;

import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The one filter chain of a servlet service (docs/SECURITY.md): stateless, JWTs validated against the issuer
 * ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri}, audiences), roles from the {@code roles} claim; health
 * and the OpenAPI documents public, the rest of actuator and the Operations API for OPERATOR, then the service's
 * {@link ServiceAuthorization},
 * then every other request needs a caller. Refusals are problem+json.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(ServiceAuthorization.class)
public class ResourceServerAutoConfiguration {

    @Bean
    JwtAuthenticationConverter jwtAuthenticationConverter() {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName("roles");
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(roles);
        return converter;
    }

    @Bean
    SecurityFilterChain nqpfSecurityFilterChain(HttpSecurity http, List<ServiceAuthorization> services,
            JwtAuthenticationConverter converter) throws Exception {
        ProblemResponses problems = new ProblemResponses();
        http.csrf(csrf -> csrf.disable()) // no cookies, no sessions: every request carries its own credentials
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .oauth2ResourceServer(oauth -> oauth
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(converter))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems));
        for (ServiceAuthorization service : services) {
            service.customize(http);
        }
        http.authorizeHttpRequests(rules -> {
            rules.requestMatchers(EndpointRequest.to("health")).permitAll()
                    .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/error").permitAll()
                    .requestMatchers(EndpointRequest.toAnyEndpoint()).hasRole(Role.OPERATOR.name())
                    // nqpf-messaging's Operations API (dead letters, their replay, parked outbox rows) in every service
                    .requestMatchers("/api/v1/operations", "/api/v1/operations/**").hasRole(Role.OPERATOR.name());
            services.forEach(service -> service.rules(rules));
            rules.anyRequest().authenticated();
        });
        return http.build();
    }
}

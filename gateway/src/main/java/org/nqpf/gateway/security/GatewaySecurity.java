package org.nqpf.gateway.security;

import java.util.Set;

import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;

/**
 * The gateway as OAuth2 resource server (docs/SECURITY.md): JWT access tokens validated against the issuer's keys
 * ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri}, audience {@code nqpf}), roles from the
 * {@code roles} claim as {@code ROLE_<role>}, the principal's name the token's {@code sub}.
 * <p>
 * The gateway judges only what it must: health and the OpenAPI documents are public, every other actuator endpoint,
 * the console's status and the services' Operations API need OPERATOR, the console's page is public (it asks for a
 * token), every other API call needs an authenticated caller, whatever its role; the services judge roles and tenants themselves. The one exception:
 * a POST to indicator-service's ingest routes that carries {@code X-Api-Key} and no Authorization passes, for
 * indicator-service authenticates the key. The Authorization header is passed on unchanged (token relay).
 * Stateless: no session, no saved request, no login page; refusals are problem+json ({@link SecurityProblems}).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
public class GatewaySecurity {

    /** indicator-service's ingest routes, where a feed may authenticate with an API key instead of a token. */
    static final Set<String> API_KEY_INGEST_PATHS = Set.of("/api/v1/observations", "/api/v1/imports");

    static final String OPERATOR = "OPERATOR";

    @Bean
    SecurityWebFilterChain gatewaySecurityFilterChain(ServerHttpSecurity http, SecurityProblems problems) {
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .pathMatchers("/actuator", "/actuator/**").hasRole(OPERATOR)
                        .pathMatchers("/console/api/**").hasRole(OPERATOR)
                        // the services' Operations API (dead letters, replay, parked outbox rows): OPERATOR here too
                        .pathMatchers("/api/v1/operations", "/api/v1/operations/**").hasRole(OPERATOR)
                        .pathMatchers("/console", "/console/", "/console/**").permitAll()
                        .pathMatchers("/api-docs/**").permitAll()
                        .matchers(GatewaySecurity::apiKeyIngest).permitAll()
                        .pathMatchers("/api/**").authenticated()
                        // Only a breaker's forward reaches a fallback; called directly it answers 404 itself.
                        .pathMatchers("/fallback/**").permitAll()
                        .anyExchange().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(rolesClaimConverter()))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .build();
    }

    /** {@code roles: ["OPERATOR"]} becomes the authority {@code ROLE_OPERATOR}; the name stays {@code sub}. */
    static ReactiveJwtAuthenticationConverterAdapter rolesClaimConverter() {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName("roles");
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(roles);
        return new ReactiveJwtAuthenticationConverterAdapter(converter);
    }

    /** A POST to an ingest route with an API key and no Authorization header: indicator-service judges the key. */
    static Mono<MatchResult> apiKeyIngest(org.springframework.web.server.ServerWebExchange exchange) {
        var request = exchange.getRequest();
        HttpHeaders headers = request.getHeaders();
        boolean matches = HttpMethod.POST.equals(request.getMethod())
                && API_KEY_INGEST_PATHS.contains(request.getPath().pathWithinApplication().value())
                && headers.containsHeader("X-Api-Key")
                && !headers.containsHeader(HttpHeaders.AUTHORIZATION);
        return matches ? ServerWebExchangeMatcher.MatchResult.match() : ServerWebExchangeMatcher.MatchResult.notMatch();
    }
}

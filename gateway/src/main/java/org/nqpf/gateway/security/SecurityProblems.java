package org.nqpf.gateway.security;

import java.util.Map;

import reactor.core.publisher.Mono;

import org.nqpf.gateway.problem.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenError;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The gateway's 401 and 403 as problem+json (never a login page or a redirect): 401 {@code .../unauthorized} with
 * {@code WWW-Authenticate: Bearer} (and the token's error, RFC 6750, when one was sent), 403 {@code .../forbidden}.
 */
@Component
public class SecurityProblems implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

    private final Problems problems;

    public SecurityProblems(Problems problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
        String request = exchange.getRequest().getMethod().name() + " " + exchange.getRequest().getPath().value();
        BearerTokenError tokenError = failure instanceof OAuth2AuthenticationException oauth
                && oauth.getError() instanceof BearerTokenError bearer ? bearer : null;
        String challenge = tokenError == null ? "Bearer" : "Bearer error=\"" + tokenError.getErrorCode() + "\""
                + (tokenError.getDescription() == null ? ""
                        : ", error_description=\"" + tokenError.getDescription().replace("\"", "'") + "\"");
        String detail = tokenError == null
                ? request + " needs a bearer token (Authorization: Bearer <access token> from the platform's issuer)."
                : "The bearer token sent with " + request + " was not accepted: " + tokenError.getDescription();
        return problems.write(exchange, HttpStatus.UNAUTHORIZED, Problems.UNAUTHORIZED, detail, Map.of(),
                headers -> headers.set(HttpHeaders.WWW_AUTHENTICATE, challenge));
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        String path = exchange.getRequest().getPath().value();
        String request = exchange.getRequest().getMethod().name() + " " + path;
        boolean operatorOnly = path.startsWith("/actuator") || path.startsWith("/console/api");
        String detail = operatorOnly ? request + " needs the role OPERATOR, which the caller's token does not carry."
                : "The caller's roles do not allow " + request + ".";
        return problems.write(exchange, HttpStatus.FORBIDDEN, Problems.FORBIDDEN, detail, Map.of(),
                headers -> headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\""));
    }
}

package org.nqpf.indicator.apikeys;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import org.nqpf.security.Caller;
import org.nqpf.security.CallerAuthentication;
import org.nqpf.security.ProblemResponses;
import org.nqpf.security.Role;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code X-Api-Key} as a FEED under the key's source. A request with a bearer token is judged by its
 * token alone; a key that is unknown, malformed, rotated away or revoked is refused at once (401), never passed on
 * as anonymous. Not a bean: it runs inside the security chain only.
 */
public final class ApiKeyFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Api-Key";

    private final ApiKeys keys;
    private final ProblemResponses problems = new ProblemResponses();

    public ApiKeyFilter(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String presented = request.getHeader(HEADER);
        if (presented == null || request.getHeader("Authorization") != null) {
            chain.doFilter(request, response);
            return;
        }
        Optional<ApiKey> key = keys.authenticate(presented);
        if (key.isEmpty()) {
            SecurityContextHolder.clearContext();
            problems.commence(request, response,
                    new BadCredentialsException("the API key is unknown, malformed, rotated or revoked"));
            return;
        }
        Caller caller = new Caller("api-key:" + key.get().id(), Set.of(Role.FEED), null, key.get().source());
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new CallerAuthentication(caller));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        }
        finally {
            SecurityContextHolder.clearContext();
        }
    }
}

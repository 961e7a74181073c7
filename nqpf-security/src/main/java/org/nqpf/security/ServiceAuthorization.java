package org.nqpf.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A service's own rules: which role may call which route. The shared chain ({@link ResourceServerAutoConfiguration})
 * puts health and the API documents before them and "any other request needs a caller" after them.
 */
public interface ServiceAuthorization {

    void rules(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules);

    /** Anything else the service adds to its chain: another way to authenticate, say. */
    default void customize(HttpSecurity http) throws Exception {
    }
}

package org.nqpf.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/** An authentication that is a {@link Caller} already: one made from an API key, say, rather than a token. */
public class CallerAuthentication extends AbstractAuthenticationToken {

    private final Caller caller;

    public CallerAuthentication(Caller caller) {
        super(caller.authorities());
        this.caller = caller;
        setAuthenticated(true);
    }

    public Caller caller() {
        return caller;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return caller.subject();
    }

    @Override
    public String getName() {
        return caller.subject();
    }
}

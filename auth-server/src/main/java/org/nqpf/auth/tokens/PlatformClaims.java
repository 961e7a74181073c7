package org.nqpf.auth.tokens;

import java.util.List;
import java.util.Map;
import org.nqpf.auth.clients.ClientsProperties;
import org.nqpf.auth.clients.PlatformClient;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;

/**
 * Puts into each access token what the resource servers decide with (docs/SECURITY.md): the platform audience,
 * the client's roles, and its tenant or source. The audience replaces the default (the client id), so a token
 * issued here for another API is refused by the platform.
 */
@Component
class PlatformClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    private final Map<String, PlatformClient> clients;
    private final String audience;

    PlatformClaims(Map<String, PlatformClient> platformClients, ClientsProperties properties) {
        this.clients = platformClients;
        this.audience = properties.audience();
    }

    @Override
    public void customize(JwtEncodingContext context) {
        if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            return;
        }
        PlatformClient client = clients.get(context.getRegisteredClient().getClientId());
        if (client == null) {
            return;
        }
        context.getClaims().audience(List.of(audience));
        context.getClaims().claim("roles", client.roles());
        if (client.tenant() != null) {
            context.getClaims().claim("tenant", client.tenant());
        }
        if (client.source() != null) {
            context.getClaims().claim("source", client.source());
        }
    }
}

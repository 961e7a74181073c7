package org.nqpf.auth.clients;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/** Registers every platform client for the client-credentials grant, its secret hashed. */
@Configuration(proxyBeanMethods = false)
class ClientRegistrations {

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    Map<String, PlatformClient> platformClients(ClientsProperties properties) {
        List<PlatformClient> all = properties.all();
        if (all.isEmpty()) {
            throw new IllegalStateException("no clients: set nqpf.auth.clients[...] or nqpf.auth.demo-clients=true");
        }
        return all.stream().collect(Collectors.toUnmodifiableMap(PlatformClient::id, c -> c));
    }

    @Bean
    RegisteredClientRepository registeredClientRepository(Map<String, PlatformClient> platformClients,
            ClientsProperties properties, PasswordEncoder encoder) {
        TokenSettings tokens = TokenSettings.builder()
                .accessTokenTimeToLive(Duration.ofMinutes(properties.tokenTtlMinutes())).build();
        List<RegisteredClient> registered = platformClients.values().stream()
                .map(c -> RegisteredClient.withId(UUID.nameUUIDFromBytes(c.id().getBytes()).toString())
                        .clientId(c.id())
                        .clientSecret(encoder.encode(c.secret()))
                        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                        .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                        .tokenSettings(tokens)
                        .build())
                .toList();
        return new InMemoryRegisteredClientRepository(registered);
    }
}

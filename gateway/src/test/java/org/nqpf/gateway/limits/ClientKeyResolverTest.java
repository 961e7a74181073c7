package org.nqpf.gateway.limits;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

class ClientKeyResolverTest {

    private final ClientKeyResolver resolver = new ClientKeyResolver();

    @Test
    void should_TakeTheKeyIdNeverTheSecret_When_RequestCarriesAnApiKey() {
        assertThat(ClientKeyResolver.apiKeyId("nqpf_feed-7_s3cr3t_with_underscores")).isEqualTo("feed-7");
        assertThat(ClientKeyResolver.apiKeyId("nqpf__secret")).isNull();
        assertThat(ClientKeyResolver.apiKeyId("feed-7")).isNull();
        assertThat(ClientKeyResolver.apiKeyId(null)).isNull();

        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/v1/observations")
                .header("X-Api-Key", "nqpf_feed-7_s3cr3t").remoteAddress(new InetSocketAddress("10.0.0.9", 4711)));
        assertThat(resolver.resolve(exchange).block()).isEqualTo("key:feed-7").doesNotContain("s3cr3t");
    }

    @Test
    void should_TakeTheClientAddress_When_ThereIsNeitherPrincipalNorKey() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api-docs/indicator")
                .header("X-Api-Key", "not-a-key").remoteAddress(new InetSocketAddress("10.0.0.9", 4711)));
        assertThat(resolver.resolve(exchange).block()).isEqualTo("ip:10.0.0.9");
    }
}

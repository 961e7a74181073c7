package org.nqpf.gateway;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.nqpf.testsupport.ServiceTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import static org.assertj.core.api.Assertions.assertThat;

/** The rate limit with the in-memory store (the embedded local platform's default). */
@ServiceTest
@AutoConfigureWebTestClient
class RateLimitMemoryIT extends RateLimitITSupport {

    static final StubService indicator = StubService.start("indicator-service");

    @Override
    StubService indicator() {
        return indicator;
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        register(registry, indicator, "memory");
    }

    @AfterAll
    static void stopStub() {
        indicator.close();
    }

    @Test
    void should_LimitCallersWithoutTokenOrKeyByTheirAddress_When_TheyCallPublicRoutes() {
        // The only test here calling without a token or key: all such calls come from 127.0.0.1.
        List<EntityExchangeResult<byte[]>> results = untilRefused(anonymous, "/api-docs/indicator");
        assertThat(refusal(results).getResponseHeaders().getFirst("Retry-After")).isNotNull();
    }
}

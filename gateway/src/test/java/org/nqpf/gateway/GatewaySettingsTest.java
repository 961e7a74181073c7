package org.nqpf.gateway;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.nqpf.gateway.correlation.CorrelationId;
import org.nqpf.gateway.limits.RateLimitSettings;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GatewaySettingsTest {

    @Test
    void should_Allow16MBAnd60s_When_NothingConfigured() {
        GatewaySettings settings = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("nqpf.gateway", GatewaySettings.class);
        assertThat(settings.maxRequestSize()).isEqualTo(DataSize.ofMegabytes(16));
        assertThat(settings.upstreamTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.maxImportSize()).isEqualTo(DataSize.ofGigabytes(2));
    }

    @Test
    void should_TreatOnlyImportPathsAsImports() {
        assertThat(GatewaySettings.isImport("/api/v1/imports")).isTrue();
        assertThat(GatewaySettings.isImport("/api/v1/imports/7/rejections")).isTrue();
        assertThat(GatewaySettings.isImport("/api/v1/importsx")).isFalse();
        assertThat(GatewaySettings.isImport("/api/v1/observations")).isFalse();
    }

    @Test
    void should_UseConfiguredLimit_When_MaxRequestSizeSet() {
        GatewaySettings settings = new Binder(new MapConfigurationPropertySource(
                Map.of("nqpf.gateway.max-request-size", "32MB")))
                .bindOrCreate("nqpf.gateway", GatewaySettings.class);
        assertThat(settings.maxRequestSize()).isEqualTo(DataSize.ofMegabytes(32));
    }

    @Test
    void should_KeepPlainCorrelationIds_And_ReplaceOthers() {
        assertThat(CorrelationId.acceptOrGenerate("abc-123_x.y:z")).isEqualTo("abc-123_x.y:z");
        assertThat(CorrelationId.acceptOrGenerate("two words")).isNotEqualTo("two words").hasSize(36);
        assertThat(CorrelationId.acceptOrGenerate("x".repeat(129))).hasSize(36);
        assertThat(CorrelationId.acceptOrGenerate(null)).hasSize(36);
    }

    @Test
    void should_Limit20PerSecondWithBurstsOf40InMemory_When_NothingConfigured() {
        RateLimitSettings settings = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("nqpf.gateway.rate-limit", RateLimitSettings.class);
        assertThat(settings.store()).isEqualTo(RateLimitSettings.Store.MEMORY);
        assertThat(settings.replenishRate()).isEqualTo(20);
        assertThat(settings.burstCapacity()).isEqualTo(40);
        assertThat(settings.describe()).isEqualTo("20 requests per second with bursts of 40");

        RateLimitSettings redis = new Binder(new MapConfigurationPropertySource(Map.of(
                "nqpf.gateway.rate-limit.store", "redis", "nqpf.gateway.rate-limit.replenish-rate", "5",
                "nqpf.gateway.rate-limit.burst-capacity", "10")))
                .bindOrCreate("nqpf.gateway.rate-limit", RateLimitSettings.class);
        assertThat(redis.store()).isEqualTo(RateLimitSettings.Store.REDIS);
        assertThat(redis.describe()).isEqualTo("5 requests per second with bursts of 10");
    }

    @Test
    void should_RefuseABurstBelowTheReplenishRate() {
        assertThatThrownBy(() -> new RateLimitSettings(RateLimitSettings.Store.MEMORY, 20, 10, 100,
                Duration.ofMillis(500), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("burst-capacity");
    }
}

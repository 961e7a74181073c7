package org.nqpf.gateway;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.nqpf.gateway.correlation.CorrelationId;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

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
}

package org.nqpf.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.nqpf.gateway.routing.Downstream;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.oauth2.jwt.Jwt;

/** The stream's life cycle without a server: it ends when the gateway shuts down, whoever is still reading. */
class ConsoleStreamControllerTest {

    final ConsoleProperties properties = new ConsoleProperties(Duration.ofMillis(500), Duration.ofMillis(100),
            Duration.ofSeconds(1));
    final Downstream none = new Downstream(Map.of());
    final ConsoleStreamController controller = new ConsoleStreamController(
            new ConsoleSampler(none, new ServiceProbe(none, properties), properties), properties);

    @Test
    void should_EndOpenStreams_When_TheGatewayShutsDown() {
        Jwt token = Jwt.withTokenValue("t").header("alg", "RS256").subject("op")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plus(Duration.ofHours(1))).build();
        CompletableFuture.delayedExecutor(700, TimeUnit.MILLISECONDS).execute(controller::closeStreams);

        long started = System.nanoTime();
        List<ServerSentEvent<Object>> events = controller.stream(token).collectList().block(Duration.ofSeconds(10));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(events).extracting(ServerSentEvent::event).startsWith("hello").contains("status", "recent")
                .doesNotContain("expired");
    }
}

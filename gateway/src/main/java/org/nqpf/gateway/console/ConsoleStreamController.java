package org.nqpf.gateway.console;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The console's live stream, {@code GET /console/api/stream} ({@code text/event-stream}, OPERATOR only as all of
 * {@code /console/api/**}, GatewaySecurity). The page cannot use EventSource, which sends no Authorization header: it
 * reads the stream with {@code fetch()}. While the stream is open the gateway asks the services with the caller's
 * token ({@link ConsoleSampler}), so each service's own authorization still decides what the operator sees:
 * <ul>
 * <li>{@code hello}, at once: who is connected, the intervals, and when the token expires;</li>
 * <li>{@code status} every {@code nqpf.console.stream-interval}: health, counters, lag, outbox, dead letters,
 * recompute backlog;</li>
 * <li>{@code recent} every {@code nqpf.console.recent-interval}: recent assessments and roadmaps;</li>
 * <li>{@code expired}, last, when the token expires: the stream ends rather than ask the services with a token they
 * would refuse; the page asks for a new one.</li>
 * </ul>
 * A sample that is still running when the next tick comes makes that tick dropped, never queued.
 */
@RestController
public class ConsoleStreamController {

    public static final String PATH = "/console/api/stream";

    private final ConsoleSampler sampler;
    private final ConsoleProperties properties;
    /** Ends every open stream when the gateway shuts down: graceful shutdown would otherwise wait for them. */
    private final Sinks.One<Boolean> closing = Sinks.one();

    public ConsoleStreamController(ConsoleSampler sampler, ConsoleProperties properties) {
        this.sampler = sampler;
        this.properties = properties;
    }

    @GetMapping(path = PATH, produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Flux<ServerSentEvent<Object>> stream(@AuthenticationPrincipal Jwt token) {
        String authorization = "Bearer " + token.getTokenValue();
        Instant expiresAt = token.getExpiresAt();
        Duration left = expiresAt == null ? Duration.ofDays(1)
                : Duration.between(Instant.now(), expiresAt).isNegative() ? Duration.ZERO
                : Duration.between(Instant.now(), expiresAt);

        Map<String, Object> hello = new LinkedHashMap<>();
        hello.put("subject", token.getSubject());
        hello.put("expiresAt", expiresAt);
        hello.put("streamIntervalMs", properties.streamInterval().toMillis());
        hello.put("recentIntervalMs", properties.recentInterval().toMillis());

        Flux<ServerSentEvent<Object>> status = Flux.interval(Duration.ZERO, properties.streamInterval())
                .onBackpressureDrop()
                .concatMap(tick -> sampler.status(authorization), 1)
                .map(sample -> event("status", sample));
        Flux<ServerSentEvent<Object>> recent = Flux.interval(Duration.ZERO, properties.recentInterval())
                .onBackpressureDrop()
                .concatMap(tick -> sampler.recent(authorization), 1)
                .map(sample -> event("recent", sample));

        Flux<ServerSentEvent<Object>> live = Flux.concat(Mono.just(event("hello", hello)),
                Flux.merge(status, recent).take(left),
                Mono.fromSupplier(() -> event("expired", Map.of("detail",
                        "The access token expired at " + expiresAt + ": the stream ended. Use a new token."))));
        return live.takeUntilOther(closing.asMono());
    }

    @EventListener(ContextClosedEvent.class)
    void closeStreams() {
        closing.tryEmitValue(true);
    }

    private static ServerSentEvent<Object> event(String name, Object data) {
        return ServerSentEvent.builder(data).event(name).build();
    }
}

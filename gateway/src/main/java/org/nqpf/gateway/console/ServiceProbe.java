package org.nqpf.gateway.console;

import java.time.Duration;
import java.util.Map;

import io.netty.channel.ChannelOption;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import org.nqpf.gateway.routing.Downstream;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Asks each service's {@code /actuator/health}, with a short timeout: the console must answer quickly even when a
 * service hangs. Anything but an answer reading {@code UP}/{@code DOWN}/... counts as {@code DOWN}.
 */
@Component
public class ServiceProbe {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT =
            new ParameterizedTypeReference<>() {
            };

    private final Downstream downstream;
    private final Duration timeout;
    private final WebClient client;

    public ServiceProbe(Downstream downstream, ConsoleProperties properties) {
        this.downstream = downstream;
        this.timeout = properties.probeTimeout();
        // Its own small client: probes must not queue behind proxied traffic in the gateway's pool.
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(timeout.toMillis(), Integer.MAX_VALUE))
                .responseTimeout(timeout);
        this.client = WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
    }

    /** All services, in configuration order, probed in parallel, without credentials (health only). */
    public Flux<ServiceStatus> probeAll() {
        return probeAll(null);
    }

    /**
     * All services, in configuration order, probed in parallel; the outbox gauge is actuator's, which each service
     * shows only to an OPERATOR, so it is asked with the caller's {@code Authorization} header (null: not asked for
     * with any, and the service will not tell).
     */
    public Flux<ServiceStatus> probeAll(String authorization) {
        return Flux.fromIterable(downstream.all()).flatMapSequential(service -> probe(service, authorization));
    }

    private Mono<ServiceStatus> probe(Downstream.Service service, String authorization) {
        String base = service.url().toString().replaceAll("/+$", "");
        return health(base).zipWith(outboxPending(base, authorization).map(java.util.Optional::of)
                        .defaultIfEmpty(java.util.Optional.empty()))
                .map(t -> new ServiceStatus(service.name(), base, t.getT1(), t.getT2().orElse(null)));
    }

    private Mono<String> health(String base) {
        return client.get()
                .uri(base + "/actuator/health")
                .accept(MediaType.APPLICATION_JSON)
                // A DOWN service answers 503 with {"status":"DOWN"}: read the body whatever the status.
                .exchangeToMono(response -> response.bodyToMono(JSON_OBJECT)
                        .map(body -> body.get("status") instanceof String s ? s : "DOWN")
                        .onErrorResume(e -> Mono.just("DOWN"))
                        .defaultIfEmpty(response.statusCode().is2xxSuccessful() ? "UP" : "DOWN"))
                .timeout(timeout)
                .onErrorResume(e -> Mono.just("DOWN"));
    }

    /** The service's {@code nqpf.outbox.pending} gauge; empty when it cannot be read. */
    private Mono<Long> outboxPending(String base, String authorization) {
        return client.get()
                .uri(base + "/actuator/metrics/nqpf.outbox.pending")
                .accept(MediaType.APPLICATION_JSON)
                .headers(headers -> {
                    if (authorization != null) {
                        headers.set(HttpHeaders.AUTHORIZATION, authorization);
                    }
                })
                .retrieve()
                .bodyToMono(JSON_OBJECT)
                .flatMap(body -> body.get("measurements") instanceof java.util.List<?> m && !m.isEmpty()
                        && m.get(0) instanceof Map<?, ?> first && first.get("value") instanceof Number n
                        ? Mono.just(n.longValue()) : Mono.<Long>empty())
                .timeout(timeout)
                .onErrorResume(e -> Mono.empty());
    }
}

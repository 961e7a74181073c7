package org.nqpf.gateway.console;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import io.netty.channel.ChannelOption;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;

import org.nqpf.gateway.routing.Downstream;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

/**
 * What the live console shows, asked of the services with the caller's own {@code Authorization} header: each service
 * still decides what this caller may see. Every question has the probe timeout, and a question that fails (a service
 * down, an endpoint it does not have yet, a refusal) makes that part {@link Part#unavailable unavailable} with the
 * reason, never the whole sample.
 */
@Component
public class ConsoleSampler {

    /** The services whose Kafka consumers have the Operations API (docs/design/ISSUE-11.md). */
    static final List<String> OPERATED = List.of("indicator", "assessment", "roadmap");
    static final int LATEST_DEAD_LETTERS = 10;
    static final int RECENT_ROWS = 10;
    /** Cohorts and entities asked about for the recent lists: bounds the questions of one sample. */
    static final int MAX_COHORTS = 3;
    static final int MAX_ENTITIES = 40;

    /** One answer of a service: its JSON body, or why there is none. */
    public record Part(boolean available, JsonNode data, String reason) {

        static Part of(JsonNode data) {
            return new Part(true, data, null);
        }

        static Part unavailable(String reason) {
            return new Part(false, null, reason);
        }
    }

    /** Counter totals (since each service started); the page turns successive samples into rates. */
    public record Throughput(Double observationsStored, Double assessmentsPublished) {
    }

    /** A service's Operations API: its status (lag, outbox, dead-letter counts) and its newest NEW dead letters. */
    public record Operations(String key, String service, Part status, Part deadLetters) {
    }

    /** One sample of the fast-changing state. */
    public record Status(Instant at, List<ServiceStatus> services, Throughput throughput, List<Operations> operations,
            Part recomputeBacklog) {
    }

    public record RecentAssessment(String entityId, String cohort, String period, String frameworkCode,
            double overallScore, int rank, int cohortSize) {
    }

    public record RecentRoadmap(String entityId, String cohort, String frameworkCode, String period, int version,
            Instant generatedAt, int actionCount) {
    }

    /**
     * The newest period's assessments of the first cohorts (best first) and the most recently generated roadmaps of
     * their members; {@code reason} says why a list is empty when a service could not tell.
     */
    public record Recent(Instant at, List<RecentAssessment> assessments, List<RecentRoadmap> roadmaps,
            List<String> reasons) {
    }

    private final Downstream downstream;
    private final ServiceProbe probe;
    private final Duration timeout;
    private final WebClient client;

    public ConsoleSampler(Downstream downstream, ServiceProbe probe, ConsoleProperties properties) {
        this.downstream = downstream;
        this.probe = probe;
        this.timeout = properties.probeTimeout();
        // Its own small client, as the probe's: the console must not queue behind proxied traffic.
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(timeout.toMillis(), Integer.MAX_VALUE))
                .responseTimeout(timeout);
        this.client = WebClient.builder().clientConnector(new ReactorClientHttpConnector(http))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(4 * 1024 * 1024)).build();
    }

    /** Health, counters, the Operations API of each consuming service and the recompute backlog, asked in parallel. */
    public Mono<Status> status(String authorization) {
        Mono<List<ServiceStatus>> services = probe.probeAll(authorization).collectList();
        Mono<Throughput> throughput = Mono.zip(
                counter(authorization, "indicator", "nqpf.ingest.rows", "outcome:accepted"),
                counter(authorization, "assessment", "nqpf.assessment.published", null))
                .map(t -> new Throughput(t.getT1().orElse(null), t.getT2().orElse(null)));
        Mono<List<Operations>> operations = Flux.fromIterable(downstream.all())
                .filter(s -> OPERATED.contains(s.key()))
                .flatMapSequential(s -> operations(authorization, s))
                .collectList();
        Mono<Part> backlog = base("assessment").map(base -> get(authorization,
                base + "/api/v1/assessments/recompute-backlog")).orElseGet(() -> Mono.just(notConfigured("assessment")));
        return Mono.zip(services, throughput, operations, backlog)
                .map(t -> new Status(Instant.now(), t.getT1(), t.getT2(), t.getT3(), t.getT4()));
    }

    private Mono<Operations> operations(String authorization, Downstream.Service service) {
        String base = strip(service.url());
        return Mono.zip(get(authorization, base + "/api/v1/operations/status"),
                        get(authorization, base + "/api/v1/operations/dead-letters?status=NEW&limit={limit}",
                                LATEST_DEAD_LETTERS))
                .map(t -> new Operations(service.key(), service.name(), t.getT1(), t.getT2()));
    }

    /** A counter's total from the service's actuator metrics (OPERATOR only there too); empty when not told. */
    private Mono<java.util.Optional<Double>> counter(String authorization, String key, String meter, String tag) {
        return base(key).map(base -> get(authorization, base + "/actuator/metrics/{meter}" + (tag == null ? ""
                        : "?tag={tag}"), tag == null ? new Object[] {meter} : new Object[] {meter, tag})
                        .map(part -> {
                            JsonNode value = part.available() ? part.data().path("measurements").path(0).path("value")
                                    : null;
                            return value != null && value.isNumber() ? java.util.Optional.of(value.asDouble())
                                    : java.util.Optional.<Double>empty();
                        }))
                .orElseGet(() -> Mono.just(java.util.Optional.empty()));
    }

    /** The recent assessments and roadmaps, from the registry's cohorts, their rankings and the roadmaps' histories. */
    public Mono<Recent> recent(String authorization) {
        java.util.Optional<String> indicator = base("indicator");
        java.util.Optional<String> assessment = base("assessment");
        java.util.Optional<String> roadmap = base("roadmap");
        if (indicator.isEmpty() || assessment.isEmpty() || roadmap.isEmpty()) {
            return Mono.just(new Recent(Instant.now(), List.of(), List.of(), List.of("a service is not configured")));
        }
        List<String> reasons = java.util.Collections.synchronizedList(new ArrayList<>());
        return get(authorization, indicator.get() + "/api/v1/cohorts")
                .flatMapMany(cohorts -> {
                    if (!cohorts.available()) {
                        reasons.add("cohorts: " + cohorts.reason());
                        return Flux.empty();
                    }
                    List<String> codes = new ArrayList<>();
                    cohorts.data().forEach(c -> {
                        String code = c.path("code").asString();
                        if (code != null && !code.isBlank()) {
                            codes.add(code);
                        }
                    });
                    return Flux.fromIterable(codes.subList(0, Math.min(codes.size(), MAX_COHORTS)));
                })
                .flatMapSequential(code -> get(authorization, assessment.get() + "/api/v1/assessments?cohort={c}", code)
                        .map(ranking -> {
                            if (!ranking.available()) {
                                reasons.add("assessments of " + code + ": " + ranking.reason());
                                return List.<RecentAssessment>of();
                            }
                            JsonNode r = ranking.data();
                            List<RecentAssessment> rows = new ArrayList<>();
                            for (JsonNode e : r.path("ranking")) {
                                rows.add(new RecentAssessment(e.path("entityId").asString(), r.path("cohort").asString(),
                                        r.path("period").asString(), r.path("frameworkCode").asString(),
                                        e.path("overallScore").asDouble(), e.path("rank").asInt(),
                                        r.path("cohortSize").asInt()));
                            }
                            return rows;
                        }))
                .collectList()
                .flatMap(perCohort -> {
                    List<RecentAssessment> all = perCohort.stream().flatMap(List::stream).toList();
                    Map<String, RecentAssessment> members = new LinkedHashMap<>();
                    all.forEach(a -> members.putIfAbsent(a.entityId() + "|" + a.cohort(), a));
                    return Flux.fromIterable(members.values()).take(MAX_ENTITIES)
                            .flatMap(a -> roadmap(authorization, roadmap.get(), a), 4)
                            .collectList()
                            .map(roadmaps -> new Recent(Instant.now(),
                                    all.stream().limit(RECENT_ROWS).toList(),
                                    roadmaps.stream().sorted(Comparator.comparing(RecentRoadmap::generatedAt,
                                            Comparator.nullsLast(Comparator.reverseOrder()))).limit(RECENT_ROWS).toList(),
                                    List.copyOf(reasons)));
                });
    }

    private Mono<RecentRoadmap> roadmap(String authorization, String base, RecentAssessment a) {
        return get(authorization, base + "/api/v1/roadmaps/{e}/history?cohort={c}&framework={f}", a.entityId(),
                a.cohort(), a.frameworkCode())
                .flatMap(history -> {
                    if (!history.available()) {
                        return Mono.empty(); // no roadmap yet: not a recent one
                    }
                    JsonNode h = history.data();
                    int current = h.path("currentVersion").asInt();
                    for (JsonNode v : h.path("versions")) {
                        if (v.path("version").asInt() == current) {
                            String at = v.path("generatedAt").asString();
                            return Mono.just(new RecentRoadmap(a.entityId(), a.cohort(), a.frameworkCode(),
                                    v.path("period").asString(), current, at.isEmpty() ? null : Instant.parse(at),
                                    v.path("actionCount").asInt()));
                        }
                    }
                    return Mono.empty();
                });
    }

    /** GET with the caller's header; any failure is the part's reason, said as an operator reads it. */
    Mono<Part> get(String authorization, String uriTemplate, Object... variables) {
        return client.get()
                .uri(uriTemplate, variables)
                .accept(MediaType.APPLICATION_JSON)
                .headers(headers -> {
                    if (authorization != null) {
                        headers.set(HttpHeaders.AUTHORIZATION, authorization);
                    }
                })
                .exchangeToMono(response -> {
                    if (response.statusCode().is2xxSuccessful()) {
                        return response.bodyToMono(JsonNode.class).map(Part::of)
                                .defaultIfEmpty(Part.unavailable("empty answer"));
                    }
                    String status = String.valueOf(response.statusCode().value());
                    // A problem+json's detail says why; anything else, the status alone.
                    return response.bodyToMono(JsonNode.class)
                            .map(problem -> Part.unavailable(status + (problem.path("detail").isString()
                                    ? ": " + problem.path("detail").asString() : "")))
                            .onErrorResume(e -> Mono.just(Part.unavailable(status)))
                            .defaultIfEmpty(Part.unavailable(status));
                })
                .timeout(timeout)
                .onErrorResume(e -> Mono.just(Part.unavailable(describe(e))));
    }

    private String describe(Throwable e) {
        if (e instanceof TimeoutException) {
            return "no answer within " + timeout.toMillis() + " ms";
        }
        if (e instanceof WebClientRequestException request) {
            Throwable cause = request.getMostSpecificCause();
            String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            return message.toLowerCase(java.util.Locale.ROOT).contains("refused") ? "connection refused" : message;
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private java.util.Optional<String> base(String key) {
        URI url = downstream.services().get(key);
        return java.util.Optional.ofNullable(url).map(ConsoleSampler::strip);
    }

    private static String strip(URI url) {
        return url.toString().replaceAll("/+$", "");
    }

    private static Part notConfigured(String key) {
        return Part.unavailable("nqpf.services." + key + " is not configured");
    }
}

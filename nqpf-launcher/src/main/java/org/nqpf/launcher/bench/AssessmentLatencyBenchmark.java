package org.nqpf.launcher.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.nqpf.launcher.ClientCredentials;
import org.nqpf.launcher.DemoData;
import org.nqpf.launcher.Platform;

/**
 * Time from an observation accepted at the gateway to the updated assessment being readable there, under a steady
 * load of single-observation batches against the demo cohort. Each sample posts a new value and polls the entity's
 * assessment until its explanation shows that value. Prints as its last line
 * {@code latency p50_ms=<ms> p99_ms=<ms> samples=<n> rate_per_s=<r>}.
 */
public final class AssessmentLatencyBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] INDICATORS = {"RD_INTENSITY", "URBANISATION_RATE", "AI_PENETRATION",
            "CLOUD_ADOPTION_RATE", "INDUSTRIAL_UPGRADING"};

    private static final String[] REGIONS = {"11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34",
            "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
            "65"};

    /** The benchmark calls the API as the demo steward: it submits observations and reads assessments. */
    private static ClientCredentials steward;

    private AssessmentLatencyBenchmark() {
    }

    public static void run(Path home, List<String> args) throws Exception {
        double rate = doubleArg(args, "--rate", 4);
        int samples = (int) doubleArg(args, "--samples", 200);
        Platform.Config config = Platform.Config.defaults(home).withStateDir(Files.createTempDirectory("nqpf-bench"))
                .withFreePorts();
        System.out.println("starting the platform (embedded Kafka and PostgreSQL, services, demo data)...");
        Platform.liftGatewayRateLimit(); // the polling below is the measurement, not a client to throttle
        try (Platform platform = Platform.start(config)) {
            String gateway = platform.gatewayUrl();
            steward = ClientCredentials.demo(platform.issuer(), "demo-steward");
            DemoData.load(gateway, DemoData.rows(home.resolve("datasets").resolve("china-provinces")), steward);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            awaitCohort(http, gateway);
            System.out.printf("steady load: %.1f observations/s, %d samples%n", rate, samples);
            ExecutorService pollers = Executors.newFixedThreadPool(16);
            List<Future<Double>> latencies = new ArrayList<>();
            SplittableRandom random = new SplittableRandom(42);
            // Each sample its own (entity, indicator, period): a later sample never overwrites one still in flight.
            List<String[]> keys = new ArrayList<>();
            for (String region : REGIONS) {
                for (String indicator : INDICATORS) {
                    for (int year = 2016; year <= 2023; year++) {
                        keys.add(new String[] {"CN-" + region, indicator, String.valueOf(year)});
                    }
                }
            }
            Collections.shuffle(keys, new java.util.Random(42));
            if (samples > keys.size()) {
                throw new IllegalArgumentException("--samples at most " + keys.size());
            }
            long interval = (long) (1e9 / rate);
            long next = System.nanoTime();
            for (int i = 0; i < samples; i++) {
                while (System.nanoTime() < next) {
                    Thread.onSpinWait();
                }
                next += interval;
                String entity = keys.get(i)[0];
                String indicator = keys.get(i)[1];
                String period = keys.get(i)[2];
                double value = Math.round((1 + random.nextDouble() * 9) * 1e6) / 1e6;
                latencies.add(pollers.submit(() -> sample(http, gateway, entity, indicator, period, value)));
            }
            List<Double> ms = new ArrayList<>();
            for (Future<Double> f : latencies) {
                ms.add(f.get(120, TimeUnit.SECONDS));
            }
            pollers.shutdown();
            Collections.sort(ms);
            double p50 = ms.get(ms.size() / 2);
            double p99 = ms.get(Math.min(ms.size() - 1, (int) Math.ceil(ms.size() * 0.99) - 1));
            System.out.printf("latency p50_ms=%.0f p99_ms=%.0f samples=%d rate_per_s=%.1f%n", p50, p99, ms.size(), rate);
        }
    }

    /** Posts one value and returns the milliseconds until the assessment read through the gateway shows it. */
    private static double sample(HttpClient http, String gateway, String entity, String indicator, String period,
            double value) throws Exception {
        String body = JSON.writeValueAsString(Map.of("observations", List.of(Map.of("entity", entity, "indicator",
                indicator, "period", period, "value", value, "source", "latency-bench"))));
        HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/observations"))
                .header("Authorization", steward.header()).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        long accepted = System.nanoTime();
        if (posted.statusCode() != 200) {
            throw new IllegalStateException("not accepted: " + posted.body());
        }
        URI assessment = URI.create(gateway + "/api/v1/assessments/" + entity + "?period=" + period);
        while (System.nanoTime() - accepted < TimeUnit.SECONDS.toNanos(60)) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(assessment)
                    .header("Authorization", steward.header()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                for (JsonNode e : JSON.readTree(r.body()).path("explanation")) {
                    if (indicator.equals(e.path("indicator").asText()) && e.path("value").asDouble() == value) {
                        return (System.nanoTime() - accepted) / 1e6;
                    }
                }
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException(entity + " " + indicator + " " + period + " not reflected after 60 s");
    }

    private static void awaitCohort(HttpClient http, String gateway) throws Exception {
        URI uri = URI.create(gateway + "/api/v1/assessments/CN-11?period=2023");
        for (int i = 0; i < 600; i++) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).header("Authorization", steward.header())
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200 && r.body().contains("\"cohortSize\":31")) {
                Thread.sleep(3000); // let the demo's last recomputes settle
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("demo assessments not ready");
    }

    private static double doubleArg(List<String> args, String name, double fallback) {
        int i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? Double.parseDouble(args.get(i + 1)) : fallback;
    }
}

package org.nqpf.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The demo cohort: the 31 provinces of China, 2015-2023, from the real statistics in
 * {@code datasets/china-provinces} (per-capita and per-GDP indicators derived with POPULATION and GDP as
 * denominators), plus synthetic values, labelled {@code synthetic}, for the AI indicators that no public provincial
 * series covers. Deterministic: the same files always give the same rows.
 */
public final class DemoData {

    /** One row as the observations API takes it. */
    public record Row(String entity, String indicator, String period, double value, String source) {
    }

    private record Derived(String indicator, Function<Map<String, Double>, Double> formula, String... series) {
    }

    private static final List<Derived> DERIVED = List.of(
            perTenThousandPeople("RD_PERSONNEL_DENSITY", "RD_PERSONNEL_FTE"),
            perTenThousandPeople("RESEARCHER_DENSITY", "RD_RESEARCHERS_FTE"),
            perTenThousandPeople("HIGHER_ED_ENROLMENT", "HIGHER_ED_STUDENTS"),
            same("LABOUR_PRODUCTIVITY", "GDP_PER_CAPITA"),
            percentOfGdp("EDUCATION_SPENDING_SHARE", "GOV_EDUCATION_SPENDING", 1),
            perTenThousandPeople("SCI_PAPER_DENSITY", "SCI_PAPERS"),
            same("RD_INTENSITY", "RD_INTENSITY"),
            // 10k yuan over 100m yuan
            new Derived("BASIC_RESEARCH_SHARE", s -> s.get("BASIC_RESEARCH_EXPENDITURE") / (s.get("RD_EXPENDITURE") * 1e4) * 100,
                    "BASIC_RESEARCH_EXPENDITURE", "RD_EXPENDITURE"),
            // 10k tce over 100m yuan = tce per 10k yuan
            new Derived("ENERGY_INTENSITY", s -> s.get("ENERGY_CONSUMPTION") / s.get("GDP"), "ENERGY_CONSUMPTION", "GDP"),
            // 100m yuan over 10k persons, in yuan per person
            new Derived("TELECOM_VOLUME_PER_CAPITA", s -> s.get("TELECOM_BUSINESS_VOLUME") / s.get("POPULATION") * 1e4,
                    "TELECOM_BUSINESS_VOLUME", "POPULATION"),
            percentOfGdp("HIGH_TECH_REVENUE_SHARE", "HIGH_TECH_REVENUE", 1),
            new Derived("NEW_PRODUCT_SALES_SHARE",
                    s -> s.get("HIGH_TECH_NEW_PRODUCT_SALES") / (s.get("HIGH_TECH_REVENUE") * 1e4) * 100,
                    "HIGH_TECH_NEW_PRODUCT_SALES", "HIGH_TECH_REVENUE"),
            same("INDUSTRIAL_UPGRADING", "INDUSTRIAL_UPGRADING_RATE"),
            same("URBANISATION_RATE", "URBANIZATION_RATE"),
            percentOfGdp("SOFTWARE_REVENUE_SHARE", "SOFTWARE_PRODUCT_REVENUE", 1),
            new Derived("ECOMMERCE_SALES_PER_CAPITA", s -> s.get("ECOMMERCE_SALES") / s.get("POPULATION") * 1e4,
                    "ECOMMERCE_SALES", "POPULATION"),
            perTenThousandPeople("INVENTION_PATENT_DENSITY", "INVENTION_PATENTS_GRANTED"),
            perTenThousandPeople("VALID_INVENTION_PATENT_DENSITY", "VALID_INVENTION_PATENTS"),
            percentOfGdp("TECH_MARKET_TURNOVER_SHARE", "TECH_MARKET_OUTFLOW", 1e4),
            new Derived("ENTERPRISE_RD_FUNDS_SHARE", s -> s.get("RD_ENTERPRISE_FUNDS") / (s.get("RD_EXPENDITURE") * 1e4) * 100,
                    "RD_ENTERPRISE_FUNDS", "RD_EXPENDITURE"),
            percentOfGdp("GOV_SCIENCE_SPENDING_SHARE", "GOV_SCIENCE_TECH_SPENDING", 1),
            same("DIGITAL_FINANCE_INDEX", "DIGITAL_FINANCE_INDEX"));

    /**
     * Synthetic AI indicators: value in 2015 for the most digital region, yearly growth, cap, first year. Each
     * region's level follows a digital-economy driver (digital finance index and GDP per capita, both real) with
     * seeded noise, so the synthetic side is plausible but never mistaken for data: its source says so.
     */
    private record Synthetic(String indicator, double base2015, double growth, double cap, int firstYear) {
    }

    private static final List<Synthetic> SYNTHETIC = List.of(
            new Synthetic("AI_SKILLS_TRAINING_COVERAGE", 12, 1.14, 95, 2015),
            new Synthetic("SOFTWARE_IT_EMPLOYMENT_SHARE", 2.5, 1.07, 20, 2015),
            new Synthetic("COMPUTING_POWER_PER_CAPITA", 1.5, 1.35, 900, 2015),
            new Synthetic("ROBOT_DENSITY", 40, 1.16, 2500, 2015),
            new Synthetic("BASE_STATIONS_5G_DENSITY", 0.8, 2.0, 60, 2019),
            new Synthetic("DATA_TRADING_VOLUME", 3, 1.4, 5000, 2015),
            new Synthetic("AI_PENETRATION", 4, 1.2, 80, 2015),
            new Synthetic("CLOUD_ADOPTION_RATE", 18, 1.1, 95, 2015));

    private DemoData() {
    }

    /** All demo rows, derived from {@code observations.csv} of the china-provinces data set. */
    public static List<Row> rows(Path dataset) throws IOException {
        // (entity, period) -> series -> value, and the source of each series
        Map<String, Map<String, Double>> series = new TreeMap<>();
        Map<String, String> sourceOf = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(dataset.resolve("observations.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        int region = header.indexOf("region_code");
        int indicator = header.indexOf("indicator");
        int period = header.indexOf("period");
        int value = header.indexOf("value");
        int source = header.indexOf("source");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            if (f.length < header.size() || f[value].isBlank() || f[value].equals("NA")) {
                continue;
            }
            String entity = "CN-" + f[region].substring(0, 2);
            series.computeIfAbsent(entity + "|" + f[period], k -> new TreeMap<>())
                    .put(f[indicator], Double.parseDouble(f[value]));
            sourceOf.put(f[indicator], f[source]);
        }
        List<Row> rows = new ArrayList<>();
        Map<String, Double> maxDigitalFinance = new TreeMap<>();
        Map<String, Double> maxGdpPerCapita = new TreeMap<>();
        series.forEach((key, values) -> {
            String p = key.split("\\|")[1];
            maxDigitalFinance.merge(p, values.getOrDefault("DIGITAL_FINANCE_INDEX", 0.0), Math::max);
            maxGdpPerCapita.merge(p, values.getOrDefault("GDP_PER_CAPITA", 0.0), Math::max);
        });
        series.forEach((key, values) -> {
            String[] k = key.split("\\|");
            String entity = k[0];
            String p = k[1];
            for (Derived d : DERIVED) {
                if (List.of(d.series()).stream().allMatch(values::containsKey)) {
                    Double v = d.formula().apply(values);
                    if (v != null && Double.isFinite(v)) {
                        String src = List.of(d.series()).stream().map(sourceOf::get).distinct()
                                .reduce((a, b) -> a + "+" + b).orElseThrow();
                        rows.add(new Row(entity, d.indicator(), p, round(v), src));
                    }
                }
            }
            if (values.containsKey("DIGITAL_FINANCE_INDEX") && values.containsKey("GDP_PER_CAPITA")) {
                double driver = 0.5 * values.get("DIGITAL_FINANCE_INDEX") / maxDigitalFinance.get(p)
                        + 0.5 * values.get("GDP_PER_CAPITA") / maxGdpPerCapita.get(p);
                int year = Integer.parseInt(p);
                for (Synthetic s : SYNTHETIC) {
                    if (year < s.firstYear()) {
                        continue;
                    }
                    SplittableRandom random = new SplittableRandom((s.indicator() + entity + p).hashCode());
                    double noise = 0.9 + 0.2 * random.nextDouble();
                    double v = s.base2015() * Math.pow(s.growth(), year - Math.max(2015, s.firstYear()))
                            * (0.25 + 0.75 * driver) * noise;
                    rows.add(new Row(entity, s.indicator(), p, round(Math.min(v, s.cap())), "synthetic"));
                }
            }
        });
        return rows;
    }

    /** Posts the rows through the gateway in batches; returns accepted, unchanged and rejected counts. */
    public static Map<String, Integer> load(String gatewayUrl, List<Row> rows, java.util.function.Supplier<String> token)
            throws IOException, InterruptedException {
        ObjectMapper json = new ObjectMapper();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Map<String, Integer> totals = new LinkedHashMap<>(Map.of("accepted", 0, "unchanged", 0, "rejected", 0));
        int batchSize = 2000;
        for (int from = 0; from < rows.size(); from += batchSize) {
            List<Row> batch = rows.subList(from, Math.min(rows.size(), from + batchSize));
            String body = json.writeValueAsString(Map.of("observations", batch));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create(gatewayUrl + "/api/v1/observations"))
                    .timeout(Duration.ofSeconds(120)).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + token.get())
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("demo batch refused: " + response.statusCode() + " " + response.body());
            }
            JsonNode answer = json.readTree(response.body());
            for (String k : totals.keySet()) {
                totals.merge(k, answer.path(k).asInt(), Integer::sum);
            }
            if (answer.path("rejected").asInt() > 0) {
                System.err.println("demo rows rejected: " + answer.path("errors"));
            }
        }
        return totals;
    }

    /**
     * The demo's two tenants, two regions' administrations whose portals see only their own provinces
     * (docs/SECURITY.md): the Yangtze River Delta and the Greater Bay Area's provinces.
     */
    public static final Map<String, List<String>> TENANTS = Map.of(
            "tenant-a", List.of("CN-31", "CN-32", "CN-33", "CN-34"),
            "tenant-b", List.of("CN-44", "CN-45", "CN-46"));

    /** Puts the demo's provinces into their tenants through the entity API (a steward's change). */
    public static void assignTenants(String gatewayUrl, java.util.function.Supplier<String> stewardToken)
            throws IOException, InterruptedException {
        ObjectMapper json = new ObjectMapper();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (Map.Entry<String, List<String>> tenant : TENANTS.entrySet()) {
            for (String entity : tenant.getValue()) {
                URI uri = URI.create(gatewayUrl + "/api/v1/entities/" + entity);
                HttpResponse<String> current = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + stewardToken.get()).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (current.statusCode() != 200) {
                    throw new IllegalStateException("GET " + uri + ": " + current.statusCode() + " " + current.body());
                }
                com.fasterxml.jackson.databind.node.ObjectNode body =
                        (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(current.body());
                if (tenant.getKey().equals(body.path("tenant").asText(null))) {
                    continue;
                }
                body.put("tenant", tenant.getKey());
                HttpResponse<String> put = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + stewardToken.get())
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (put.statusCode() != 200) {
                    throw new IllegalStateException("PUT " + uri + ": " + put.statusCode() + " " + put.body());
                }
            }
        }
    }

    private static Derived same(String indicator, String series) {
        return new Derived(indicator, s -> s.get(series), series);
    }

    private static Derived perTenThousandPeople(String indicator, String series) {
        // POPULATION is in 10k persons
        return new Derived(indicator, s -> s.get(series) / s.get("POPULATION"), series, "POPULATION");
    }

    /** {@code series} over GDP (100m yuan) in percent; {@code scale} converts the series into 100m yuan. */
    private static Derived percentOfGdp(String indicator, String series, double scale) {
        return new Derived(indicator, s -> s.get(series) / scale / s.get("GDP") * 100, series, "GDP");
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}

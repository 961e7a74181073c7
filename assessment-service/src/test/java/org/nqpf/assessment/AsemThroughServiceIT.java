package org.nqpf.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nqpf.contracts.ObservationRecorded;
import org.nqpf.engine.Hierarchy;
import org.nqpf.engine.coin.CoinrFiles;
import org.nqpf.engine.pipeline.Framework;
import org.nqpf.engine.pipeline.Panel;
import tools.jackson.databind.JsonNode;

/**
 * COINr's published ASEM Sustainable Connectivity index through the service, not only through the command: a
 * framework with ASEM's own four-level hierarchy (49 indicators, 8 sub-pillars, 2 pillars; no NQPF dimensions or
 * subsystems), its 51 countries as a cohort, every value an observation event on the real broker. Published (Becker
 * et al., "COINr: An R package for developing composite indicators", JOSS 7(78), 4567, 2022; the package's ASEM
 * vignette): min-max into [0, 100], arithmetic means up the hierarchy, missing children dropped: DEU 75.23,
 * GBR 68.94, FRA 65.92, CHE 62.61, NLD 61.24, SWE 60.59, the top six in this order.
 */
class AsemThroughServiceIT extends IntegrationTest {

    private static final List<String> TOP_SIX = List.of("DEU", "GBR", "FRA", "CHE", "NLD", "SWE");
    private static final Map<String, Double> PUBLISHED = Map.of("DEU", 75.23, "GBR", 68.94, "FRA", 65.92, "CHE",
            62.61, "NLD", 61.24, "SWE", 60.59);

    @Test
    void should_ReproduceCoinrsPublishedAsemIndex_ThroughTheService() throws Exception {
        String run = unique();
        String framework = "ASEM-" + run;
        String cohort = "asem-" + run;
        assertThat(api.put("/api/v1/profiles/" + framework, """
                {"normalise": {"method": "minmax", "range": [0, 100]}, "weights": {"method": "meta"},
                 "aggregate": {"method": "amean"}}""").status()).isEqualTo(200);

        Path meta = Path.of(getClass().getResource("/asem/ASEM_iMeta.csv").toURI());
        Path data = Path.of(getClass().getResource("/asem/ASEM_iData.csv").toURI());
        Framework asem = CoinrFiles.framework(meta, "ASEM_iMeta.csv");
        Panel panel = CoinrFiles.panel(data, "ASEM_iData.csv", asem);
        Hierarchy h = asem.hierarchy();
        assertThat(panel.units()).hasSize(51);
        assertThat(h.indicators()).hasSize(49);
        String period = panel.periods().get(0);

        Map<String, Integer> present = new HashMap<>();
        int missing = 0;
        for (int i = 0; i < panel.units().size(); i++) {
            String unit = panel.units().get(i) + "-" + run;
            for (int j = 0; j < h.indicators().size(); j++) {
                double v = panel.values()[0][i][j];
                if (Double.isNaN(v)) {
                    missing++;
                    continue;
                }
                String indicator = h.indicators().get(j);
                // The aggregates above the indicator, top first, without the root (the service's OVERALL).
                List<String> path = new ArrayList<>(h.ancestors(indicator));
                path.remove(h.root());
                Collections.reverse(path);
                send(new ObservationRecorded(unit + "/" + indicator, unit, "REGION", List.of(cohort), framework, 1,
                        indicator, null, null, null, h.node(indicator).direction(), "unit", period, v, false, 1,
                        "COINr ASEM", "KAFKA", Instant.now(), path));
                present.merge(unit, 1, Integer::sum);
            }
        }
        assertThat(missing).as("the dataset's 63 missing values").isEqualTo(63);

        present.forEach((unit, n) -> awaitAssessment("/api/v1/assessments/" + unit + "?period=" + period,
                a -> a.path("cohortSize").asInt() == 51 && count(a.path("explanation")) == n));
        await().atMost(WAIT).until(() -> meters.get("nqpf.assessment.recompute.pending").gauge().value() == 0);

        for (String country : TOP_SIX) {
            JsonNode a = api.get("/api/v1/assessments/" + country + "-" + run + "?period=" + period).body();
            assertThat(Math.round(a.path("overallScore").asDouble() * 100) / 100.0).as(country)
                    .isEqualTo(PUBLISHED.get(country));
            assertThat(a.path("rank").asInt()).as(country).isEqualTo(TOP_SIX.indexOf(country) + 1);
            assertThat(a.path("dimensions").size()).as("ASEM has none of the paper's dimensions").isZero();
            List<String> levels = new ArrayList<>();
            a.path("aggregates").forEach(g -> levels.add(g.path("code").asString() + "@" + g.path("level").asInt()));
            assertThat(levels).as("ASEM's pillars and sub-pillars, top-down").startsWith("Conn@1", "Sust@1")
                    .contains("Physical@2", "SusEcFin@2").hasSize(10);
        }
        JsonNode ranking = api.get("/api/v1/assessments?cohort=" + cohort).body();
        List<String> top = new ArrayList<>();
        ranking.path("ranking").forEach(e -> top.add(e.path("entityId").asString().replace("-" + run, "")));
        assertThat(top.subList(0, 6)).containsExactlyElementsOf(TOP_SIX);
        // The announcements are valid events of their schema (no dimensions, the hierarchy in aggregates).
        assertThat(published(cohort, period, 51, Duration.ofSeconds(30))).hasSizeGreaterThanOrEqualTo(51);
    }

    private static int count(JsonNode explanation) {
        int n = 0;
        for (JsonNode x : explanation) {
            n += x.path("value").isNumber() ? 1 : 0;
        }
        return n;
    }
}

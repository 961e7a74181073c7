package org.nqpf.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Reproduces COINr's published ASEM Sustainable Connectivity index (Becker et al., JOSS 2022): min-max into
 * [0, 100], then arithmetic means with the missing children dropped, up four levels.
 */
class AsemReferenceTest {

    @Test
    void should_ReproduceCoinrsPublishedAsemIndex_When_MinMaxAndArithmeticMean() throws IOException {
        List<Map<String, String>> meta = csv("asem/ASEM_iMeta.csv");
        List<Map<String, String>> data = csv("asem/ASEM_iData.csv");

        Hierarchy.Builder builder = Hierarchy.builder();
        List<String> indicators = new ArrayList<>();
        // Aggregates from the top level down are declared first only for readability; order does not matter.
        meta.stream().filter(m -> m.get("Type").equals("Aggregate"))
                .sorted(Comparator.comparing((Map<String, String> m) -> Integer.parseInt(m.get("Level"))).reversed())
                .forEach(m -> builder.aggregate(m.get("iCode"), na(m.get("Parent")) ? null : m.get("Parent"),
                        Double.parseDouble(m.get("Weight"))));
        meta.stream().filter(m -> m.get("Type").equals("Indicator")).forEach(m -> {
            builder.indicator(m.get("iCode"), m.get("Parent"), Integer.parseInt(m.get("Direction")),
                    Double.parseDouble(m.get("Weight")));
            indicators.add(m.get("iCode"));
        });
        Hierarchy hierarchy = builder.build();
        assertThat(hierarchy.indicators()).hasSize(49);
        assertThat(hierarchy.level(hierarchy.root())).isEqualTo(4);

        List<String> units = data.stream().map(row -> row.get("uCode")).toList();
        IndicatorTable.Builder table = IndicatorTable.builder(units, indicators);
        int missing = 0;
        for (Map<String, String> row : data) {
            for (String indicator : indicators) {
                String cell = row.get(indicator);
                if (na(cell)) {
                    missing++;
                }
                else {
                    table.set(row.get("uCode"), indicator, Double.parseDouble(cell));
                }
            }
        }
        assertThat(units).hasSize(51);
        assertThat(missing).isEqualTo(63);

        CompositeResult result = new CompositeIndicator(hierarchy, MinMax.percent(), Weighting.given(),
                ArithmeticMean.INSTANCE).compute(table.build());

        double[] index = result.scores("Index");
        int[] ranks = result.ranks("Index");
        List<Integer> order = IntStream.range(0, units.size()).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> index[i]).reversed()).toList();
        Map<String, Double> top = new LinkedHashMap<>();
        for (int k = 0; k < 6; k++) {
            int i = order.get(k);
            top.put(units.get(i), index[i]);
            assertThat(ranks[i]).isEqualTo(k + 1);
        }
        assertThat(top.keySet()).containsExactly("DEU", "GBR", "FRA", "CHE", "NLD", "SWE");
        Map<String, Double> published = Map.of("DEU", 75.23, "GBR", 68.94, "FRA", 65.92, "CHE", 62.61, "NLD", 61.24,
                "SWE", 60.59);
        published.forEach((unit, score) -> assertThat(Math.round(top.get(unit) * 100) / 100.0)
                .as(unit).isCloseTo(score, within(1e-9)));
        // the explanation is exact: contributions add up to the index
        double sum = result.contributions("DEU").values().stream().mapToDouble(Double::doubleValue).sum();
        assertThat(sum).isCloseTo(result.score("DEU", "Index"), within(1e-9));
    }

    private static boolean na(String cell) {
        return cell == null || cell.isEmpty() || cell.equals("NA");
    }

    /** The files through the engine's own COINr CSV reader. */
    private static List<Map<String, String>> csv(String resource) throws IOException {
        try (InputStream in = AsemReferenceTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return org.nqpf.engine.coin.Csv.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource)
                    .rows().stream().map(org.nqpf.engine.coin.Csv.Row::cells).toList();
        }
    }
}

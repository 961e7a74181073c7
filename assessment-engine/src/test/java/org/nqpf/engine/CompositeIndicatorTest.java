package org.nqpf.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompositeIndicatorTest {

    private static final double NaN = Double.NaN;

    // Three levels: x1, x2 → P; x3 → Q; P, Q → Index. Q weighs 3 when weights are given.
    private final Hierarchy hierarchy = Hierarchy.builder()
            .aggregate("Index", null)
            .aggregate("P", "Index", 1)
            .aggregate("Q", "Index", 3)
            .indicator("x1", "P", 1)
            .indicator("x2", "P", -1)
            .indicator("x3", "Q", 1)
            .build();

    private final IndicatorTable raw = IndicatorTable.of(List.of("a", "b", "c"), List.of("x1", "x2", "x3"),
            new double[][] {
                    {0, 4, NaN},
                    {5, 2, 1},
                    {10, 0, 3}});

    @Test
    void should_AggregateUpTheHierarchy_ByHand_WithEqualWeights() {
        CompositeResult r = new CompositeIndicator(hierarchy, MinMax.percent(), Weighting.equal(),
                ArithmeticMean.INSTANCE).compute(raw);
        // normalised: x1 0/50/100, x2 (less is better) 0/50/100, x3 –/0/100
        assertThat(r.scores("P")).containsExactly(new double[] {0, 50, 100}, within(1e-12));
        assertThat(r.scores("Q")[0]).isNaN();
        // a has no Q: its index is P alone (weights re-scaled); b = (50+0)/2; c = 100
        assertThat(r.scores("Index")).containsExactly(new double[] {0, 25, 100}, within(1e-12));
        assertThat(r.ranks("Index")).containsExactly(3, 2, 1);
    }

    @Test
    void should_UseTheFrameworksWeights_When_WeightsAreGiven() {
        CompositeResult r = new CompositeIndicator(hierarchy, MinMax.percent(), Weighting.given(),
                ArithmeticMean.INSTANCE).compute(raw);
        // b: (1·50 + 3·0) / 4 = 12.5; a: Q missing → P alone = 0
        assertThat(r.score("b", "Index")).isCloseTo(12.5, within(1e-12));
        assertThat(r.score("a", "Index")).isCloseTo(0, within(1e-12));
    }

    @Test
    void should_ExplainTheScore_When_ContributionsAddUp() {
        CompositeResult r = new CompositeIndicator(hierarchy, MinMax.percent(), Weighting.given(),
                ArithmeticMean.INSTANCE).compute(raw);
        Map<String, Double> w = r.effectiveWeights("b", "Index");
        // P 1/4 shared by x1, x2; Q 3/4 all x3
        assertThat(w.get("x1")).isCloseTo(0.125, within(1e-12));
        assertThat(w.get("x2")).isCloseTo(0.125, within(1e-12));
        assertThat(w.get("x3")).isCloseTo(0.75, within(1e-12));
        // a lacks x3, so P carries everything
        assertThat(r.effectiveWeights("a", "Index")).containsEntry("x3", 0.0).containsEntry("x1", 0.5);
        assertThat(r.effectiveWeights("b", "P")).containsEntry("x1", 0.5).containsEntry("x3", 0.0);
        for (String unit : r.units()) {
            double sum = r.contributions(unit).values().stream().mapToDouble(Double::doubleValue).sum();
            assertThat(sum).isCloseTo(r.score(unit, "Index"), within(1e-9));
        }
    }

    @Test
    void should_TreatAnAbsentColumnAsMissing_And_RejectAColumnOutsideTheHierarchy() {
        IndicatorTable partial = IndicatorTable.of(List.of("a", "b"), List.of("x1"), new double[][] {{1}, {2}});
        CompositeResult r = new CompositeIndicator(hierarchy, MinMax.percent(), Weighting.equal(),
                ArithmeticMean.INSTANCE).compute(partial);
        assertThat(r.scores("Index")).containsExactly(0, 100);
        IndicatorTable stray = IndicatorTable.of(List.of("a"), List.of("zz"), new double[][] {{1}});
        assertThatThrownBy(() -> new CompositeIndicator(hierarchy, MinMax.percent(), Weighting.equal(),
                ArithmeticMean.INSTANCE).compute(stray)).hasMessageContaining("zz");
    }
}

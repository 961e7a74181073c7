package org.nqpf.engine.nqpf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.nqpf.engine.CouplingGrade;
import org.nqpf.engine.pipeline.Assessor;
import org.nqpf.engine.pipeline.Panel;
import org.nqpf.engine.profile.Profile;

/**
 * A cohort of three worked by hand.
 * <pre>
 *            L1 (LAB, AI, +)  L2 (LAB, NQPF, +)  M1 (MEANS, NQPF, -)  M2 (MEANS, AI, +)
 *  raw    A        10               5                  3                  –
 *         B        20               5                  2                  4
 *         C        30               1                  1                  8
 *  norm   A         0             100                  0                  –
 *         B        50             100                 50                  0
 *         C       100               0                100                100
 * LABORERS: A 50, B 75, C 50    MEANS_OF_LABOR: A 0 (M1 alone), B 25, C 100    overall: A 25, B 50, C 75
 * </pre>
 */
class NqpfModelTest {

    private static final Offset<Double> E = within(1e-9);
    private static final double NaN = Double.NaN;

    private final List<NqpfIndicator> indicators = List.of(
            new NqpfIndicator("L1", "LABORERS", "AI", 1),
            new NqpfIndicator("L2", "LABORERS", "NQPF", 1),
            new NqpfIndicator("M1", "MEANS_OF_LABOR", "NQPF", -1),
            new NqpfIndicator("M2", "MEANS_OF_LABOR", "AI", 1));

    private final double[][] raw = {
            {10, 5, 3, NaN},
            {20, 5, 2, 4},
            {30, 1, 1, 8}};

    /** The platform's default method: min-max into [0, 100], equal weights, arithmetic means. */
    private static final String STANDARD = "{\"weights\": {\"method\": \"equal\"}}";

    /** One period of the pipeline, read through the NQPF view. */
    static List<NqpfAssessment> run(String profile, List<NqpfIndicator> indicators, List<String> units,
            double[][] values) {
        Panel panel = new Panel(units, units, List.of("2020"), new double[][][] {values});
        return NqpfModel.assessments(new Assessor(Profile.parse(profile, "test profile"))
                .assess(NqpfModel.framework(indicators), panel), "2020");
    }

    private List<NqpfAssessment> standard(List<String> units, double[][] values) {
        return run(STANDARD, indicators.subList(0, values[0].length), units, values);
    }

    private Map<String, NqpfAssessment> assess() {
        return standard(List.of("A", "B", "C"), raw).stream()
                .collect(Collectors.toMap(NqpfAssessment::unit, Function.identity()));
    }

    @Test
    void should_ScoreDimensionsAndOverall_And_RankThem_ByHand() {
        Map<String, NqpfAssessment> r = assess();
        assertThat(r.get("A").overall()).isCloseTo(25, E);
        assertThat(r.get("B").overall()).isCloseTo(50, E);
        assertThat(r.get("C").overall()).isCloseTo(75, E);
        assertThat(List.of(r.get("A").rank(), r.get("B").rank(), r.get("C").rank())).containsExactly(3, 2, 1);
        assertThat(r.get("A").cohortSize()).isEqualTo(3);

        NqpfAssessment.DimensionScore laborersA = r.get("A").dimensions().get(0);
        assertThat(laborersA.dimension()).isEqualTo("LABORERS");
        assertThat(laborersA.score()).isCloseTo(50, E);
        assertThat(laborersA.rank()).isEqualTo(2); // tied with C behind B
        assertThat(laborersA.leader()).isEqualTo("B");
        assertThat(laborersA.leaderScore()).isCloseTo(75, E);
        assertThat(r.get("C").dimensions().get(0).rank()).isEqualTo(2);

        NqpfAssessment.DimensionScore meansB = r.get("B").dimensions().get(1);
        assertThat(meansB.dimension()).isEqualTo("MEANS_OF_LABOR");
        assertThat(meansB.score()).isCloseTo(25, E);
        assertThat(meansB.rank()).isEqualTo(2);
        assertThat(meansB.leader()).isEqualTo("C");
    }

    @Test
    void should_ScoreSubsystemsAndTheirCoupling_ByHand() {
        Map<String, NqpfAssessment> r = assess();
        // B: AI = mean(L1 50, M2 0) = 25; NQPF = mean(L2 100, M1 50) = 75
        NqpfAssessment b = r.get("B");
        assertThat(b.subsystems().get("AI")).isCloseTo(25, E);
        assertThat(b.subsystems().get("NQPF")).isCloseTo(75, E);
        // C = 2√(0.25·0.75)/1 = √0.75; T = 0.5; D = √(C·T)
        assertThat(b.coupling().c()).isCloseTo(Math.sqrt(0.75), E);
        assertThat(b.coupling().t()).isCloseTo(0.5, E);
        assertThat(b.coupling().d()).isCloseTo(Math.sqrt(Math.sqrt(0.75) * 0.5), E);
        assertThat(b.coupling().grade()).isEqualTo(CouplingGrade.PRIMARY_COORDINATION);
        assertThat(b.lagging()).isEqualTo("AI");

        // A lacks M2: AI is L1 alone (0); NQPF = (0.25·100 + 0.5·0)/0.75 = 33.33: no coupling at all
        NqpfAssessment a = r.get("A");
        assertThat(a.subsystems().get("AI")).isCloseTo(0, E);
        assertThat(a.subsystems().get("NQPF")).isCloseTo(100.0 / 3, E);
        assertThat(a.coupling().d()).isZero();
        assertThat(a.coupling().grade()).isEqualTo(CouplingGrade.EXTREME_IMBALANCE);

        // C: AI 100, NQPF 50 → C = 2√0.5/1.5, T = 0.75; NQPF lags
        NqpfAssessment c = r.get("C");
        assertThat(c.coupling().c()).isCloseTo(2 * Math.sqrt(0.5) / 1.5, E);
        assertThat(c.coupling().t()).isCloseTo(0.75, E);
        assertThat(c.coupling().grade()).isEqualTo(CouplingGrade.GOOD_COORDINATION);
        assertThat(c.lagging()).isEqualTo("NQPF");
    }

    @Test
    void should_ComputeObstacleDegrees_ByHand() {
        Map<String, NqpfAssessment> r = assess();
        // B: F = 0.25 each; I = 0.5, 0, 0.5, 1 → F·I = .125, 0, .125, .25 of .5
        Map<String, Double> b = obstacles(r.get("B"));
        assertThat(b.get("L1")).isCloseTo(25, E);
        assertThat(b.get("L2")).isCloseTo(0, E);
        assertThat(b.get("M1")).isCloseTo(25, E);
        assertThat(b.get("M2")).isCloseTo(50, E);
        assertThat(r.get("B").obstacles().get("LABORERS")).isCloseTo(25, E);
        assertThat(r.get("B").obstacles().get("MEANS_OF_LABOR")).isCloseTo(75, E);
        // A: F = .25, .25, .5 (M1 carries its whole dimension), M2 missing; F·I = .25, 0, .5
        Map<String, Double> a = obstacles(r.get("A"));
        assertThat(a.get("L1")).isCloseTo(100.0 / 3, E);
        assertThat(a.get("M1")).isCloseTo(200.0 / 3, E);
        assertThat(a.get("M2")).isZero();
    }

    @Test
    void should_ExplainTheOverallScore_When_ContributionsAreSummed() {
        for (NqpfAssessment a : standard(List.of("A", "B", "C"), raw)) {
            double sum = a.indicators().stream().mapToDouble(NqpfAssessment.IndicatorDetail::contribution).sum();
            assertThat(sum).as(a.unit()).isCloseTo(a.overall(), E);
            double weights = a.indicators().stream().mapToDouble(NqpfAssessment.IndicatorDetail::weight).sum();
            assertThat(weights).as(a.unit()).isCloseTo(1, E);
        }
        NqpfAssessment.IndicatorDetail m1OfA = assess().get("A").indicators().get(2);
        assertThat(m1OfA.indicator()).isEqualTo("M1");
        assertThat(m1OfA.value()).isEqualTo(3);
        assertThat(m1OfA.normalised()).isCloseTo(0, E);
        assertThat(m1OfA.weight()).isCloseTo(0.5, E);
    }

    @Test
    void should_ScoreAUnitAlone_When_TheCohortHasOneMember() {
        List<NqpfIndicator> l1m1 = List.of(indicators.get(0), indicators.get(2));
        NqpfAssessment x = run(STANDARD, l1m1, List.of("X"), new double[][] {{3, 4}}).get(0);
        // every column is constant: midpoint, no information to separate anyone
        assertThat(x.overall()).isCloseTo(50, E);
        assertThat(x.rank()).isEqualTo(1);
        assertThat(x.cohortSize()).isEqualTo(1);
        assertThat(x.coupling().c()).isCloseTo(1, E);
        assertThat(x.lagging()).isNull();
    }

    @Test
    void should_LeaveOutUnitsWithoutAnyValue() {
        List<NqpfAssessment> result = standard(List.of("A", "E"), new double[][] {{1}, {NaN}});
        assertThat(result).extracting(NqpfAssessment::unit).containsExactly("A");
        assertThat(result.get(0).cohortSize()).isEqualTo(1);
        assertThat(result.get(0).subsystems()).containsOnlyKeys("AI");
        assertThat(result.get(0).coupling()).isNull();
    }

    private static Map<String, Double> obstacles(NqpfAssessment a) {
        return a.indicators().stream().collect(Collectors.toMap(NqpfAssessment.IndicatorDetail::indicator,
                NqpfAssessment.IndicatorDetail::obstacle));
    }

    /**
     * TOPSIS by hand. Equal weights give L1 and L2 a quarter of the whole each and M1 a half; min-max values
     * L1 0/50/100, L2 100/0/50, M1 0/100/50; the ideal is 100 and the anti-ideal 0 on each.
     * A: D+ = √(25² + 50²) = √3125, D- = 25.  B: D+ = √(12.5² + 25²) = √781.25, D- = √(12.5² + 50²) = √2656.25.
     * C: D+ = √781.25, D- = √(25² + 12.5² + 25²) = 37.5. The arithmetic mean ties B and C at 62.5; TOPSIS does not.
     */
    @Test
    void should_ScoreEveryLevelByClosenessToTheIdeal_When_TopsisReplacesTheMean_ByHand() {
        List<NqpfIndicator> three = List.of(new NqpfIndicator("L1", "LABORERS", "AI", 1),
                new NqpfIndicator("L2", "LABORERS", "NQPF", 1), new NqpfIndicator("M1", "MEANS_OF_LABOR", "AI", 1));
        Map<String, NqpfAssessment> r = run("{\"weights\": {\"method\": \"equal\"}, \"aggregate\": {\"method\": \"topsis\"}}",
                three, List.of("A", "B", "C"), new double[][] {{0, 100, 0}, {50, 0, 100}, {100, 50, 50}}).stream()
                .collect(Collectors.toMap(NqpfAssessment::unit, Function.identity()));

        assertThat(r.get("A").overall()).isCloseTo(100 * 25 / (25 + Math.sqrt(3125)), E);
        assertThat(r.get("B").overall()).isCloseTo(
                100 * Math.sqrt(2656.25) / (Math.sqrt(781.25) + Math.sqrt(2656.25)), E);
        assertThat(r.get("C").overall()).isCloseTo(100 * 37.5 / (Math.sqrt(781.25) + 37.5), E);
        assertThat(List.of(r.get("A").rank(), r.get("B").rank(), r.get("C").rank())).containsExactly(3, 1, 2);

        // LABORERS alone (L1, L2 at half each): A is as far from the ideal as from the anti-ideal.
        assertThat(r.get("A").dimensions().get(0).score()).isCloseTo(50, E);
        assertThat(r.get("B").dimensions().get(0).score()).isCloseTo(100 * 25 / (25 + Math.sqrt(3125)), E);
        // MEANS_OF_LABOR is M1 alone: closeness is the min-max value.
        assertThat(r.get("C").dimensions().get(1).score()).isCloseTo(50, E);
        // The AI subsystem is L1 and M1: A is worst on both, so at the anti-ideal; NQPF is L2 alone.
        assertThat(r.get("A").subsystems().get("AI")).isCloseTo(0, E);
        assertThat(r.get("A").subsystems().get("NQPF")).isCloseTo(100, E);
    }

    /**
     * Sub-dimensions: LABORERS has TALENT (T1, T2) and SKILL (S1), so LABORERS is the mean of its two
     * sub-dimensions, not of its three indicators. Min-max values: T1 0/100, T2 100/0 → TALENT 50/50; S1 0/100 →
     * SKILL 0/100; LABORERS = (50 + 0) / 2 = 25 for A and (50 + 100) / 2 = 75 for B (a flat mean of the indicators
     * would give 33.3 and 66.7).
     */
    @Test
    void should_ScoreEachLevel_When_DimensionsHaveSubDimensions() {
        List<NqpfIndicator> nested = List.of(
                new NqpfIndicator("T1", List.of("LABORERS", "TALENT"), "AI", 1, 1),
                new NqpfIndicator("T2", List.of("LABORERS", "TALENT"), "NQPF", 1, 1),
                new NqpfIndicator("S1", List.of("LABORERS", "SKILL"), "NQPF", 1, 1),
                new NqpfIndicator("M1", List.of("MEANS_OF_LABOR"), "AI", 1, 1));
        Map<String, NqpfAssessment> r = run(STANDARD, nested, List.of("A", "B"),
                new double[][] {{1, 2, 0, 5}, {3, 1, 4, 5}}).stream()
                .collect(Collectors.toMap(NqpfAssessment::unit, Function.identity()));
        assertThat(r.get("A").dimensions().get(0).score()).isCloseTo(25, E);
        assertThat(r.get("B").dimensions().get(0).score()).isCloseTo(75, E);
        NqpfAssessment.AggregateScore skill = r.get("B").aggregates().stream()
                .filter(a -> a.code().equals("SKILL")).findFirst().orElseThrow();
        assertThat(skill.parent()).isEqualTo("LABORERS");
        assertThat(skill.level()).isEqualTo(2);
        assertThat(skill.score()).isCloseTo(100, E);
        assertThat(skill.rank()).isEqualTo(1);
        // top-down: the dimensions before their sub-dimensions
        assertThat(r.get("A").aggregates()).extracting(NqpfAssessment.AggregateScore::code)
                .containsExactly("LABORERS", "MEANS_OF_LABOR", "SKILL", "TALENT");
        // S1 weighs a quarter of the whole (half of LABORERS' half), each TALENT indicator an eighth
        NqpfAssessment.IndicatorDetail s1 = r.get("A").indicators().stream()
                .filter(d -> d.indicator().equals("S1")).findFirst().orElseThrow();
        assertThat(s1.weight()).isCloseTo(0.25, E);
        assertThat(s1.dimension()).isEqualTo("LABORERS");
    }

    @Test
    void should_RefuseAFramework_When_AnAggregateHasTwoParents() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> NqpfModel.framework(List.of(
                new NqpfIndicator("T1", List.of("LABORERS", "TALENT"), "AI", 1, 1),
                new NqpfIndicator("T2", List.of("MEANS_OF_LABOR", "TALENT"), "AI", 1, 1))))
                .hasMessage("aggregate TALENT is placed under LABORERS and, by indicator T2, under MEANS_OF_LABOR");
    }
}

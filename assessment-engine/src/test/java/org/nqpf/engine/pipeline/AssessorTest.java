package org.nqpf.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nqpf.engine.Hierarchy;
import org.nqpf.engine.Topsis;
import org.nqpf.engine.profile.Profile;

/** The whole pipeline on small panels whose results are worked by hand. */
class AssessorTest {

    private static final double NA = Double.NaN;

    private static final Framework FRAMEWORK = new Framework(Hierarchy.builder().aggregate("I", null)
            .aggregate("A", "I").aggregate("B", "I").indicator("x", "A", 1).indicator("y", "A", 1)
            .indicator("z", "B", -1).build(), Map.of(
                    "x", new Framework.NodeInfo("x", "AI", null, NA, NA, NA),
                    "y", new Framework.NodeInfo("y", "NQPF", null, NA, NA, NA),
                    "z", new Framework.NodeInfo("z", "NQPF", null, NA, NA, NA)));

    /** Two periods; in 2021 everyone doubled x. */
    private static Panel panel() {
        return new Panel(List.of("p", "q", "r"), List.of("P", "Q", "R"), List.of("2020", "2021"), new double[][][] {
                {{1, 10, 5}, {2, 20, 3}, {3, 30, 1}},
                {{2, 10, 5}, {4, 20, 3}, {6, 30, 1}}});
    }

    private static PanelResult assess(String profile) {
        return new Assessor(Profile.parse(profile, "test")).assess(FRAMEWORK, panel());
    }

    @Test
    void should_KeepTimeTrendsVisible_When_NormalisingOverThePanel() {
        PanelResult perPeriod = assess("{}");
        PanelResult panel = assess("{\"normalise\": {\"method\": \"minmax\", \"over\": \"panel\"}}");
        // per period: q is in the middle of every column both years: 50 both years, growth hidden
        assertThat(perPeriod.score("2020", "q", "I")).isCloseTo(50, within(1e-9));
        assertThat(perPeriod.score("2021", "q", "I")).isCloseTo(50, within(1e-9));
        // over the panel: x ranges 1..6, so q's x is 20 in 2020 and 60 in 2021: A = (20+50)/2 → (60+50)/2
        assertThat(panel.score("2020", "q", "x")).isCloseTo(20, within(1e-9));
        assertThat(panel.score("2021", "q", "x")).isCloseTo(60, within(1e-9));
        assertThat(panel.score("2021", "q", "I") - panel.score("2020", "q", "I")).isCloseTo(10, within(1e-9));
        // I = (A + B) / 2 with B = 50: 2020 (35 + 50) / 2 = 42.5, 2021 (55 + 50) / 2 = 52.5
        assertThat(panel.growth("2021", "q", "I")).isCloseTo(52.5 / 42.5 - 1, within(1e-9));
        assertThat(panel.cagr("q", "I")).isCloseTo(panel.growth("2021", "q", "I"), within(1e-12)); // one year apart
    }

    @Test
    void should_ScoreAggregatesByTopsisOverTheirIndicators() {
        PanelResult r = assess("{\"aggregate\": {\"method\": \"topsis\"}}");
        // In 2020 min-max values: x 0,50,100; y 0,50,100; z (less is better) 0,50,100: every unit is on the diagonal.
        // TOPSIS closeness with equal effective weights is then 0, 0.5, 1 → 0, 50, 100.
        assertThat(r.score("2020", "p", "I")).isCloseTo(0, within(1e-9));
        assertThat(r.score("2020", "q", "I")).isCloseTo(50, within(1e-9));
        assertThat(r.score("2020", "r", "A")).isCloseTo(100, within(1e-9));
        double[] direct = Topsis.closeness(new double[][] {{0, 0}, {50, 50}, {100, 100}}, new double[] {0.25, 0.25});
        assertThat(r.score("2020", "q", "A")).isCloseTo(direct[1] * 100, within(1e-9));
        assertThat(r.rank("2020", "r", "I")).isEqualTo(1);
    }

    @Test
    void should_GiveTopsisClosenessNextToTheMeans_When_Asked() {
        PanelResult r = assess("{\"aggregate\": {\"method\": \"amean\", \"topsis\": true}}");
        // 2020: every unit on the diagonal of the three normalised indicators: closeness 0, 0.5, 1
        assertThat(r.topsis("2020", "p")).isCloseTo(0, within(1e-12));
        assertThat(r.topsis("2020", "q")).isCloseTo(0.5, within(1e-12));
        assertThat(r.topsis("2020", "r")).isCloseTo(1, within(1e-12));
        assertThat(r.score("2020", "q", "I")).isCloseTo(50, within(1e-9)); // the means are still there
        assertThatThrownBy(() -> assess("{}").topsis("2020", "p")).hasMessageContaining("aggregate.topsis");
    }

    @Test
    void should_LeaveThePanelUnchanged() {
        Panel input = panel();
        double before = input.values()[0][1][1];
        new Assessor(Profile.parse("{\"outliers\": {\"method\": \"coinr\"}, \"impute\": {\"method\": \"mean\"}}",
                "test")).assess(FRAMEWORK, input);
        assertThat(input.values()[0][1][1]).isEqualTo(before);
    }

    @Test
    void should_GiveCouplingObstaclesAndContributions() {
        PanelResult r = assess("{}");
        // q: x=y=z=50 → AI 50, NQPF 50: C = 1, T = 0.5, D = √0.5; no side lags
        assertThat(r.coupling("2020", "q").c()).isCloseTo(1, within(1e-12));
        assertThat(r.coupling("2020", "q").d()).isCloseTo(Math.sqrt(0.5), within(1e-12));
        assertThat(r.lagging("2020", "q")).isNull();
        // p: x=0 (F 0.25), y=0 (F 0.25), z=0 (F 0.5): deviations all 1 → obstacles 25, 25, 50; A 50, B 50
        assertThat(r.obstacles("2020", "p")).containsEntry("z", 50.0);
        assertThat(r.aggregateObstacles("2020", "p").get("A")).isCloseTo(50, within(1e-9));
        // contributions add up to the score
        double sum = r.contributions("2021", "q").values().stream().mapToDouble(Double::doubleValue).sum();
        assertThat(sum).isCloseTo(r.score("2021", "q", "I"), within(1e-9));
    }

    @Test
    void should_ScreenOutSparseUnits_And_ImputeTheRest() {
        Panel sparse = new Panel(List.of("p", "q", "r", "s"), List.of("p", "q", "r", "s"), List.of("2020", "2021"),
                new double[][][] {
                        {{1, 10, 5}, {2, NA, 3}, {3, 30, 1}, {NA, NA, 9}},
                        {{2, 10, 5}, {4, 20, 3}, {6, 30, 1}, {1, 1, 1}}});
        PanelResult r = new Assessor(Profile.parse("{\"screen\": {\"threshold\": 0.5}, \"impute\": {\"method\": \"mean\"}}",
                "test")).assess(FRAMEWORK, sparse);
        assertThat(r.included("2020", "s")).isFalse();
        assertThat(r.screened()).extracting(PanelResult.Screened::unit).containsExactly("s");
        assertThat(r.score("2020", "s", "I")).isNaN();
        assertThat(r.rank("2020", "s", "I")).isZero();
        // q's missing y in 2020 is the mean of p and r (10, 30) = 20 → 50 after min-max
        assertThat(r.imputed()).isEqualTo(1);
        assertThat(r.score("2020", "q", "y")).isCloseTo(50, within(1e-9));
        PanelResult linear = new Assessor(Profile.parse(
                "{\"screen\": {\"threshold\": 0.5}, \"impute\": {\"method\": \"linear-constant\"}}", "test"))
                .assess(FRAMEWORK, sparse);
        assertThat(linear.score("2020", "q", "y")).isCloseTo(50, within(1e-9)); // carried back from 20 in 2021
    }

    @Test
    void should_ReportAhpConsistency_And_ApplyItsWeights() {
        PanelResult r = assess("""
                {"weights": {"method": "ahp", "matrices": {"I": {"order": ["A", "B"], "matrix": [[1, 3], [0.3333333333333333, 1]]}}}}""");
        assertThat(r.weights().get("A")).isCloseTo(0.75, within(1e-9));
        assertThat(r.consistency().get("I").cr()).isZero();
        // p in 2020: A = 0, B = 0; q: A = 50, B = 50; r: 100
        assertThat(r.score("2020", "q", "I")).isCloseTo(50, within(1e-9));
    }

    @Test
    void should_GiveMedianRanksAndIntervals_FromMonteCarlo() {
        PanelResult r = assess("{\"uncertainty\": {\"runs\": 300, \"seed\": 7, \"weightNoise\": 0.5, "
                + "\"normalise\": [\"minmax\", \"rank\"], \"aggregate\": [\"amean\", \"gmean\"]}}");
        PanelResult.Uncertainty u = r.uncertainty();
        assertThat(u.period()).isEqualTo("2021");
        // r is best on every indicator: rank 1 whatever the weights and methods
        assertThat(u.medianRank()[2]).isEqualTo(1);
        assertThat(u.rank95()[2]).isEqualTo(1);
        assertThat(u.rank5()[0]).isLessThanOrEqualTo(u.medianRank()[0]);
        assertThat(u.rank95()[0]).isGreaterThanOrEqualTo(u.medianRank()[0]);
        // same seed, same answer
        PanelResult again = assess("{\"uncertainty\": {\"runs\": 300, \"seed\": 7, \"weightNoise\": 0.5, "
                + "\"normalise\": [\"minmax\", \"rank\"], \"aggregate\": [\"amean\", \"gmean\"]}}");
        assertThat(again.uncertainty().medianRank()).containsExactly(u.medianRank());
    }

    /**
     * p leads on x, q on y, r sits halfway on both, s trails: with equal weights p, q and r tie, and any tilt of the x
     * and y weights puts p first and q third or the other way round, while r stays second and s last.
     */
    @Test
    void should_WidenTheRankIntervalsOfUnitsThatTradePlaces_When_WeightsAreUncertain() {
        double[][] year = {{10, 0, 1}, {0, 10, 1}, {5, 5, 1}, {0, 0, 5}};
        Panel traders = new Panel(List.of("p", "q", "r", "s"), List.of("P", "Q", "R", "S"), List.of("2021"),
                new double[][][] {year});
        PanelResult noisy = new Assessor(Profile.parse("{\"uncertainty\": {\"runs\": 400, \"seed\": 3, "
                + "\"weightNoise\": 0.5, \"normalise\": [\"minmax\"], \"aggregate\": [\"amean\"]}}", "test"))
                .assess(FRAMEWORK, traders);
        PanelResult.Uncertainty u = noisy.uncertainty();
        assertThat(new double[] {u.rank5()[0], u.rank95()[0]}).as("p").containsExactly(1, 3);
        assertThat(new double[] {u.rank5()[1], u.rank95()[1]}).as("q").containsExactly(1, 3);
        assertThat(new double[] {u.rank5()[2], u.rank95()[2]}).as("r, between them in every run")
                .containsExactly(2, 2);
        assertThat(new double[] {u.rank5()[3], u.rank95()[3]}).as("s").containsExactly(4, 4);

        PanelResult certain = new Assessor(Profile.parse("{\"uncertainty\": {\"runs\": 50, \"seed\": 3, "
                + "\"weightNoise\": 0, \"normalise\": [\"minmax\"], \"aggregate\": [\"amean\"]}}", "test"))
                .assess(FRAMEWORK, traders);
        assertThat(certain.uncertainty().rank95()[0]).as("no noise: the tie holds in every run").isEqualTo(1);
    }

    /** Each normalisation name of a profile runs its method: q's x is 2 of 1, 2, 3 in 2020. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "{\"method\": \"none\"}|2",
            "{\"method\": \"minmax\"}|50",
            "{\"method\": \"zscore\"}|0",
            "{\"method\": \"rank\"}|50",
            "{\"method\": \"goalposts\", \"goalposts\": {\"x\": [0, 4], \"y\": [0, 40], \"z\": [0, 10]}}|50",
            "{\"method\": \"vector\"}|0.5345224838248488"})
    void should_NormaliseByTheMethodTheProfileNames(String normalise, double expected) {
        // Without subsystems: no coupling asks for a scale, so the unbounded methods run too.
        Framework untagged = Framework.of(FRAMEWORK.hierarchy());
        PanelResult r = new Assessor(Profile.parse("{\"normalise\": " + normalise + "}", "test"))
                .assess(untagged, panel());
        assertThat(r.score("2020", "q", "x")).isCloseTo(expected, within(1e-9));
    }

    /** Coupling reads subsystem scores on [0, 1]: a normalisation without a scale is refused, saying why. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "{\"method\": \"zscore\"}|normalise.method zscore gives scores without a fixed range",
            "{\"method\": \"none\"}|normalise.method none has no declared range and the data leave [0, 1] (y = 10.0 for p in 2020)"})
    void should_RefuseCoupling_When_TheScoresHaveNoScale(String normalise, String reason) {
        assertThatThrownBy(() -> assess("{\"normalise\": " + normalise + "}"))
                .isInstanceOf(org.nqpf.engine.profile.ProfileException.class)
                .hasMessageContaining(reason)
                .hasMessageContaining("coupling coordination (T, D) and obstacle degrees have no scale");
    }

    @Test
    void should_RefuseAValueOutsideTheDeclaredRange_When_NormalisingByNone() {
        assertThatThrownBy(() -> assess("{\"normalise\": {\"method\": \"none\", \"range\": [0, 25]}}"))
                .hasMessageContaining("indicator y has the value 30.0, outside the declared normalise.range [0,25]");
    }

    /** A zero on one indicator would zero a geometric mean: COINr refuses it, and so does the profile. */
    @Test
    void should_RefuseAGeometricMeanOverAScaleWithZero() {
        assertThatThrownBy(() -> assess("{\"aggregate\": {\"method\": \"gmean\"}}"))
                .isInstanceOf(org.nqpf.engine.profile.ProfileException.class)
                .hasMessageContaining("aggregate.method gmean needs normalised values above zero, but normalise gives "
                        + "minmax on [0,100]");
        PanelResult r = assess("{\"normalise\": {\"range\": [1, 100]}, \"aggregate\": {\"method\": \"gmean\"}}");
        assertThat(r.score("2020", "p", "I")).isPositive();
    }

    /** Judgements Saaty would send back (CR above 0.1) are refused before any data is read, naming the ratio. */
    @Test
    void should_RefuseInconsistentAhpJudgements() {
        assertThatThrownBy(() -> new Assessor(Profile.parse("""
                {"weights": {"method": "ahp", "matrices": {"I": {"order": ["A", "B", "C"],
                  "matrix": [[1, 9, 0.2], [0.1111111, 1, 7], [5, 0.1428571, 1]]}}}}""", "test")))
                .isInstanceOf(org.nqpf.engine.profile.ProfileException.class)
                .hasMessageMatching("weights\\.matrices\\.I\\.matrix: consistency ratio \\d\\.\\d{3} exceeds 0\\.1; revise the judgements");
    }

    /** Each weighting name of a profile runs its scheme. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "{\"method\": \"meta\"}|weights=given",
            "{\"method\": \"equal\"}|weights=equal",
            "{\"method\": \"entropy\"}|weights=entropy",
            "{\"method\": \"entropy\", \"on\": \"raw\"}|weights=entropy[raw]",
            "{\"method\": \"critic\"}|weights=critic",
            "{\"method\": \"ahp\", \"matrices\": {\"I\": {\"order\": [\"A\", \"B\"], \"matrix\": [[1, 3], [0.3333333333, 1]]}}}|weights=ahp[I]+given",
            "{\"method\": \"combined\"}|weights=combined[given,entropy,multiplicative]"})
    void should_WeightByTheSchemeTheProfileNames(String weights, String expected) {
        Assessor assessor = new Assessor(Profile.parse("{\"weights\": " + weights + "}", "test"));
        assertThat(assessor.describe()).contains(expected + ";");
    }

    @Test
    void should_RefuseAGeometricMeanOfZScores() {
        assertThatThrownBy(() -> assess("{\"normalise\": {\"method\": \"zscore\"}, \"aggregate\": {\"method\": \"gmean\"}}"))
                .hasMessageContaining("aggregate.method gmean needs normalised values above zero, but normalise gives zscore");
    }
}

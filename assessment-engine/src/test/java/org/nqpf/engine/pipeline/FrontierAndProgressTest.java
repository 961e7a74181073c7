package org.nqpf.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nqpf.engine.Hierarchy;
import org.nqpf.engine.Progress;
import org.nqpf.engine.profile.Profile;
import org.nqpf.engine.profile.ProfileException;

/** The profile's frontier and progress sections through the pipeline, on data whose answers are known. */
class FrontierAndProgressTest {

    private static final double NA = Double.NaN;

    /** Cooper, Seiford & Tone's twelve hospitals (see DeaTest), as one period of a panel. */
    @Test
    void should_PlaceEachUnitAgainstTheFrontier_When_TheProfileAsksForOne() {
        Framework hospitals = Framework.of(Hierarchy.builder().aggregate("H", null).indicator("DOC", "H", -1)
                .indicator("NUR", "H", -1).indicator("OUT", "H", 1).indicator("IN", "H", 1).build());
        double[][] rows = {{20, 151, 100, 90}, {19, 131, 150, 50}, {25, 160, 160, 55}, {27, 168, 180, 72},
                {22, 158, 94, 66}, {55, 255, 230, 90}, {33, 235, 220, 88}, {31, 206, 152, 80}, {30, 244, 190, 100},
                {50, 268, 250, 100}, {53, 306, 260, 147}, {38, 284, 250, 120}};
        List<String> units = List.of("A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L");
        Panel panel = new Panel(units, units, List.of("2020"), new double[][][] {rows});
        PanelResult r = new Assessor(Profile.parse("""
                {"frontier": {"model": "ccr", "orientation": "input", "inputs": ["DOC", "NUR"], "outputs": ["OUT", "IN"]}}""",
                "test")).assess(hospitals, panel);
        PanelResult.FrontierPosition c = r.frontier("2020", "C");
        assertThat(c.efficiency()).isCloseTo(0.88270833, within(1e-6));
        assertThat(c.peers()).containsOnlyKeys("B", "D");
        assertThat(c.peers().get("B")).isCloseTo(0.9, within(1e-6));
        assertThat(c.slacks().get("DOC")).isCloseTo(1.21770833, within(1e-6));
        assertThat(c.targets().get("NUR")).isCloseTo(0.88270833 * 160, within(1e-4));
        assertThat(c.targets().get("OUT")).isCloseTo(160, within(1e-6));
        assertThat(r.frontier("2020", "A").efficiency()).isCloseTo(1, within(1e-9));

        assertThatThrownBy(() -> new Assessor(Profile.parse("""
                {"frontier": {"inputs": ["DOC"], "outputs": ["BEDS"]}}""", "test")).assess(hospitals, panel))
                .isInstanceOf(ProfileException.class).hasMessage("frontier.outputs[0]: BEDS is not an indicator of the framework");
        assertThatThrownBy(() -> Profile.parse("{\"frontier\": {\"inputs\": [], \"outputs\": [\"OUT\"]}}", "p.json"))
                .hasMessage("p.json: frontier.inputs must be a non-empty array of indicator codes");
    }

    /** ProgressTest's worked example, with the target from the metadata, for one unit of a panel. */
    @Test
    void should_MeasureEachIndicatorsProgress_When_TheProfileAsksForIt() {
        Framework framework = new Framework(Hierarchy.builder().aggregate("I", null).indicator("X", "I", 1)
                .indicator("Y", "I", 1).build(), Map.of(
                        "X", new Framework.NodeInfo("X", null, null, 80, NA, NA),
                        "Y", Framework.NodeInfo.named("Y")));
        double[][][] values = new double[6][2][];
        double[] x = {40, NA, 42, 44, NA, 50};
        for (int t = 0; t < 6; t++) {
            values[t][0] = new double[] {x[t], 40 + t};
            values[t][1] = new double[] {t == 5 ? 9 : 10, 10};
        }
        Panel panel = new Panel(List.of("u", "v"), List.of("u", "v"), List.of("2015", "2016", "2017", "2018", "2019",
                "2020"), values);
        PanelResult r = new Assessor(Profile.parse("{\"progress\": {\"base\": \"2015\", \"targetYear\": 2030}}", "test"))
                .assess(framework, panel);
        Map<String, Progress.Result> u = r.progress("u");
        assertThat(u.get("X").ratio()).isCloseTo(0.9651, within(1e-4));
        assertThat(u.get("X").status()).isEqualTo(Progress.Status.ON_TRACK);
        assertThat(u.get("Y").cagrRequired()).as("no target").isNaN();
        assertThat(u.get("Y").status()).isEqualTo(Progress.Status.ON_TRACK); // 40 → 45: 2.38 % a year
        // v: X fell from 10 to 9, R < 0; Y stayed at 10, a growth of 0: limited progress
        assertThat(r.progress("v").get("X").status()).isEqualTo(Progress.Status.DETERIORATION);
        assertThat(r.progress("v").get("Y").status()).isEqualTo(Progress.Status.LIMITED_PROGRESS);
    }
}

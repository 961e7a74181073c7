package org.nqpf.roadmap.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nqpf.contracts.AssessmentComputed;
import org.nqpf.contracts.Dimension;
import org.nqpf.contracts.Subsystem;
import org.nqpf.roadmap.library.LibraryAction;
import org.nqpf.roadmap.library.LibraryVersion;

/**
 * The planner against published figures: the frontier on Cooper, Seiford &amp; Tone's twelve hospitals, and the
 * milestone progress by the Open SDG measure worked by hand.
 */
class PublishedExamplesTest {

    /**
     * Cooper, Seiford &amp; Tone, <i>Data Envelopment Analysis</i> (2nd ed., Springer 2007), Table 1.5: doctors and
     * nurses in, outpatients and inpatients out. Six-digit figures: the same two-phase models by lp_solve 5.5
     * (R lpSolve 5.6.18), as in the engine's DeaTest.
     */
    static final String[] HOSPITALS = {"A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L"};
    static final double[][] X = {{20, 151}, {19, 131}, {25, 160}, {27, 168}, {22, 158}, {55, 255}, {33, 235},
            {31, 206}, {30, 244}, {50, 268}, {53, 306}, {38, 284}};
    static final double[][] Y = {{100, 90}, {150, 50}, {160, 55}, {180, 72}, {94, 66}, {230, 90}, {220, 88},
            {152, 80}, {190, 100}, {250, 100}, {260, 147}, {250, 120}};
    static final List<String> CODES = List.of("DOCTORS", "NURSES", "OUTPATIENTS", "INPATIENTS");

    private final Planner planner = new Planner();

    @Test
    void should_ReproduceThePublishedCcrFrontier_When_TheProfileNamesRawIndicators() {
        Plan c = plan("C", "CCR", "INPUT", "2024", null);
        assertThat(c.frontier().efficiency()).isCloseTo(0.88270833, within(1e-6));
        assertThat(c.frontier().peers()).containsOnlyKeys("B", "D");
        assertThat(c.frontier().peers().get("B")).isCloseTo(0.9, within(1e-6));
        assertThat(c.frontier().peers().get("D")).isCloseTo(0.13888889, within(1e-6));
        assertThat(c.frontier().slacks().get("DOCTORS")).isCloseTo(1.21770833, within(1e-6));
        assertThat(c.frontier().slacks().get("NURSES")).isCloseTo(0, within(1e-6));
        assertThat(c.frontier().targets().get("DOCTORS")).isCloseTo(0.9 * 19 + 0.13888889 * 27, within(1e-5));
        Plan j = plan("J", "CCR", "INPUT", "2024", null);
        assertThat(j.frontier().efficiency()).isCloseTo(0.87064677, within(1e-6));
        assertThat(j.frontier().peers()).containsOnlyKeys("D");
        assertThat(j.frontier().peers().get("D")).isCloseTo(1.38888889, within(1e-6));
        assertThat(j.frontier().slacks().get("DOCTORS")).isCloseTo(6.03233831, within(1e-6));
        double[] published = {1, 1, 0.883, 1, 0.763, 0.835, 0.902, 0.796, 0.960, 0.871, 0.955, 0.958};
        for (int k = 0; k < HOSPITALS.length; k++) {
            double e = plan(HOSPITALS[k], "CCR", "INPUT", "2024", null).frontier().efficiency();
            assertThat(Math.round(e * 1000) / 1000.0).as(HOSPITALS[k]).isEqualTo(published[k]);
        }
        // Twelve hospitals for two inputs and two outputs meet the rule max(m·s, 3(m+s)) = 12: no warning.
        assertThat(c.frontier().note()).isNull();
    }

    @Test
    void should_ReproduceThePublishedBccFrontier_When_VariableReturns() {
        Plan c = plan("C", "BCC", "INPUT", "2024", null);
        assertThat(c.frontier().efficiency()).isCloseTo(0.89583333, within(1e-6));
        assertThat(c.frontier().peers()).containsOnlyKeys("B", "D");
        assertThat(c.frontier().peers().get("B")).isCloseTo(2.0 / 3, within(1e-6));
        assertThat(c.frontier().slacks().get("INPATIENTS")).isCloseTo(2.33333333, within(1e-6));
        Plan e = plan("E", "BCC", "INPUT", "2024", null);
        assertThat(e.frontier().efficiency()).isCloseTo(0.88181818, within(1e-6));
        assertThat(e.frontier().peers()).containsOnlyKeys("A", "B");
        assertThat(e.frontier().peers().get("A")).isCloseTo(0.4, within(1e-6));
        assertThat(e.frontier().slacks().get("OUTPATIENTS")).isCloseTo(36, within(1e-6));
        assertThat(e.frontier().slacks().get("NURSES")).isCloseTo(0.32727273, within(1e-6));
        assertThat(plan("E", "BCC", "OUTPUT", "2024", null).frontier().efficiency()).isCloseTo(0.76663407,
                within(1e-6));
        // E's frontier target for outpatients is its peers' composite, 0.4 A + 0.6 B.
        Plan.Target out = e.targets().stream().filter(t -> t.indicator().equals("OUTPATIENTS")).findFirst()
                .orElseThrow();
        Plan.Alternative frontier = out.strategy().equals(PlanningProfile.FRONTIER)
                ? new Plan.Alternative(out.strategy(), out.target(), out.peers(), null)
                : out.alternatives().stream().filter(a -> a.strategy().equals(PlanningProfile.FRONTIER)).findFirst()
                        .orElseThrow();
        assertThat(frontier.target()).isCloseTo(0.4 * 100 + 0.6 * 150, within(1e-5));
    }

    /**
     * Milestones worked by hand with the measure Statistics Canada publishes for Open SDG: outpatients 150 in 2020
     * with a target of 200 by 2025, 160 in 2022: CAGR observed (160/150)^(1/2) − 1 = 0.0327956, required
     * (200/150)^(1/5) − 1 = 0.0592238, R = 0.553755: limited progress (0 ≤ R &lt; 0.6). Inpatients 45 → 55 with a target of
     * 55: achieved. Nurses (fewer is better here) 150 → 160 with a target of 140: deterioration.
     */
    @Test
    void should_GradeMilestoneProgress_ByTheOpenSdgMeasure() {
        Plan.Target outpatients = target("OUTPATIENTS", 1, 150, 200, 2025);
        Plan.Target inpatients = target("INPATIENTS", 1, 45, 55, 2025);
        Plan.Target nurses = target("NURSES", -1, 150, 140, 2023);
        Plan baseline = new Plan("C", "HOSPITALS", "CST", "2020", "REGION", 1, 0, null,
                List.of(outpatients, inpatients, nurses), null, List.of(), List.of(), null, List.of(), null);
        Plan now = plan("C", "CCR", "INPUT", "2022", baseline);
        Map<String, Plan.MilestoneProgress> byCode = new java.util.HashMap<>();
        now.progress().forEach(p -> byCode.put(p.indicator(), p));
        Plan.MilestoneProgress o = byCode.get("OUTPATIENTS");
        assertThat(o.value()).isEqualTo(160);
        assertThat(o.cagrObserved()).isCloseTo(0.0327956, within(1e-6));
        assertThat(o.cagrRequired()).isCloseTo(0.0592238, within(1e-6));
        assertThat(o.ratio()).isCloseTo(0.553755, within(1e-6));
        assertThat(o.status()).isEqualTo("LIMITED_PROGRESS");
        assertThat(o.milestone()).as("the baseline's 2022 milestone").isCloseTo(150 * Math.pow(200.0 / 150, 2.0 / 5),
                within(1e-5));
        assertThat(byCode.get("INPATIENTS").status()).isEqualTo("TARGET_ACHIEVED");
        assertThat(byCode.get("NURSES").status()).isEqualTo("DETERIORATION");
        assertThat(byCode.get("NURSES").statusZh()).isNotBlank();
    }

    private static Plan.Target target(String code, int direction, double value, double target, int year) {
        List<Plan.Milestone> path = Planner.trajectory(value, target, year - 2020, 2020);
        return new Plan.Target(code, "LABORERS", "AI", direction, value, null, 10, false,
                PlanningProfile.QUANTILE, target, List.of(), List.of(), year, path);
    }

    private Plan plan(String unit, String model, String orientation, String period, Plan baseline) {
        List<AssessmentComputed> cohort = hospitals(period);
        AssessmentComputed own = cohort.stream().filter(a -> a.entityId().equals(unit)).findFirst().orElseThrow();
        PlanningProfile d = PlanningProfile.defaults();
        PlanningProfile profile = new PlanningProfile(1, d.weights(), PlanningProfile.FRONTIER, d.quantile(),
                d.nearestPeers(), d.maxTargets(), d.maxActions(), new PlanningProfile.FrontierSpec(model, orientation,
                        List.of("DOCTORS", "NURSES"), List.of("OUTPATIENTS", "INPATIENTS")));
        return planner.plan(new PlanningInput(own, cohort, List.of(), library(), profile, baseline));
    }

    /** The hospitals as assessments: raw values as published, normalised by min-max in each one's direction. */
    static List<AssessmentComputed> hospitals(String period) {
        double[][] v = new double[HOSPITALS.length][4];
        for (int k = 0; k < HOSPITALS.length; k++) {
            v[k] = new double[] {X[k][0], X[k][1], Y[k][0], Y[k][1]};
        }
        int[] direction = {-1, -1, 1, 1};
        List<AssessmentComputed> out = new ArrayList<>();
        for (int k = 0; k < HOSPITALS.length; k++) {
            List<AssessmentComputed.IndicatorScore> indicators = new ArrayList<>();
            double overall = 0;
            for (int j = 0; j < 4; j++) {
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (double[] row : v) {
                    min = Math.min(min, row[j]);
                    max = Math.max(max, row[j]);
                }
                double z = 100 * (direction[j] > 0 ? v[k][j] - min : max - v[k][j]) / (max - min);
                overall += z / 4;
                indicators.add(new AssessmentComputed.IndicatorScore(CODES.get(j), Dimension.LABORERS,
                        j < 2 ? Subsystem.AI : Subsystem.NQPF, v[k][j], z, 0.25, 100 - z));
            }
            double ai = (indicators.get(0).normalised() + indicators.get(1).normalised()) / 2;
            double nq = (indicators.get(2).normalised() + indicators.get(3).normalised()) / 2;
            out.add(new AssessmentComputed("H-" + HOSPITALS[k], HOSPITALS[k], "HOSPITALS", period, "CST", 1,
                    new AssessmentComputed.Method("MINMAX", "EQUAL", "AMEAN", 0), "d", overall, 1, 12,
                    List.of(new AssessmentComputed.DimensionScore(Dimension.LABORERS, overall, 1, "A", 100)),
                    List.of(new AssessmentComputed.SubsystemScore(Subsystem.AI, ai),
                            new AssessmentComputed.SubsystemScore(Subsystem.NQPF, nq)),
                    null, indicators, Instant.EPOCH, "REGION"));
        }
        return out;
    }

    static LibraryVersion library() {
        LibraryAction t = PlannerTest.LIBRARY.actions().get(0);
        LibraryAction action = new LibraryAction("CST-1", "More outpatients", "门诊", t.system(),
                List.of(new LibraryAction.IndicatorEffect("OUTPATIENTS", 1, 2, 4, t.indicators().get(0).basis())),
                t.mechanism(), t.leadActor(), t.supportingActors(), t.instrument(), 2, List.of(), t.effort(),
                t.entityKinds(), t.sources(), Dimension.LABORERS, Subsystem.NQPF);
        return new LibraryVersion(1, "CST", LibraryVersion.Status.PUBLISHED, null, LibraryVersion.EFFECT_UNIT,
                Instant.EPOCH, Instant.EPOCH, List.of(action));
    }
}

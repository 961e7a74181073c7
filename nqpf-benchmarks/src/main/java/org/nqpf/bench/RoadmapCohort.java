package org.nqpf.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nqpf.contracts.AssessmentComputed;
import org.nqpf.contracts.Dimension;
import org.nqpf.contracts.Subsystem;
import org.nqpf.engine.Coupling;
import org.nqpf.engine.nqpf.NqpfAssessment;
import org.nqpf.engine.nqpf.NqpfIndicator;
import org.nqpf.engine.nqpf.NqpfModel;
import org.nqpf.engine.pipeline.Assessor;
import org.nqpf.engine.pipeline.Framework;
import org.nqpf.engine.pipeline.Panel;
import org.nqpf.engine.pipeline.PanelResult;
import org.nqpf.engine.profile.Profile;
import org.nqpf.roadmap.library.FrameworkIndicators;

/**
 * A synthetic cohort of regions assessed by the real pipeline, as assessment-service would announce it: NQPF-AI's
 * indicators (indicator-service's V2 seed: four dimensions × the AI and NQPF sides, the codes the shipped library
 * moves), two periods so that each entity has a history, assessed with the service's default profile and turned into
 * {@link AssessmentComputed} events by the same mapping as assessment-service's AssessmentViews and
 * AssessmentView.toEvent.
 */
final class RoadmapCohort {

    static final String FRAMEWORK = "NQPF-AI";
    static final String COHORT = "BENCH";
    static final List<String> PERIODS = List.of("2024", "2025");

    /** assessment-service's default method profile (MethodProfiles.DEFAULT_JSON). */
    static final String PROFILE = """
            {"normalise": {"method": "minmax", "range": [0, 100]}, "weights": {"method": "equal"}, "aggregate": {"method": "amean"}}""";

    /** code, dimension, side, direction: indicator-service's V2 seed of NQPF-AI v1. */
    static final List<NqpfIndicator> NQPF_AI = List.of(
            new NqpfIndicator("RD_PERSONNEL_DENSITY", "LABORERS", "NQPF", 1),
            new NqpfIndicator("RESEARCHER_DENSITY", "LABORERS", "NQPF", 1),
            new NqpfIndicator("HIGHER_ED_ENROLMENT", "LABORERS", "NQPF", 1),
            new NqpfIndicator("LABOUR_PRODUCTIVITY", "LABORERS", "NQPF", 1),
            new NqpfIndicator("EDUCATION_SPENDING_SHARE", "LABORERS", "NQPF", 1),
            new NqpfIndicator("SCI_PAPER_DENSITY", "LABORERS", "NQPF", 1),
            new NqpfIndicator("AI_SKILLS_TRAINING_COVERAGE", "LABORERS", "AI", 1),
            new NqpfIndicator("SOFTWARE_IT_EMPLOYMENT_SHARE", "LABORERS", "AI", 1),
            new NqpfIndicator("RD_INTENSITY", "MEANS_OF_LABOR", "NQPF", 1),
            new NqpfIndicator("BASIC_RESEARCH_SHARE", "MEANS_OF_LABOR", "NQPF", 1),
            new NqpfIndicator("ENERGY_INTENSITY", "MEANS_OF_LABOR", "NQPF", -1),
            new NqpfIndicator("TELECOM_VOLUME_PER_CAPITA", "MEANS_OF_LABOR", "AI", 1),
            new NqpfIndicator("COMPUTING_POWER_PER_CAPITA", "MEANS_OF_LABOR", "AI", 1),
            new NqpfIndicator("ROBOT_DENSITY", "MEANS_OF_LABOR", "AI", 1),
            new NqpfIndicator("BASE_STATIONS_5G_DENSITY", "MEANS_OF_LABOR", "AI", 1),
            new NqpfIndicator("HIGH_TECH_REVENUE_SHARE", "OBJECTS_OF_LABOR", "NQPF", 1),
            new NqpfIndicator("NEW_PRODUCT_SALES_SHARE", "OBJECTS_OF_LABOR", "NQPF", 1),
            new NqpfIndicator("INDUSTRIAL_UPGRADING", "OBJECTS_OF_LABOR", "NQPF", 1),
            new NqpfIndicator("URBANISATION_RATE", "OBJECTS_OF_LABOR", "NQPF", 1),
            new NqpfIndicator("SOFTWARE_REVENUE_SHARE", "OBJECTS_OF_LABOR", "AI", 1),
            new NqpfIndicator("ECOMMERCE_SALES_PER_CAPITA", "OBJECTS_OF_LABOR", "AI", 1),
            new NqpfIndicator("DATA_TRADING_VOLUME", "OBJECTS_OF_LABOR", "AI", 1),
            new NqpfIndicator("INVENTION_PATENT_DENSITY", "OPTIMIZED_COMBINATION", "NQPF", 1),
            new NqpfIndicator("VALID_INVENTION_PATENT_DENSITY", "OPTIMIZED_COMBINATION", "NQPF", 1),
            new NqpfIndicator("TECH_MARKET_TURNOVER_SHARE", "OPTIMIZED_COMBINATION", "NQPF", 1),
            new NqpfIndicator("ENTERPRISE_RD_FUNDS_SHARE", "OPTIMIZED_COMBINATION", "NQPF", 1),
            new NqpfIndicator("GOV_SCIENCE_SPENDING_SHARE", "OPTIMIZED_COMBINATION", "NQPF", 1),
            new NqpfIndicator("DIGITAL_FINANCE_INDEX", "OPTIMIZED_COMBINATION", "AI", 1),
            new NqpfIndicator("AI_PENETRATION", "OPTIMIZED_COMBINATION", "AI", 1),
            new NqpfIndicator("CLOUD_ADOPTION_RATE", "OPTIMIZED_COMBINATION", "AI", 1));

    final List<NqpfIndicator> indicators;
    final FrameworkIndicators.Known known;
    /** Per period, oldest first: every entity's event, in entity order. */
    final List<List<AssessmentComputed>> events;
    final double assessSeconds;

    /**
     * @param indicators NQPF-AI's first {@code indicators} codes; beyond its 30, extra ones (X031, ...) spread over the
     *                   dimensions and sides, which no action moves
     */
    RoadmapCohort(int entities, int indicators, long seed) {
        this.indicators = indicators(indicators);
        Map<String, FrameworkIndicators.Known.Indicator> k = new LinkedHashMap<>();
        for (NqpfIndicator i : this.indicators) {
            k.put(i.code(), new FrameworkIndicators.Known.Indicator(i.code(), Dimension.valueOf(i.dimension()),
                    Subsystem.valueOf(i.subsystem())));
        }
        known = new FrameworkIndicators.Known(FRAMEWORK, Map.copyOf(k));
        List<String> units = new ArrayList<>();
        for (int u = 0; u < entities; u++) {
            units.add(String.format("R%05d", u + 1));
        }
        Framework framework = NqpfModel.framework(this.indicators);
        Panel panel = new Panel(units, units, PERIODS, values(entities, this.indicators.size(), seed));
        long start = System.nanoTime();
        PanelResult result = new Assessor(Profile.parse(PROFILE, "assessment-service's default profile"))
                .assess(framework, panel);
        List<List<AssessmentComputed>> out = new ArrayList<>();
        for (String period : PERIODS) {
            out.add(NqpfModel.assessments(result, period).stream().map(RoadmapCohort::event).toList());
        }
        assessSeconds = (System.nanoTime() - start) / 1e9;
        events = List.copyOf(out);
    }

    private static List<NqpfIndicator> indicators(int m) {
        if (m <= NQPF_AI.size()) {
            return NQPF_AI.subList(0, m);
        }
        List<NqpfIndicator> out = new ArrayList<>(NQPF_AI);
        for (int j = NQPF_AI.size(); j < m; j++) {
            out.add(new NqpfIndicator(String.format("X%03d", j + 1), NqpfModel.DIMENSIONS.get(j % 4),
                    j / 4 % 2 == 0 ? "AI" : "NQPF", 1));
        }
        return out;
    }

    /**
     * Values[period][entity][indicator], positive: each entity has a development level shared by its indicators (so
     * indicators correlate, as provinces' do), its own spread around it and a trend per indicator, some improving and
     * some deteriorating; about 1 % missing in the older period.
     */
    private static double[][][] values(int n, int m, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][][] v = new double[PERIODS.size()][n][m];
        for (int u = 0; u < n; u++) {
            double level = Math.exp(0.5 * random.nextGaussian());
            for (int j = 0; j < m; j++) {
                double base = 10 * level * Math.exp(0.4 * random.nextGaussian());
                double trend = 1 + 0.06 * random.nextGaussian() + 0.02;
                for (int t = 0; t < PERIODS.size(); t++) {
                    v[t][u][j] = t == 0 && random.nextDouble() < 0.01 ? Double.NaN : base * Math.pow(trend, t);
                }
            }
        }
        return v;
    }

    // ---- assessment-service's mapping: AssessmentViews.of, then AssessmentView.toEvent -----------------------------

    static AssessmentComputed event(NqpfAssessment a) {
        List<AssessmentComputed.DimensionScore> dimensions = a.dimensions().stream()
                .filter(d -> dimension(d.dimension()) != null)
                .map(d -> new AssessmentComputed.DimensionScore(dimension(d.dimension()), round(d.score()), d.rank(),
                        d.leader(), round(d.leaderScore())))
                .toList();
        List<AssessmentComputed.SubsystemScore> subsystems = a.subsystems().entrySet().stream()
                .filter(s -> subsystem(s.getKey()) != null)
                .map(s -> new AssessmentComputed.SubsystemScore(subsystem(s.getKey()), round(s.getValue())))
                .toList();
        Coupling c = a.coupling();
        AssessmentComputed.Coupling coupling = c == null ? null
                : new AssessmentComputed.Coupling(round(c.c()), round(c.t()), round(c.d()), c.grade().name(),
                        subsystem(a.lagging()) == null ? null : subsystem(a.lagging()).name());
        List<AssessmentComputed.IndicatorScore> indicators = a.indicators().stream()
                .map(i -> new AssessmentComputed.IndicatorScore(i.indicator(), dimension(i.dimension()),
                        subsystem(i.subsystem()), nullable(i.value()), nullable(round(i.normalised())),
                        round(i.weight()), Double.isNaN(i.obstacle()) ? 0 : round(i.obstacle())))
                .toList();
        List<AssessmentComputed.AggregateScore> aggregates = a.aggregates().stream()
                .map(g -> new AssessmentComputed.AggregateScore(g.code(), g.parent(), g.level(), round(g.score()),
                        g.rank()))
                .toList();
        return new AssessmentComputed(COHORT + "/" + a.unit() + "/" + a.period(), a.unit(), COHORT, a.period(),
                FRAMEWORK, 1, new AssessmentComputed.Method("minmax [0, 100]", "equal", "amean", 0, "PERIOD"),
                "bench-" + a.period(), round(a.overall()), a.rank(), a.cohortSize(), dimensions, subsystems, coupling,
                indicators, Instant.parse("2026-12-01T00:00:00Z"), "REGION", aggregates);
    }

    private static Dimension dimension(String code) {
        for (Dimension d : Dimension.values()) {
            if (d.name().equals(code)) {
                return d;
            }
        }
        return null;
    }

    private static Subsystem subsystem(String code) {
        for (Subsystem s : Subsystem.values()) {
            if (s.name().equals(code)) {
                return s;
            }
        }
        return null;
    }

    private static double round(double x) {
        return Double.isNaN(x) ? x : Math.round(x * 1e6) / 1e6;
    }

    private static Double nullable(double x) {
        return Double.isNaN(x) ? null : x;
    }
}

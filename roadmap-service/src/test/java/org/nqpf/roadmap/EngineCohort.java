package org.nqpf.roadmap;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nqpf.contracts.AssessmentComputed;
import org.nqpf.contracts.Dimension;
import org.nqpf.contracts.Subsystem;
import org.nqpf.engine.nqpf.NqpfAssessment;
import org.nqpf.engine.nqpf.NqpfIndicator;
import org.nqpf.engine.nqpf.NqpfModel;
import org.nqpf.engine.pipeline.Assessor;
import org.nqpf.engine.pipeline.Framework;
import org.nqpf.engine.pipeline.Panel;
import org.nqpf.engine.pipeline.PanelResult;
import org.nqpf.engine.profile.Profile;

/**
 * Assessments of a synthetic cohort made by the real assessment engine, as assessment-service would announce them:
 * the NQPF-AI framework's 30 indicators (indicator-service's seed), values drawn with a seed.
 */
public final class EngineCohort {

    /** code, dimension, subsystem, direction: indicator-service's V2 seed of NQPF-AI. */
    public static final List<NqpfIndicator> NQPF_AI = List.of(
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

    private EngineCohort() {
    }

    /** Entity codes E001, E002, ... */
    public static List<String> units(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(String.format("E%03d", i));
        }
        return out;
    }

    /** Values[period][unit][indicator], positive, drawn with the seed; each unit has its own level and trend. */
    public static double[][][] values(int units, List<String> periods, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int m = NQPF_AI.size();
        double[][][] v = new double[periods.size()][units][m];
        for (int u = 0; u < units; u++) {
            double level = 0.5 + random.nextDouble();
            for (int j = 0; j < m; j++) {
                double base = 10 * level * (0.4 + 1.2 * random.nextDouble());
                double trend = 1 + (random.nextDouble() - 0.4) * 0.1;
                for (int t = 0; t < periods.size(); t++) {
                    v[t][u][j] = base * Math.pow(trend, t);
                }
            }
        }
        return v;
    }

    /** Every unit's assessment of every period, by the engine's default profile. */
    public static List<List<AssessmentComputed>> assess(String cohort, List<String> units, List<String> periods,
            double[][][] values, Map<String, String> kinds) {
        return assess(cohort, units, periods, values, kinds, Profile.defaults());
    }

    public static List<List<AssessmentComputed>> assess(String cohort, List<String> units, List<String> periods,
            double[][][] values, Map<String, String> kinds, Profile profile) {
        Framework framework = NqpfModel.framework(NQPF_AI);
        PanelResult result = new Assessor(profile).assess(framework, new Panel(units, units, periods, values));
        List<List<AssessmentComputed>> out = new ArrayList<>();
        for (String period : periods) {
            List<AssessmentComputed> slice = new ArrayList<>();
            for (NqpfAssessment a : NqpfModel.assessments(result, period)) {
                slice.add(event(cohort, a, kinds.getOrDefault(a.unit(), "REGION")));
            }
            out.add(slice);
        }
        return out;
    }

    static AssessmentComputed event(String cohort, NqpfAssessment a, String kind) {
        List<AssessmentComputed.DimensionScore> dims = a.dimensions().stream()
                .map(d -> new AssessmentComputed.DimensionScore(Dimension.valueOf(d.dimension()), d.score(), d.rank(),
                        d.leader(), d.leaderScore()))
                .toList();
        List<AssessmentComputed.SubsystemScore> sides = new ArrayList<>();
        a.subsystems().forEach((s, v) -> sides.add(new AssessmentComputed.SubsystemScore(Subsystem.valueOf(s), v)));
        AssessmentComputed.Coupling coupling = a.coupling() == null ? null
                : new AssessmentComputed.Coupling(a.coupling().c(), a.coupling().t(), a.coupling().d(),
                        a.coupling().grade().chinese(), a.lagging());
        List<AssessmentComputed.IndicatorScore> indicators = a.indicators().stream()
                .map(i -> new AssessmentComputed.IndicatorScore(i.indicator(), Dimension.valueOf(i.dimension()),
                        Subsystem.valueOf(i.subsystem()), i.value(), i.normalised(), i.weight(),
                        Double.isNaN(i.obstacle()) ? 0 : i.obstacle()))
                .toList();
        return new AssessmentComputed(cohort + "/" + a.unit() + "/" + a.period(), a.unit(), cohort, a.period(),
                "NQPF-AI", 1, new AssessmentComputed.Method("MINMAX", "META", "AMEAN", 0), "digest-" + a.period(),
                a.overall(), a.rank(), a.cohortSize(), dims, sides, coupling, indicators,
                Instant.parse("2026-01-01T00:00:00Z"), kind);
    }
}

package org.nqpf.roadmap.report;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nqpf.contracts.ActionSystem;
import org.nqpf.contracts.Mechanism;
import org.nqpf.roadmap.library.Actor;
import org.nqpf.roadmap.library.LibraryAction.Effort;
import org.nqpf.roadmap.library.Phase;
import org.nqpf.roadmap.planning.Plan;

/** A hand-made plan with every section filled, for the report's tests. */
final class ReportFixtures {

    static final ReportMeta META = new ReportMeta(3, Instant.parse("2026-11-30T08:15:00Z"), 2);

    private ReportFixtures() {
    }

    static Plan plan(String entityId) {
        Plan.Strategy strategy = new Plan.Strategy(
                "The NQPF side lags the AI side; the weakest dimensions are laborers and objects of labor.",
                "新质生产力一侧滞后于人工智能一侧；最弱的维度是劳动者和劳动对象。",
                41.23456, 28, 31, 0.512345, "勉强协调", "NQPF", List.of("LABORERS", "OBJECTS_OF_LABOR"),
                List.of("RD_INTENSITY", "ROBOT_DENSITY"));
        List<Plan.Milestone> rdPath = List.of(new Plan.Milestone(1, 1.5, Phase.NEAR_TERM),
                new Plan.Milestone(2, 1.7, Phase.MID_TERM), new Plan.Milestone(3, 1.9, Phase.MID_TERM),
                new Plan.Milestone(4, 2.1, Phase.LONG_TERM), new Plan.Milestone(5, 2.3, Phase.LONG_TERM));
        Plan.Target rd = new Plan.Target("RD_INTENSITY", "LABORERS", "NQPF", 1, 1.3, 0.21, 0.183, true,
                "NEAREST_PEERS", 2.3, List.of(new Plan.Peer("CN-61", 2.35, "2023", null, 0.12),
                        new Plan.Peer("CN-50", 2.25, "2023", null, 0.18)),
                List.of(new Plan.Alternative("QUANTILE", 2.6, List.of(new Plan.Peer("CN-37", 2.6, "2023", null, null)),
                        null)), 2028, rdPath);
        Plan.Target robots = new Plan.Target("ROBOT_DENSITY", "MEANS_OF_LABOR", "AI", 1, 120, 0.3, 0.121, false,
                "QUANTILE", 1234.5678, List.of(new Plan.Peer("CN-44", 1234.5678, "2022", null, null)), List.of(), 2030,
                List.of(new Plan.Milestone(1, 300, Phase.NEAR_TERM), new Plan.Milestone(3, 800, Phase.MID_TERM),
                        new Plan.Milestone(5, 1234.5678, Phase.LONG_TERM)));
        Map<String, Double> vars = new LinkedHashMap<>();
        vars.put("AI_SIDE", 40.0);
        vars.put("NQPF_SIDE", 30.0);
        Plan.Frontier frontier = new Plan.Frontier("bcc", "output", List.of("AI_SIDE"), List.of("NQPF_SIDE"),
                0.8123456, vars, Map.of("CN-61", 0.6, "CN-50", 0.4), Map.of("AI_SIDE", 40.0, "NQPF_SIDE", 36.9),
                Map.of("AI_SIDE", 0.0, "NQPF_SIDE", 0.0), null);
        Plan.Action platform = action("OTI-03", "Open AI compute platform", "开放共享的人工智能算力平台",
                ActionSystem.OPEN_TECH_INNOVATION, 0, 1, Phase.NEAR_TERM, 1, List.of());
        Plan.Action talent = action("INC-07", "AI talent programme", "人工智能人才计划",
                ActionSystem.INCLUSIVE_GOVERNANCE, 1, 2, Phase.MID_TERM, 2, List.of("OTI-03"));
        Plan.Action chain = action("AIE-11", "Self-reliant robot supply chain", "自主可控的机器人供应链",
                ActionSystem.AUTONOMOUS_INDUSTRIAL_ECOSYSTEM, 1, 4, Phase.LONG_TERM, 3, List.of());
        Plan.Action data = action("FEC-02", "Data element market", "数据要素市场",
                ActionSystem.FULL_CHAIN_ELEMENT_CIRCULATION, 0, 3, Phase.MID_TERM, 4, List.of());
        Map<String, Double> dimsNow = dims(35.5, 48.25, 30.125, 51.0);
        Plan.Projection now = new Plan.Projection(null, 0, 41.23456, dimsNow, Map.of("AI", 47.0, "NQPF", 35.0),
                0.512345, "勉强协调", 28, 31);
        Plan.Projection near = new Plan.Projection(Phase.NEAR_TERM, 1, 43.0, dims(37, 49, 32, 52), null, 0.53,
                "勉强协调", 26, 31);
        Plan.Projection mid = new Plan.Projection(Phase.MID_TERM, 3, 47.5, dims(42, 51, 37, 55), null, 0.58,
                "勉强协调", 22, 31);
        Plan.Projection lon = new Plan.Projection(Phase.LONG_TERM, 5, 52.75, dims(47, 54, 44, 58), null, 0.61,
                "初级协调", 17, 31);
        Plan.Projections projections = new Plan.Projections(now, List.of(near, mid, lon), lon);
        Plan.MilestoneProgress progress = new Plan.MilestoneProgress("RD_INTENSITY", "2022", 1.2, "2023", 1.3, 2.3,
                2028, 1.4, 0.0833, 0.1385, 0.6015, "ACCELERATION_NEEDED",
                "Progress made but acceleration needed", "有进展但需加速");
        Plan.Context context = new Plan.Context(dimsNow, dims(50, 52, 47, 55), "CN-11", dims(92, 95, 88, 97),
                List.of(new Plan.CouplingPoint("2019", 0.41, "濒临失调"), new Plan.CouplingPoint("2020", 0.44, "濒临失调"),
                        new Plan.CouplingPoint("2021", 0.47, "濒临失调"), new Plan.CouplingPoint("2022", 0.49, "濒临失调"),
                        new Plan.CouplingPoint("2023", 0.512345, "勉强协调")));
        return new Plan(entityId, "CN-PROVINCES", "NQPF-AI-2024", "2023", "REGION", 2, 1, strategy,
                List.of(rd, robots), frontier, List.of(platform, talent, chain, data),
                List.of(new Plan.Considered("GOV-09", 0.21, "ranked below the cut-off of 4 actions")), projections,
                List.of(progress), context);
    }

    private static Plan.Action action(String code, String en, String zh, ActionSystem system, int start, int horizon,
            Phase phase, int priority, List<String> prerequisites) {
        return new Plan.Action(code, en, zh, system, Mechanism.ELEMENT_SUPPLY, Actor.GOVERNMENT,
                List.of(Actor.ENTERPRISE, Actor.SOCIETY), "INDUSTRIAL_POLICY", horizon, Effort.MEDIUM, prerequisites,
                start, phase, priority,
                List.of(new Plan.Move("RD_INTENSITY", 1, 2.0, 5.0, 0.183, 2.3, "CN-61")),
                new Plan.Score(new Plan.Impact(1.234, 0.9, 0.0123, 0.876543), 0.75, 0.5, 0.712345),
                "Moves RD_INTENSITY (obstacle 0.183) towards CN-61's 2.35 (" + code + ").",
                "推动 RD_INTENSITY（障碍度 0.183）向 CN-61 的 2.35 靠拢（" + code + "）。", null);
    }

    private static Map<String, Double> dims(double l, double m, double o, double c) {
        Map<String, Double> d = new LinkedHashMap<>();
        d.put("LABORERS", l);
        d.put("MEANS_OF_LABOR", m);
        d.put("OBJECTS_OF_LABOR", o);
        d.put("OPTIMIZED_COMBINATION", c);
        return d;
    }
}

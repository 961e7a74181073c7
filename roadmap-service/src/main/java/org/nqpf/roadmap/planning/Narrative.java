package org.nqpf.roadmap.planning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.nqpf.contracts.AssessmentComputed;
import org.nqpf.contracts.AssessmentComputed.DimensionScore;
import org.nqpf.roadmap.library.LibraryAction;
import org.nqpf.roadmap.library.Phase;

/** The plan's sentences, in English and Chinese, each built from this entity's own numbers. */
final class Narrative {

    private static final int WEAKEST = 2;
    private static final int OBSTACLES = 3;

    private Narrative() {
    }

    static Plan.Strategy strategy(AssessmentComputed a, Cohort cohort, int unit, String lagging,
            List<Plan.Target> targets, Plan.Projections projections, Plan.Frontier frontier) {
        List<DimensionScore> dims = new ArrayList<>(Cohort.nullSafe(a.dimensions()));
        dims.sort(Comparator.comparingInt((DimensionScore d) -> -d.rank()).thenComparingDouble(DimensionScore::score)
                .thenComparing(d -> d.dimension().name()));
        List<DimensionScore> weakest = dims.subList(0, Math.min(WEAKEST, dims.size()));
        List<AssessmentComputed.IndicatorScore> obstacles = Cohort.nullSafe(a.indicators()).stream()
                .filter(i -> i.obstacle() > 0)
                .sorted(Comparator.comparingDouble((AssessmentComputed.IndicatorScore i) -> -i.obstacle())
                        .thenComparing(AssessmentComputed.IndicatorScore::indicator))
                .limit(OBSTACLES).toList();
        Double d = a.coupling() == null ? null : a.coupling().d();
        String grade = a.coupling() == null ? null : a.coupling().grade();
        String gradeEn = label(grade, false);
        String gradeZh = label(grade, true);
        double ai = side(a, "AI");
        double nqpf = side(a, "NQPF");
        StringBuilder en = new StringBuilder();
        StringBuilder zh = new StringBuilder();
        en.append(String.format(Locale.ROOT, "%s scores %.2f overall, rank %d of %d in %s (%s).", a.entityId(),
                a.overallScore(), a.rank(), a.cohortSize(), a.cohort(), a.period()));
        zh.append(String.format(Locale.ROOT, "%s 综合得分 %.2f，在 %s 中排名第 %d/%d（%s）。", a.entityId(),
                a.overallScore(), a.cohort(), a.rank(), a.cohortSize(), a.period()));
        if (d != null) {
            if (a.coupling().lagging() != null) {
                en.append(String.format(Locale.ROOT, " The %s side lags (AI %.2f, NQPF %.2f): coupling coordination "
                        + "D = %.3f, %s.", a.coupling().lagging(), ai, nqpf, d, gradeEn));
                zh.append(String.format(Locale.ROOT, "%s 子系统滞后（人工智能 %.2f，新质生产力 %.2f）：耦合协调度 D = %.3f，%s。",
                        zh(a.coupling().lagging()), ai, nqpf, d, gradeZh));
            }
            else {
                en.append(String.format(Locale.ROOT, " The AI and NQPF sides are within 0.1 of each other (AI %.2f, "
                        + "NQPF %.2f): D = %.3f, %s.", ai, nqpf, d, gradeEn));
                zh.append(String.format(Locale.ROOT, "人工智能与新质生产力两侧相差不足 0.1（%.2f，%.2f）：耦合协调度 D = %.3f，%s。",
                        ai, nqpf, d, gradeZh));
            }
        }
        if (!weakest.isEmpty()) {
            en.append(" Weakest dimensions: ").append(weakest.stream().map(x -> String.format(Locale.ROOT,
                    "%s (%.2f, rank %d)", x.dimension(), x.score(), x.rank())).collect(Collectors.joining(", ")))
                    .append('.');
            zh.append("最弱维度：").append(weakest.stream().map(x -> String.format(Locale.ROOT, "%s（%.2f，第 %d 名）",
                    zh(x.dimension().name()), x.score(), x.rank())).collect(Collectors.joining("、"))).append('。');
        }
        if (!obstacles.isEmpty()) {
            en.append(" Largest obstacles: ").append(obstacles.stream().map(i -> String.format(Locale.ROOT,
                    "%s %.1f%%", i.indicator(), i.obstacle())).collect(Collectors.joining(", "))).append('.');
            zh.append("主要障碍指标：").append(obstacles.stream().map(i -> String.format(Locale.ROOT, "%s %.1f%%",
                    i.indicator(), i.obstacle())).collect(Collectors.joining("、"))).append('。');
        }
        if (frontier != null && frontier.efficiency() != null) {
            en.append(String.format(Locale.ROOT, " On the efficiency frontier (%s, %s-oriented) it reaches %.3f%s.",
                    frontier.model(), frontier.orientation().toLowerCase(Locale.ROOT), frontier.efficiency(),
                    frontier.peers().isEmpty() || frontier.peers().containsKey(a.entityId()) && frontier.peers().size() == 1
                            ? "" : " against " + String.join(", ", frontier.peers().keySet())));
            zh.append(String.format(Locale.ROOT, "效率前沿（%s，%s导向）效率值 %.3f%s。", frontier.model(),
                    "INPUT".equals(frontier.orientation()) ? "投入" : "产出", frontier.efficiency(),
                    frontier.peers().isEmpty() || frontier.peers().containsKey(a.entityId()) && frontier.peers().size() == 1
                            ? "" : "，参照 " + String.join("、", frontier.peers().keySet())));
        }
        Plan.Projection whole = projections.whole();
        Plan.Projection now = projections.now();
        en.append(String.format(Locale.ROOT, " The plan sets %d indicator targets and would take the overall score "
                + "from %.2f to %.2f (rank %d to %d)%s.", targets.size(), now.overallScore(), whole.overallScore(),
                now.rank(), whole.rank(), whole.couplingD() == null ? ""
                        : String.format(Locale.ROOT, " and D to %.3f (%s)", whole.couplingD(),
                                label(whole.couplingGrade(), false))));
        zh.append(String.format(Locale.ROOT, "本路线图设定 %d 项指标目标，预计综合得分由 %.2f 提升至 %.2f（排名由第 %d 名至第 %d 名）%s。",
                targets.size(), now.overallScore(), whole.overallScore(), now.rank(), whole.rank(),
                whole.couplingD() == null ? ""
                        : String.format(Locale.ROOT, "，耦合协调度升至 %.3f（%s）", whole.couplingD(),
                                label(whole.couplingGrade(), true))));
        return new Plan.Strategy(en.toString(), zh.toString(), a.overallScore(), a.rank(), a.cohortSize(), d, grade,
                a.coupling() == null ? null : a.coupling().lagging(),
                weakest.stream().map(x -> x.dimension().name()).toList(),
                obstacles.stream().map(AssessmentComputed.IndicatorScore::indicator).toList());
    }

    /** The action's own rationale: what it moves for this entity, the targets and peers, what it adds and why here. */
    static String[] rationale(AssessmentComputed a, LibraryAction action, List<Plan.Move> moves,
            Map<String, Plan.Target> targets, Plan.Score score, int start, Phase phase, int rank, int candidates,
            String lagging, List<String> requiredFor) {
        StringBuilder en = new StringBuilder();
        StringBuilder zh = new StringBuilder();
        en.append("Moves ");
        zh.append("作用于");
        List<String> enMoves = new ArrayList<>();
        List<String> zhMoves = new ArrayList<>();
        for (Plan.Move m : moves) {
            Plan.Target t = targets.get(m.indicator());
            String change = String.format(Locale.ROOT, "%+.1f%% to %+.1f%% a year", m.direction() * m.low(),
                    m.direction() * m.high());
            String changeZh = String.format(Locale.ROOT, "每年 %+.1f%%～%+.1f%%", m.direction() * m.low(),
                    m.direction() * m.high());
            if (t != null) {
                enMoves.add(String.format(Locale.ROOT, "%s (obstacle %.1f%%, %s; %s → target %s by %d, as %s %s)",
                        m.indicator(), m.obstacle(), change, number(t.value()), number(t.target()), t.targetYear(),
                        peers(t), "reached in " + a.period()));
                zhMoves.add(String.format(Locale.ROOT, "%s（障碍度 %.1f%%，%s；由 %s 至 %d 年目标 %s，参照 %s %s 年水平）",
                        m.indicator(), m.obstacle(), changeZh, number(t.value()), t.targetYear(), number(t.target()),
                        peers(t), a.period()));
            }
            else {
                enMoves.add(String.format(Locale.ROOT, "%s (obstacle %.1f%%, %s)", m.indicator(), m.obstacle(), change));
                zhMoves.add(String.format(Locale.ROOT, "%s（障碍度 %.1f%%，%s）", m.indicator(), m.obstacle(), changeZh));
            }
        }
        en.append(String.join("; ", enMoves)).append('.');
        zh.append(String.join("；", zhMoves)).append('。');
        Plan.Impact i = score.impact();
        en.append(String.format(Locale.ROOT, " Over its %d-year horizon it is expected to add %+.2f to the overall "
                + "score, %+.2f to the %s side and %+.3f to D.", action.horizonYears(), i.overall(), i.lagging(),
                lagging == null ? "weaker" : lagging, i.d()));
        zh.append(String.format(Locale.ROOT, "在 %d 年周期内预计使综合得分 %+.2f、%s子系统 %+.2f、耦合协调度 %+.3f。",
                action.horizonYears(), i.overall(), lagging == null ? "较弱" : zh(lagging), i.lagging(), i.d()));
        en.append(String.format(Locale.ROOT, " Ranked %d of %d (impact %.2f, urgency %.2f, feasibility %.2f)",
                rank, candidates, i.score(), score.urgency(), score.feasibility()));
        zh.append(String.format(Locale.ROOT, "在 %d 项候选中排第 %d（影响 %.2f，紧迫 %.2f，可行 %.2f）", candidates, rank,
                i.score(), score.urgency(), score.feasibility()));
        if (requiredFor != null && !requiredFor.isEmpty()) {
            en.append("; planned first because ").append(String.join(", ", requiredFor)).append(" need it");
            zh.append("；因 ").append(String.join("、", requiredFor)).append(" 以其为前提而优先安排");
        }
        if (start > 0) {
            en.append(String.format(Locale.ROOT, "; starts in year %d, once %s are in place", start,
                    String.join(", ", action.prerequisites())));
            zh.append(String.format(Locale.ROOT, "；待 %s 落实后于第 %d 年启动", String.join("、", action.prerequisites()),
                    start));
        }
        en.append(String.format(Locale.ROOT, "; %s.", words(phase)));
        zh.append(String.format(Locale.ROOT, "；%s。", zhPhase(phase)));
        return new String[] {en.toString(), zh.toString()};
    }

    /** A coupling grade as assessments store it (its enum name or Chinese label), in English or Chinese. */
    static String label(String grade, boolean zh) {
        return grade == null ? null : org.nqpf.engine.CouplingGrade.parse(grade)
                .map(g -> zh ? g.chinese() : g.english()).orElse(grade);
    }

    private static String peers(Plan.Target t) {
        return t.peers().stream().map(Plan.Peer::entityId).collect(Collectors.joining(", "));
    }

    private static String number(double v) {
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.3g", v);
    }

    private static double side(AssessmentComputed a, String side) {
        return Cohort.nullSafe(a.subsystems()).stream().filter(s -> s.subsystem().name().equals(side))
                .mapToDouble(AssessmentComputed.SubsystemScore::score).findFirst().orElse(Double.NaN);
    }

    private static String words(Phase phase) {
        return switch (phase) {
            case NEAR_TERM -> "results in the near term (within a year)";
            case MID_TERM -> "results in the mid term (1-3 years)";
            case LONG_TERM -> "results in the long term (3-5 years)";
        };
    }

    private static String zhPhase(Phase phase) {
        return switch (phase) {
            case NEAR_TERM -> "近期（1 年内）见效";
            case MID_TERM -> "中期（1～3 年）见效";
            case LONG_TERM -> "远期（3～5 年）见效";
        };
    }

    static String zh(String code) {
        return switch (code) {
            case "AI" -> "人工智能";
            case "NQPF" -> "新质生产力";
            case "LABORERS" -> "劳动者";
            case "MEANS_OF_LABOR" -> "劳动资料";
            case "OBJECTS_OF_LABOR" -> "劳动对象";
            case "OPTIMIZED_COMBINATION" -> "优化组合";
            default -> code;
        };
    }
}

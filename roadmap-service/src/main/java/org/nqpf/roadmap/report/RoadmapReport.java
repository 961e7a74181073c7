package org.nqpf.roadmap.report;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.nqpf.contracts.ActionSystem;
import org.nqpf.contracts.Dimension;
import org.nqpf.roadmap.library.Phase;
import org.nqpf.roadmap.planning.Plan;

/**
 * Renders a stored plan as a report a person reads: a JSON view, Markdown (tables and text, no pictures) and a
 * printable, self-contained HTML page with the charts inline. A pure function of the plan and its version metadata.
 */
public final class RoadmapReport {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private RoadmapReport() {
    }

    // ---- the view -------------------------------------------------------------------------------------------------

    public static ReportView view(Plan plan, ReportMeta meta, Lang lang) {
        Plan.Strategy st = plan.strategy();
        ReportView.Diagnosis diagnosis = st == null ? null
                : new ReportView.Diagnosis(lang.pick(st.en(), st.zh()), st.overallScore(), st.rank(),
                        st.cohortSize(), st.couplingD(), Labels.grade(lang, st.couplingGrade()),
                        st.lagging() == null ? null : Labels.of(lang, st.lagging()),
                        labels(lang, st.weakestDimensions()), list(st.largestObstacles()));
        return new ReportView(lang.name(), Labels.of(lang, "title"),
                new ReportView.Header(plan.entityId(), plan.cohort(), plan.frameworkCode(), plan.period(),
                        plan.entityKind(), meta.version(), meta.generatedAt(),
                        meta.libraryVersion() != null ? meta.libraryVersion() : plan.libraryVersion()),
                diagnosis, projections(plan, lang), targets(plan, lang), plan.frontier(), systems(plan, lang),
                progress(plan, lang), list(plan.considered()), plan.context());
    }

    private static List<ReportView.ProjectionRow> projections(Plan plan, Lang lang) {
        List<ReportView.ProjectionRow> rows = new ArrayList<>();
        Plan.Projections p = plan.projections();
        if (p == null) {
            return rows;
        }
        if (p.now() != null) {
            rows.add(row(Labels.of(lang, "now"), p.now(), lang));
        }
        for (Plan.Projection phase : list(p.phases())) {
            String when = lang == Lang.zh ? shortPhase(lang, phase.phase()) + Labels.of(lang, "endOf")
                    + "（第 " + phase.year() + " 年）"
                    : "End of " + shortPhase(lang, phase.phase()) + " (year " + phase.year() + ")";
            rows.add(row(when, phase, lang));
        }
        if (p.whole() != null) {
            rows.add(row(Labels.of(lang, "whole"), p.whole(), lang));
        }
        return rows;
    }

    private static ReportView.ProjectionRow row(String when, Plan.Projection p, Lang lang) {
        return new ReportView.ProjectionRow(when, p.phase(), p.year(), p.overallScore(), p.dimensions(),
                p.couplingD(), Labels.grade(lang, p.couplingGrade()), p.rank(), p.cohortSize());
    }

    private static List<ReportView.TargetRow> targets(Plan plan, Lang lang) {
        return list(plan.targets()).stream()
                .map(t -> new ReportView.TargetRow(t.indicator(), Labels.of(lang, t.dimension()), t.direction(),
                        t.value(), t.target(), t.strategy(), Labels.of(lang, t.strategy()), t.obstacle(),
                        t.deteriorating(), t.targetYear(), list(t.peers()), list(t.trajectory())))
                .toList();
    }

    private static List<ReportView.SystemActions> systems(Plan plan, Lang lang) {
        List<ReportView.SystemActions> out = new ArrayList<>();
        for (ActionSystem system : ActionSystem.values()) {
            List<ReportView.PhaseActions> phases = new ArrayList<>();
            for (Phase phase : Phase.values()) {
                List<ReportView.ActionRow> rows = list(plan.actions()).stream()
                        .filter(a -> a.system() == system && a.phase() == phase)
                        .sorted(Comparator.comparingInt(Plan.Action::priority))
                        .map(a -> action(a, lang)).toList();
                if (!rows.isEmpty()) {
                    phases.add(new ReportView.PhaseActions(phase, Labels.of(lang, phase.name()), rows));
                }
            }
            if (!phases.isEmpty()) {
                out.add(new ReportView.SystemActions(system, Labels.of(lang, system.name()), phases));
            }
        }
        return out;
    }

    private static ReportView.ActionRow action(Plan.Action a, Lang lang) {
        Plan.Score s = a.score();
        return new ReportView.ActionRow(a.priority(), a.code(), lang.pick(a.titleEn(), a.titleZh()),
                a.leadActor() == null ? null : Labels.of(lang, a.leadActor().name()),
                list(a.supportingActors()).stream().map(x -> Labels.of(lang, x.name())).toList(),
                Labels.of(lang, a.instrument()), a.mechanism() == null ? null : Labels.of(lang, a.mechanism().name()),
                a.horizonYears(), a.startYear(), a.phase(), a.effort() == null ? null : Labels.of(lang, a.effort().name()),
                list(a.prerequisites()), s == null || s.impact() == null ? 0 : s.impact().score(),
                s == null ? 0 : s.urgency(), s == null ? 0 : s.feasibility(), s == null ? 0 : s.total(),
                lang.pick(a.rationaleEn(), a.rationaleZh()));
    }

    private static List<ReportView.ProgressRow> progress(Plan plan, Lang lang) {
        return list(plan.progress()).stream()
                .map(m -> new ReportView.ProgressRow(m.indicator(), m.basePeriod(), m.baseValue(), m.period(),
                        m.value(), m.target(), m.targetYear(), m.milestone(), m.cagrObserved(), m.cagrRequired(),
                        m.ratio(), m.status(), status(m, lang)))
                .toList();
    }

    private static String status(Plan.MilestoneProgress m, Lang lang) {
        String own = lang == Lang.zh ? m.statusZh() : m.statusEn();
        return own != null && !own.isBlank() ? own : Labels.of(lang, m.status());
    }

    // ---- Markdown --------------------------------------------------------------------------------------------------

    /** Markdown: tables and text only; the pictures are in the HTML page. */
    public static String markdown(Plan plan, ReportMeta meta, Lang lang) {
        ReportView v = view(plan, meta, lang);
        ReportView.Header h = v.header();
        StringBuilder md = new StringBuilder();
        md.append("# ").append(mdText(v.title())).append("\n\n");
        md.append(table(List.of(l(lang, "entity"), l(lang, "cohort"), l(lang, "framework"), l(lang, "period"),
                l(lang, "version"), l(lang, "generatedAt"), l(lang, "library")),
                List.of(List.of(h.entity(), h.cohort(), h.framework(), h.period(), String.valueOf(h.version()),
                        h.generatedAt() == null ? "" : WHEN.format(h.generatedAt()),
                        h.libraryVersion() == null ? "" : String.valueOf(h.libraryVersion())))));

        md.append("\n## 1. ").append(l(lang, "strategy")).append("\n\n");
        ReportView.Diagnosis d = v.strategy();
        if (d != null) {
            md.append(mdText(d.text())).append("\n\n");
            md.append("- ").append(l(lang, "overall")).append(": ").append(score(d.overallScore())).append('\n');
            md.append("- ").append(l(lang, "rank")).append(": ").append(d.rank()).append(" / ").append(d.cohortSize())
                    .append('\n');
            if (d.couplingD() != null) {
                md.append("- ").append(l(lang, "coupling")).append(": ").append(d(d.couplingD())).append(" (")
                        .append(mdText(d.couplingGrade())).append(")\n");
            }
            md.append("- ").append(l(lang, "lagging")).append(": ")
                    .append(d.lagging() == null ? l(lang, "none") : mdText(d.lagging())).append('\n');
            md.append("- ").append(l(lang, "weakest")).append(": ").append(mdText(join(d.weakestDimensions())))
                    .append('\n');
            md.append("- ").append(l(lang, "obstacles")).append(": ").append(mdText(join(d.largestObstacles())))
                    .append('\n');
        }

        md.append("\n## 2. ").append(l(lang, "projections")).append("\n\n");
        md.append(table(projectionHeader(lang), projectionCells(v)));

        md.append("\n## 3. ").append(l(lang, "targets")).append("\n\n");
        md.append(table(targetHeader(lang), targetCells(v, lang)));
        for (ReportView.TargetRow t : v.targets()) {
            md.append("\n**").append(mdText(t.indicator())).append("** — ").append(l(lang, "trajectory")).append(": ")
                    .append(mdText(trajectory(t.trajectory(), lang))).append('\n');
        }

        md.append("\n## 4. ").append(l(lang, "frontier")).append("\n\n");
        md.append(frontierMd(v.frontier(), lang));

        md.append("\n## 5. ").append(l(lang, "actions")).append("\n\n");
        for (ReportView.SystemActions s : v.systems()) {
            md.append("### ").append(mdText(s.label())).append("\n\n");
            for (ReportView.PhaseActions p : s.phases()) {
                md.append("#### ").append(mdText(p.label())).append("\n\n");
                md.append(table(actionHeader(lang), actionCells(p.actions(), lang)));
                md.append('\n');
            }
        }

        md.append("\n## 6. ").append(l(lang, "progress")).append("\n\n");
        md.append(v.progress().isEmpty() ? l(lang, "noProgress") + "\n" : table(progressHeader(lang), progressCells(v)));

        md.append("\n## 7. ").append(l(lang, "considered")).append("\n\n");
        md.append(v.considered().isEmpty() ? l(lang, "noneConsidered") + "\n"
                : table(List.of(l(lang, "action"), l(lang, "total"), l(lang, "reason")), v.considered().stream()
                        .map(c -> List.of(c.code(), score(c.total()), c.reason())).toList()));
        md.append("\n---\n").append(l(lang, "footer")).append('\n');
        return md.toString();
    }

    private static String frontierMd(Plan.Frontier f, Lang lang) {
        if (f == null) {
            return l(lang, "noFrontier") + "\n";
        }
        StringBuilder md = new StringBuilder();
        md.append("- ").append(l(lang, "model")).append(": ").append(mdText(Labels.of(lang, f.model())))
                .append(", ").append(mdText(Labels.of(lang, f.orientation()))).append('\n');
        md.append("- ").append(l(lang, "inputs")).append(": ").append(mdText(join(f.inputs()))).append('\n');
        md.append("- ").append(l(lang, "outputs")).append(": ").append(mdText(join(f.outputs()))).append('\n');
        if (f.efficiency() != null) {
            md.append("- ").append(l(lang, "efficiency")).append(": ").append(d(f.efficiency())).append('\n');
        }
        if (f.peers() != null && !f.peers().isEmpty()) {
            md.append("- ").append(l(lang, "lambda")).append(": ").append(mdText(lambdas(f.peers()))).append('\n');
        }
        if (f.note() != null) {
            md.append("- ").append(mdText(f.note())).append('\n');
        }
        List<List<String>> cells = frontierCells(f);
        if (!cells.isEmpty()) {
            md.append('\n').append(table(frontierHeader(lang), cells));
        }
        return md.toString();
    }

    // ---- HTML ------------------------------------------------------------------------------------------------------

    /** A printable page, self-contained: inline CSS and SVG, no script, font or image from anywhere. */
    public static String html(Plan plan, ReportMeta meta, Lang lang) {
        ReportView v = view(plan, meta, lang);
        ReportView.Header h = v.header();
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("<!DOCTYPE html>\n<html lang=\"").append(lang == Lang.zh ? "zh-CN" : "en").append("\">\n<head>\n")
                .append("<meta charset=\"utf-8\">\n")
                // Nothing from elsewhere, not even by accident: the page's own policy forbids it.
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                .append("style-src 'unsafe-inline'; img-src data:\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(v.title() + " — " + h.entity() + " " + h.period())).append("</title>\n")
                .append("<style>").append(CSS).append("</style>\n</head>\n<body>\n");

        b.append("<section id=\"section-title\" class=\"cover\">\n<h1>").append(esc(v.title())).append("</h1>\n")
                .append("<p class=\"entity\">").append(esc(h.entity())).append("</p>\n<dl class=\"meta\">");
        dt(b, l(lang, "cohort"), h.cohort());
        dt(b, l(lang, "framework"), h.framework());
        dt(b, l(lang, "period"), h.period());
        dt(b, l(lang, "kind"), Labels.of(lang, h.entityKind()));
        dt(b, l(lang, "version"), String.valueOf(h.version()));
        dt(b, l(lang, "generatedAt"), h.generatedAt() == null ? "" : WHEN.format(h.generatedAt()));
        dt(b, l(lang, "library"), h.libraryVersion() == null ? "" : String.valueOf(h.libraryVersion()));
        b.append("</dl>\n</section>\n");

        b.append("<section id=\"section-strategy\">\n<h2>1. ").append(esc(l(lang, "strategy"))).append("</h2>\n");
        ReportView.Diagnosis d = v.strategy();
        if (d != null) {
            b.append("<p class=\"diagnosis\">").append(esc(d.text())).append("</p>\n<dl class=\"facts\">");
            dt(b, l(lang, "overall"), score(d.overallScore()));
            dt(b, l(lang, "rank"), d.rank() + " / " + d.cohortSize());
            if (d.couplingD() != null) {
                dt(b, l(lang, "coupling"), d(d.couplingD()) + " (" + d.couplingGrade() + ")");
            }
            dt(b, l(lang, "lagging"), d.lagging() == null ? l(lang, "none") : d.lagging());
            dt(b, l(lang, "weakest"), join(d.weakestDimensions()));
            dt(b, l(lang, "obstacles"), join(d.largestObstacles()));
            b.append("</dl>\n");
        }
        b.append("<div class=\"charts\">\n<figure>").append(Charts.radar(lang, plan.context(), h.entity()))
                .append("<figcaption>").append(esc(l(lang, "radarTitle"))).append("</figcaption></figure>\n")
                .append("<figure>").append(Charts.coupling(lang, plan.context())).append("<figcaption>")
                .append(esc(l(lang, "couplingTitle"))).append("</figcaption></figure>\n</div>\n</section>\n");

        b.append("<section id=\"section-projections\">\n<h2>2. ").append(esc(l(lang, "projections"))).append("</h2>\n")
                .append(htmlTable(projectionHeader(lang), projectionCells(v))).append("</section>\n");

        b.append("<section id=\"section-targets\">\n<h2>3. ").append(esc(l(lang, "targets"))).append("</h2>\n")
                .append(htmlTable(targetHeader(lang), targetCells(v, lang)));
        b.append("<h3>").append(esc(l(lang, "trajectory"))).append("</h3>\n<ul class=\"trajectories\">");
        for (ReportView.TargetRow t : v.targets()) {
            b.append("<li><strong>").append(esc(t.indicator())).append("</strong>: ")
                    .append(esc(trajectory(t.trajectory(), lang))).append("</li>");
        }
        b.append("</ul>\n<figure>").append(Charts.targets(lang, list(plan.targets()))).append("<figcaption>")
                .append(esc(l(lang, "targetsTitle"))).append("</figcaption></figure>\n</section>\n");

        b.append("<section id=\"section-frontier\">\n<h2>4. ").append(esc(l(lang, "frontier"))).append("</h2>\n");
        Plan.Frontier f = v.frontier();
        if (f == null) {
            b.append("<p>").append(esc(l(lang, "noFrontier"))).append("</p>\n");
        }
        else {
            b.append("<dl class=\"facts\">");
            dt(b, l(lang, "model"), Labels.of(lang, f.model()) + ", " + Labels.of(lang, f.orientation()));
            dt(b, l(lang, "inputs"), join(f.inputs()));
            dt(b, l(lang, "outputs"), join(f.outputs()));
            if (f.efficiency() != null) {
                dt(b, l(lang, "efficiency"), d(f.efficiency()));
            }
            if (f.peers() != null && !f.peers().isEmpty()) {
                dt(b, l(lang, "lambda"), lambdas(f.peers()));
            }
            b.append("</dl>\n");
            if (f.note() != null) {
                b.append("<p class=\"note\">").append(esc(f.note())).append("</p>\n");
            }
            List<List<String>> cells = frontierCells(f);
            if (!cells.isEmpty()) {
                b.append(htmlTable(frontierHeader(lang), cells));
            }
        }
        b.append("</section>\n");

        b.append("<section id=\"section-actions\">\n<h2>5. ").append(esc(l(lang, "actions"))).append("</h2>\n<figure>")
                .append(Charts.timeline(lang, list(plan.actions()))).append("<figcaption>")
                .append(esc(l(lang, "timelineTitle"))).append("</figcaption></figure>\n");
        for (ReportView.SystemActions s : v.systems()) {
            b.append("<div class=\"system\"><h3>").append(esc(s.label())).append("</h3>\n");
            for (ReportView.PhaseActions p : s.phases()) {
                b.append("<h4>").append(esc(p.label())).append("</h4>\n")
                        .append(htmlTable(actionHeader(lang), actionCells(p.actions(), lang)));
            }
            b.append("</div>\n");
        }
        b.append("</section>\n");

        b.append("<section id=\"section-progress\">\n<h2>6. ").append(esc(l(lang, "progress"))).append("</h2>\n")
                .append(v.progress().isEmpty() ? "<p>" + esc(l(lang, "noProgress")) + "</p>\n"
                        : htmlTable(progressHeader(lang), progressCells(v)))
                .append("</section>\n");

        b.append("<section id=\"section-considered\">\n<h2>7. ").append(esc(l(lang, "considered"))).append("</h2>\n")
                .append(v.considered().isEmpty() ? "<p>" + esc(l(lang, "noneConsidered")) + "</p>\n"
                        : htmlTable(List.of(l(lang, "action"), l(lang, "total"), l(lang, "reason")),
                                v.considered().stream().map(c -> List.of(c.code(), score(c.total()), c.reason()))
                                        .toList()))
                .append("</section>\n");
        b.append("<footer>").append(esc(l(lang, "footer"))).append("</footer>\n</body>\n</html>\n");
        return b.toString();
    }

    private static final String CSS = """
            :root{--self:#1f5fa8;--median:#8a8a8a;--best:#c8741a;--target:#b3261e;--peer:#6b6b6b}
            *{box-sizing:border-box}
            body{font-family:"Noto Sans CJK SC","WenQuanYi Micro Hei","Source Han Sans SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif;
              margin:0 auto;max-width:1100px;padding:24px;color:#1b1b1b;line-height:1.5}
            h1{font-size:1.7em;margin:0 0 .2em}h2{border-bottom:2px solid #1f5fa8;padding-bottom:.2em;margin-top:1.6em}
            .entity{font-size:1.3em;font-weight:600;margin:.2em 0 .8em}
            dl{display:grid;grid-template-columns:max-content auto;gap:.2em 1em;margin:.6em 0}dt{font-weight:600}dd{margin:0}
            table{border-collapse:collapse;width:100%;margin:.6em 0 1em;font-size:.88em}
            th,td{border:1px solid #c9c9c9;padding:.3em .5em;text-align:left;vertical-align:top}
            th{background:#eef3f9}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
            tr{break-inside:avoid}
            .charts{display:flex;flex-wrap:wrap;gap:16px}figure{margin:.6em 0;break-inside:avoid}
            figcaption{font-size:.85em;color:#555}
            svg.chart{max-width:100%;height:auto;font-size:11px;background:#fff}
            svg .grid{fill:none;stroke:#d6d6d6}svg .axis{stroke:#9a9a9a}svg .tick{fill:#666;font-size:10px}
            svg .label{fill:#1b1b1b}svg .legend{fill:#333}
            svg .series{fill-opacity:.15;stroke-width:2}svg .series.self{fill:var(--self);stroke:var(--self)}
            svg .series.median{fill:var(--median);stroke:var(--median);stroke-dasharray:4 3}
            svg .series.best{fill:var(--best);stroke:var(--best)}
            svg .dot.self,svg .key.self{fill:var(--self)}svg .dot.median,svg .key.median{fill:var(--median)}
            svg .dot.best,svg .key.best{fill:var(--best)}svg .dot.peer,svg .key.peer{fill:var(--peer)}
            svg .mark.target,svg .key.target{fill:var(--target)}svg .gap{stroke:var(--target);stroke-width:3;opacity:.35}
            svg .trend{fill:none;stroke:var(--self);stroke-width:2}
            svg .band{stroke:#fff;stroke-width:.5}svg .band-label{fill:#444;font-size:10px}
            svg .band-0{fill:#f4c7c3}svg .band-1{fill:#f7d2c4}svg .band-2{fill:#f9ddc6}svg .band-3{fill:#fbe7c8}
            svg .band-4{fill:#fdf1cb}svg .band-5{fill:#eef5cf}svg .band-6{fill:#ddefd2}svg .band-7{fill:#cce8d4}
            svg .band-8{fill:#bce1d6}svg .band-9{fill:#acdad8}
            svg .phase-0{fill:#f3f7fc}svg .phase-1{fill:#e8f0f9}svg .phase-2{fill:#dde8f6}
            svg .bar{stroke:#fff}svg .bar.near_term{fill:#2e7d5b}svg .bar.mid_term{fill:#1f5fa8}svg .bar.long_term{fill:#6a3fa0}
            svg .bar-label{fill:#fff;font-size:10px}svg .row-rule{stroke:#c9c9c9}
            footer{margin-top:2em;font-size:.8em;color:#666;border-top:1px solid #ccc;padding-top:.5em}
            @media print{
              @page{size:A4;margin:15mm}
              body{max-width:none;padding:0;font-size:10.5pt}
              section{break-before:page;page-break-before:always}
              section:first-of-type{break-before:auto;page-break-before:auto}
              h2,h3,h4{break-after:avoid;page-break-after:avoid}
              table,figure{page-break-inside:avoid}
              th{background:#eee;-webkit-print-color-adjust:exact;print-color-adjust:exact}
              svg.chart{-webkit-print-color-adjust:exact;print-color-adjust:exact}
            }
            """;

    // ---- shared tables ---------------------------------------------------------------------------------------------

    private static List<String> projectionHeader(Lang lang) {
        List<String> h = new ArrayList<>(List.of(l(lang, "when"), l(lang, "overall")));
        for (Dimension dim : Dimension.values()) {
            h.add(Labels.of(lang, dim.name()));
        }
        h.addAll(List.of("D", l(lang, "grade"), l(lang, "rank")));
        return h;
    }

    private static List<List<String>> projectionCells(ReportView v) {
        return v.projections().stream().map(p -> {
            List<String> c = new ArrayList<>(List.of(p.when(), score(p.overallScore())));
            for (Dimension dim : Dimension.values()) {
                Double s = p.dimensions() == null ? null : p.dimensions().get(dim.name());
                c.add(s == null ? "" : score(s));
            }
            c.add(p.couplingD() == null ? "" : d(p.couplingD()));
            c.add(p.couplingGrade());
            c.add(p.rank() + " / " + p.cohortSize());
            return c;
        }).toList();
    }

    private static List<String> targetHeader(Lang lang) {
        return List.of(l(lang, "indicator"), l(lang, "dimension"), l(lang, "value"), l(lang, "target"),
                l(lang, "targetYear"), l(lang, "obstacle"), l(lang, "targetStrategy"), l(lang, "peers"));
    }

    private static List<List<String>> targetCells(ReportView v, Lang lang) {
        return v.targets().stream().map(t -> List.of(
                t.indicator() + (t.deteriorating() ? " (" + l(lang, "deteriorating") + ")" : ""), t.dimension(),
                num(t.value()), num(t.target()), String.valueOf(t.targetYear()), d(t.obstacle()), t.strategyLabel(),
                t.peers().stream().map(p -> p.entityId() + " " + num(p.value()) + " (" + p.period()
                        + (p.weight() != null ? ", λ " + d(p.weight()) : "") + ")")
                        .collect(Collectors.joining("; "))))
                .toList();
    }

    private static String trajectory(List<Plan.Milestone> milestones, Lang lang) {
        Map<Phase, List<Plan.Milestone>> byTerm = milestones.stream()
                .collect(Collectors.groupingBy(Plan.Milestone::term, () -> new java.util.EnumMap<>(Phase.class),
                        Collectors.toList()));
        return byTerm.entrySet().stream()
                .map(e -> shortPhase(lang, e.getKey()) + ": " + e.getValue().stream()
                        .map(m -> (lang == Lang.zh ? "第 " + m.year() + " 年 " : "year " + m.year() + " ")
                                + num(m.value()))
                        .collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; "));
    }

    private static List<String> frontierHeader(Lang lang) {
        return List.of(l(lang, "variable"), l(lang, "value"), l(lang, "projected"), l(lang, "slack"));
    }

    private static List<List<String>> frontierCells(Plan.Frontier f) {
        List<String> vars = new ArrayList<>(list(f.inputs()));
        vars.addAll(list(f.outputs()));
        return vars.stream().map(x -> List.of(x, opt(f.variables(), x), opt(f.targets(), x), opt(f.slacks(), x)))
                .toList();
    }

    private static List<String> actionHeader(Lang lang) {
        return List.of(l(lang, "priority"), l(lang, "action"), l(lang, "lead"), l(lang, "supporting"),
                l(lang, "instrument"), l(lang, "horizon"), l(lang, "impact"), l(lang, "urgency"),
                l(lang, "feasibility"), l(lang, "total"), l(lang, "rationale"));
    }

    private static List<List<String>> actionCells(List<ReportView.ActionRow> rows, Lang lang) {
        return rows.stream().map(a -> List.of(String.valueOf(a.priority()), a.code() + " " + a.title()
                + (a.prerequisites().isEmpty() ? "" : " [" + l(lang, "prerequisites") + ": " + join(a.prerequisites())
                        + "]"),
                nz(a.lead()), join(a.supporting()), nz(a.instrument()),
                (lang == Lang.zh ? "第 " + a.startYear() + "–" + (a.startYear() + a.horizonYears()) + " 年"
                        : "years " + a.startYear() + "–" + (a.startYear() + a.horizonYears())),
                score(a.impact()), score(a.urgency()), score(a.feasibility()), score(a.total()), nz(a.rationale())))
                .toList();
    }

    private static List<String> progressHeader(Lang lang) {
        return List.of(l(lang, "indicator"), l(lang, "base"), l(lang, "value"), l(lang, "milestone"),
                l(lang, "target"), l(lang, "cagrObserved"), l(lang, "cagrRequired"), l(lang, "ratio"),
                l(lang, "status"));
    }

    private static List<List<String>> progressCells(ReportView v) {
        return v.progress().stream().map(m -> List.of(m.indicator(), m.basePeriod() + ": " + num(m.baseValue()),
                m.period() + ": " + num(m.value()), m.milestone() == null ? "" : num(m.milestone()),
                num(m.target()) + " (" + m.targetYear() + ")", pct(m.cagrObserved()), pct(m.cagrRequired()),
                m.ratio() == null ? "" : score(m.ratio()), m.statusLabel())).toList();
    }

    // ---- formatting ------------------------------------------------------------------------------------------------

    /** A score or a weight: two decimals. */
    static String score(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** D, efficiency, λ and obstacle degrees: three decimals. */
    static String d(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    /** A raw indicator value: grouped thousands, at most three decimals, no trailing zeros. */
    static String num(double v) {
        DecimalFormat f = new DecimalFormat("#,##0.###", DecimalFormatSymbols.getInstance(Locale.ROOT));
        String s = f.format(v);
        return "-0".equals(s) ? "0" : s;
    }

    private static String pct(Double rate) {
        return rate == null ? "" : String.format(Locale.ROOT, "%.2f %%", rate * 100);
    }

    private static String opt(Map<String, Double> m, String key) {
        return m == null || m.get(key) == null ? "" : num(m.get(key));
    }

    private static String lambdas(Map<String, Double> peers) {
        // Largest λ first, then by code: the same plan always reads the same.
        return peers.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(e -> e.getKey() + " " + d(e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static String shortPhase(Lang lang, Phase p) {
        if (p == null) {
            return "";
        }
        return switch (p) {
            case NEAR_TERM -> lang == Lang.zh ? "近期" : "near term";
            case MID_TERM -> lang == Lang.zh ? "中期" : "mid term";
            case LONG_TERM -> lang == Lang.zh ? "远期" : "long term";
        };
    }

    private static String l(Lang lang, String key) {
        return Labels.of(lang, key);
    }

    private static List<String> labels(Lang lang, List<String> codes) {
        return list(codes).stream().map(c -> Labels.of(lang, c)).toList();
    }

    private static String join(List<String> xs) {
        return String.join(", ", list(xs));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static <T> List<T> list(List<T> xs) {
        return xs == null ? List.of() : xs;
    }

    private static String esc(String s) {
        return Svg.esc(s);
    }

    private static void dt(StringBuilder b, String term, String value) {
        b.append("<dt>").append(esc(term)).append("</dt><dd>").append(esc(value)).append("</dd>");
    }

    private static String htmlTable(List<String> header, List<List<String>> rows) {
        StringBuilder b = new StringBuilder("<table><thead><tr>");
        header.forEach(h -> b.append("<th>").append(esc(h)).append("</th>"));
        b.append("</tr></thead><tbody>");
        for (List<String> row : rows) {
            b.append("<tr>");
            for (String c : row) {
                boolean numeric = c != null && c.matches("[-+]?[0-9][0-9,]*(\\.[0-9]+)?( %| / [0-9]+)?");
                b.append(numeric ? "<td class=\"num\">" : "<td>").append(esc(c)).append("</td>");
            }
            b.append("</tr>");
        }
        return b.append("</tbody></table>\n").toString();
    }

    /** Markdown text: no raw HTML gets through, and nothing breaks a table row. */
    static String mdText(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")
                .replace("\r", " ").replace("\n", " ");
    }

    private static String table(List<String> header, List<List<String>> rows) {
        StringBuilder md = new StringBuilder("|");
        header.forEach(h -> md.append(' ').append(mdText(h)).append(" |"));
        md.append("\n|");
        header.forEach(h -> md.append("---|"));
        md.append('\n');
        for (List<String> row : rows) {
            md.append('|');
            row.forEach(c -> md.append(' ').append(mdText(c)).append(" |"));
            md.append('\n');
        }
        return md.toString();
    }
}

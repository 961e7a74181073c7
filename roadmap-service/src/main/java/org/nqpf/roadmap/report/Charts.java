package org.nqpf.roadmap.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nqpf.contracts.ActionSystem;
import org.nqpf.contracts.Dimension;
import org.nqpf.engine.CouplingGrade;
import org.nqpf.roadmap.library.Phase;
import org.nqpf.roadmap.planning.Plan;

/** The report's four pictures, drawn here as inline SVG: nothing is fetched to show them. */
final class Charts {

    private Charts() {
    }

    /** The four dimensions on [0, 100]: the entity against the cohort's median and its best peer. */
    static String radar(Lang lang, Plan.Context c, String entity) {
        int w = 560, h = 430;
        double cx = 280, cy = 190, r = 130;
        Svg s = new Svg("radar", w, h, Labels.of(lang, "radarTitle"));
        Dimension[] dims = Dimension.values();
        for (int ring = 1; ring <= 5; ring++) {
            s.polygon(ring(dims.length, cx, cy, r * ring / 5.0), "grid");
            s.text(cx + 3, cy - r * ring / 5.0 + 10, String.valueOf(ring * 20), "tick", "start");
        }
        for (int i = 0; i < dims.length; i++) {
            double[] p = point(i, dims.length, cx, cy, r);
            s.line(cx, cy, p[0], p[1], "axis");
            double[] l = point(i, dims.length, cx, cy, r + 12);
            // Left and right labels run away from the plot, top and bottom ones are centred on their axis.
            String anchor = Math.abs(l[0] - cx) < 1 ? "middle" : l[0] > cx ? "start" : "end";
            double dy = Math.abs(l[0] - cx) < 1 ? (l[1] < cy ? -4 : 14) : 4;
            s.text(l[0], l[1] + dy, Labels.of(lang, dims[i].name()), "label", anchor);
        }
        if (c != null) {
            series(s, c.cohortMedian(), dims, cx, cy, r, "median");
            series(s, c.bestPeerDimensions(), dims, cx, cy, r, "best");
            series(s, c.dimensions(), dims, cx, cy, r, "self");
        }
        String best = c == null || c.bestPeer() == null ? "" : " (" + c.bestPeer() + ")";
        legend(s, 12, h - 48, new String[][] {{"self", Labels.of(lang, "self") + ": " + entity},
                {"median", Labels.of(lang, "median")}, {"best", Labels.of(lang, "bestPeer") + best}});
        return s.end();
    }

    private static void series(Svg s, Map<String, Double> scores, Dimension[] dims, double cx, double cy, double r,
            String cls) {
        if (scores == null || scores.isEmpty()) {
            return;
        }
        double[][] pts = new double[dims.length][];
        for (int i = 0; i < dims.length; i++) {
            double v = clamp(scores.getOrDefault(dims[i].name(), 0.0), 0, 100);
            pts[i] = point(i, dims.length, cx, cy, r * v / 100);
        }
        s.polygon(pts, "series " + cls);
        for (int i = 0; i < dims.length; i++) {
            s.circle(pts[i][0], pts[i][1], 3, "dot " + cls,
                    dims[i].name() + " " + RoadmapReport.score(scores.getOrDefault(dims[i].name(), 0.0)));
        }
    }

    /** D by period, over the ten grade bands of 0.1 each. */
    static String coupling(Lang lang, Plan.Context c) {
        int w = 640, h = 340;
        double left = 48, right = 150, top = 16, bottom = 40;
        double pw = w - left - right, ph = h - top - bottom;
        Svg s = new Svg("coupling", w, h, Labels.of(lang, "couplingTitle"));
        CouplingGrade[] grades = CouplingGrade.values();
        for (int i = 0; i < grades.length; i++) {
            double y0 = top + ph * (1 - (i + 1) / 10.0);
            s.rect(left, y0, pw, ph / 10, "band band-" + i, null);
            s.text(left + pw + 6, y0 + ph / 20 + 4,
                    (lang == Lang.zh ? grades[i].chinese() : grades[i].english()), "band-label", "start");
            s.text(left - 6, y0 + ph / 10 + 4, RoadmapReport.num(i / 10.0), "tick", "end");
        }
        s.text(left - 6, top + 4, "1", "tick", "end");
        List<Plan.CouplingPoint> points = c == null || c.coupling() == null ? List.of() : c.coupling();
        int n = points.size();
        double[][] xy = new double[n][];
        for (int i = 0; i < n; i++) {
            double x = left + (n == 1 ? pw / 2 : pw * i / (n - 1));
            double y = top + ph * (1 - clamp(points.get(i).d(), 0, 1));
            xy[i] = new double[] {x, y};
            s.text(x, h - bottom + 18, points.get(i).period(), "tick", "middle");
        }
        if (n > 1) {
            s.polyline(xy, "trend");
        }
        for (int i = 0; i < n; i++) {
            Plan.CouplingPoint p = points.get(i);
            s.circle(xy[i][0], xy[i][1], 4, "dot self",
                    p.period() + ": D = " + RoadmapReport.d(p.d()) + " " + Labels.grade(lang, p.grade()));
        }
        return s.end();
    }

    /** One row per weak indicator, on its own scale: the peers, today's value and the target. */
    static String targets(Lang lang, List<Plan.Target> targets) {
        int rowH = 44, left = 190, plot = 380, w = left + plot + 40;
        int h = 50 + rowH * Math.max(1, targets.size());
        Svg s = new Svg("targets", w, h, Labels.of(lang, "targetsTitle"));
        legend(s, 12, 6, new String[][] {{"self", Labels.of(lang, "value")}, {"target", Labels.of(lang, "target")},
                {"peer", Labels.of(lang, "peers")}});
        for (int i = 0; i < targets.size(); i++) {
            Plan.Target t = targets.get(i);
            double y = 50 + rowH * i + rowH / 2.0;
            double lo = Math.min(t.value(), t.target()), hi = Math.max(t.value(), t.target());
            for (Plan.Peer p : t.peers()) {
                lo = Math.min(lo, p.value());
                hi = Math.max(hi, p.value());
            }
            double pad = (hi - lo) * 0.08 + (hi == lo ? Math.max(1, Math.abs(hi)) * 0.1 : 0);
            double min = lo - pad, max = hi + pad;
            s.text(left - 10, y + 4, t.indicator(), "label", "end");
            s.line(left, y, left + plot, y, "axis");
            s.text(left, y + 17, RoadmapReport.num(lo), "tick", "start");
            s.text(left + plot, y + 17, RoadmapReport.num(hi), "tick", "end");
            double xv = left + plot * (t.value() - min) / (max - min);
            double xt = left + plot * (t.target() - min) / (max - min);
            s.line(xv, y, xt, y, "gap");
            for (Plan.Peer p : t.peers()) {
                s.circle(left + plot * (p.value() - min) / (max - min), y, 4, "dot peer",
                        p.entityId() + " " + RoadmapReport.num(p.value()) + " (" + p.period() + ")");
            }
            s.circle(xv, y, 5, "dot self", Labels.of(lang, "value") + " " + RoadmapReport.num(t.value()));
            s.rect(xt - 4, y - 8, 8, 16, "mark target", Labels.of(lang, "target") + " " + RoadmapReport.num(t.target()));
        }
        return s.end();
    }

    /** Years 0-5 in the three phases' columns, the four systems as rows, one bar per action. */
    static String timeline(Lang lang, List<Plan.Action> actions) {
        int left = 270, plot = 480, w = left + plot + 20, top = 40, lane = 20;
        ActionSystem[] systems = ActionSystem.values();
        List<List<Plan.Action>> rows = new ArrayList<>();
        for (ActionSystem sys : systems) {
            rows.add(actions.stream().filter(a -> a.system() == sys)
                    .sorted(java.util.Comparator.comparingInt(Plan.Action::startYear)
                            .thenComparingInt(Plan.Action::priority))
                    .toList());
        }
        int h = top + 24;
        int[] rowTop = new int[systems.length];
        for (int i = 0; i < systems.length; i++) {
            rowTop[i] = h - 24;
            h += Math.max(1, rows.get(i).size()) * lane + 12;
        }
        h += 24;
        Svg s = new Svg("timeline", w, h, Labels.of(lang, "timelineTitle"));
        double perYear = plot / 5.0;
        int[][] columns = {{0, 1}, {1, 3}, {3, 5}};
        for (int p = 0; p < 3; p++) {
            Phase phase = Phase.values()[p];
            s.rect(left + columns[p][0] * perYear, top - 6, (columns[p][1] - columns[p][0]) * perYear, h - top - 18,
                    "phase phase-" + p, null);
            s.text(left + (columns[p][0] + columns[p][1]) / 2.0 * perYear, top - 14, Labels.of(lang, phase.name()),
                    "label", "middle");
        }
        for (int y = 0; y <= 5; y++) {
            s.line(left + y * perYear, top - 6, left + y * perYear, h - 24, "grid");
            s.text(left + y * perYear, h - 8, String.valueOf(y), "tick", "middle");
        }
        for (int i = 0; i < systems.length; i++) {
            double y0 = rowTop[i] + 24;
            s.text(left - 8, y0 + 14, Labels.of(lang, systems[i].name()), "label", "end");
            List<Plan.Action> row = rows.get(i);
            for (int k = 0; k < row.size(); k++) {
                Plan.Action a = row.get(k);
                double from = clamp(a.startYear(), 0, 5), to = clamp(a.startYear() + a.horizonYears(), 0, 5);
                double y = y0 + k * lane;
                String title = lang.pick(a.titleEn(), a.titleZh());
                s.rect(left + from * perYear, y + 2, Math.max(4, (to - from) * perYear), lane - 4,
                        "bar " + a.phase().name().toLowerCase(java.util.Locale.ROOT),
                        "#" + a.priority() + " " + a.code() + " " + title + " (" + a.startYear() + "–"
                                + (a.startYear() + a.horizonYears()) + ")");
                s.text(left + from * perYear + 4, y + lane - 6, "#" + a.priority() + " " + a.code(), "bar-label",
                        "start");
            }
            s.line(0, rowTop[i] + 24 + Math.max(1, row.size()) * lane + 6, w, rowTop[i] + 24
                    + Math.max(1, row.size()) * lane + 6, "row-rule");
        }
        return s.end();
    }

    private static void legend(Svg s, double x, double y, String[][] items) {
        for (int i = 0; i < items.length; i++) {
            s.rect(x, y + i * 14, 10, 10, "key " + items[i][0], null);
            s.text(x + 16, y + i * 14 + 9, items[i][1], "legend", "start");
        }
    }

    private static double[][] ring(int n, double cx, double cy, double r) {
        double[][] pts = new double[n][];
        for (int i = 0; i < n; i++) {
            pts[i] = point(i, n, cx, cy, r);
        }
        return pts;
    }

    private static double[] point(int i, int n, double cx, double cy, double r) {
        double a = -Math.PI / 2 + 2 * Math.PI * i / n;
        return new double[] {cx + r * Math.cos(a), cy + r * Math.sin(a)};
    }

    private static double clamp(double v, double lo, double hi) {
        return Double.isNaN(v) ? lo : Math.max(lo, Math.min(hi, v));
    }
}

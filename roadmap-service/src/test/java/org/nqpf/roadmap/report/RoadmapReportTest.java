package org.nqpf.roadmap.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nqpf.roadmap.planning.Plan;

class RoadmapReportTest {

    static final String HOSTILE = "<script>alert('x')</script>&Co \"quoted\"";
    final Plan plan = ReportFixtures.plan("CN-62");

    @ParameterizedTest
    @EnumSource(Lang.class)
    void should_RenderEverySectionInOrder_When_TheReportIsHtml(Lang lang) {
        String html = RoadmapReport.html(plan, ReportFixtures.META, lang);

        List<String> ids = List.of("title", "strategy", "projections", "targets", "frontier", "actions", "progress",
                "considered");
        int last = -1;
        for (String id : ids) {
            int at = html.indexOf("<section id=\"section-" + id + "\"");
            assertThat(at).as("section %s", id).isGreaterThan(last);
            last = at;
        }
        for (String chart : List.of("radar", "coupling", "targets", "timeline")) {
            assertThat(html).contains("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"" + chart + "\"");
        }
        assertThat(count(html, "<title id=")).isEqualTo(4);
        assertThat(html).contains("@media print").contains("break-before:page");
    }

    @Test
    void should_WriteChineseLabelsAndThePlansChineseTexts_When_LangIsZh() {
        String html = RoadmapReport.html(plan, ReportFixtures.META, Lang.zh);

        assertThat(html).contains("<html lang=\"zh-CN\">").contains("总体战略（诊断）").contains("路线图预期成效")
                .contains("各薄弱指标的目标").contains("效率前沿（DEA）").contains("行动（按体系、再按阶段）")
                .contains("里程碑进展").contains("考虑过但未选择的行动")
                .contains(plan.strategy().zh()).contains("开放共享的人工智能算力平台")
                .contains("开放式技术创新体系").contains("近期（1 年内）").contains("政府").contains("产业政策")
                .contains("有进展但需加速").contains("勉强协调").contains("优质协调").contains("最相似的更优同行");
        assertThat(html).doesNotContain(plan.strategy().en()).doesNotContain("Open AI compute platform")
                .doesNotContain("Strategy (diagnosis)");
    }

    @Test
    void should_WriteEnglishLabelsAndThePlansEnglishTexts_When_LangIsEn() {
        String html = RoadmapReport.html(plan, ReportFixtures.META, Lang.en);

        assertThat(html).contains("<html lang=\"en\">").contains("Strategy (diagnosis)")
                .contains("What the plan would achieve").contains("Targets per weak indicator")
                .contains("Actions by system, then phase").contains("Milestone progress")
                .contains("Considered but not chosen").contains(plan.strategy().en())
                .contains("Open AI compute platform").contains("Open technological innovation")
                .contains("barely coordinated").contains("high-quality coordination")
                .contains("Progress made but acceleration needed").contains("Nearest better peers");
        assertThat(html).doesNotContain(plan.strategy().zh()).doesNotContain("开放共享的人工智能算力平台")
                .doesNotContain("总体战略");
    }

    @ParameterizedTest
    @EnumSource(Lang.class)
    void should_EscapeTheEntitysName_When_ItHoldsMarkup(Lang lang) {
        Plan hostile = ReportFixtures.plan(HOSTILE);

        String html = RoadmapReport.html(hostile, ReportFixtures.META, lang);
        String md = RoadmapReport.markdown(hostile, ReportFixtures.META, lang);

        assertThat(html).doesNotContain("<script").contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;Co "
                + "&quot;quoted&quot;");
        assertThat(md).doesNotContain("<script").contains("&lt;script&gt;");
    }

    @Test
    void should_FetchNothing_When_ThePageIsRead() {
        String html = RoadmapReport.html(plan, ReportFixtures.META, Lang.en);

        // The only URL is the SVG namespace, which is a name, not a fetch.
        assertThat(html.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http:").doesNotContain("https:")
                .doesNotContain("<script").doesNotContain("<link").doesNotContain("<img").doesNotContain("url(")
                .doesNotContain("@import").doesNotContain("@font-face");
        assertThat(html).contains("default-src 'none'");
    }

    @Test
    void should_FormatNumbers_When_Rendered() {
        String md = RoadmapReport.markdown(plan, ReportFixtures.META, Lang.en);

        assertThat(md).contains("| 41.23 |").contains("0.512").contains("28 / 31").contains("1,234.568")
                .contains("0.812").contains("CN-61 0.600, CN-50 0.400").contains("| 0.88 |").contains("8.33 %")
                .contains("2026-11-30 08:15 UTC");
        assertThat(md).doesNotContain("41.23456").doesNotContain("0.812345").doesNotContain("1234.5678");
    }

    @Test
    void should_ListActionsBySystemThenPhase_When_Markdown() {
        String md = RoadmapReport.markdown(plan, ReportFixtures.META, Lang.en);

        assertThat(md.indexOf("### Open technological innovation"))
                .isLessThan(md.indexOf("### Full-chain element circulation"));
        assertThat(md.indexOf("### Full-chain element circulation"))
                .isLessThan(md.indexOf("### Self-reliant industrial ecosystem"));
        assertThat(md.indexOf("### Self-reliant industrial ecosystem"))
                .isLessThan(md.indexOf("### Inclusive multi-stakeholder governance"));
        assertThat(md).contains("#### Near term (up to 1 year)").contains("#### Long term (3–5 years)")
                .contains("| 2 | INC-07 AI talent programme [Prerequisites: OTI-03] | Government | Enterprise, Society "
                        + "| Industrial policy | years 1–3 | 0.88 | 0.75 | 0.50 | 0.71 |")
                .contains("RD_INTENSITY** — Trajectory: near term: year 1 1.5; mid term: year 2 1.7, year 3 1.9; "
                        + "long term: year 4 2.1, year 5 2.3")
                .contains("CN-61 2.35 (2023); CN-50 2.25 (2023)").contains("GOV-09").doesNotContain("<svg");
    }

    @Test
    void should_ResolveLabelsAndKeepTheNumbers_When_TheViewIsJson() {
        ReportView zh = RoadmapReport.view(plan, ReportFixtures.META, Lang.zh);
        ReportView en = RoadmapReport.view(plan, ReportFixtures.META, Lang.en);

        assertThat(zh.strategy().text()).isEqualTo(plan.strategy().zh());
        assertThat(en.strategy().text()).isEqualTo(plan.strategy().en());
        assertThat(en.strategy().couplingGrade()).isEqualTo("barely coordinated");
        assertThat(en.header().version()).isEqualTo(3);
        assertThat(en.header().libraryVersion()).isEqualTo(2);
        assertThat(en.projections()).extracting(ReportView.ProjectionRow::when)
                .containsExactly("Now", "End of near term (year 1)", "End of mid term (year 3)",
                        "End of long term (year 5)", "Whole plan");
        assertThat(en.systems()).hasSize(4);
        assertThat(en.systems().get(0).phases().get(0).actions().get(0).title()).isEqualTo("Open AI compute platform");
        assertThat(zh.systems().get(0).phases().get(0).actions().get(0).title()).isEqualTo("开放共享的人工智能算力平台");
        assertThat(en.targets().get(0).peers()).extracting(Plan.Peer::entityId).containsExactly("CN-61", "CN-50");
        assertThat(zh.progress().get(0).statusLabel()).isEqualTo("有进展但需加速");
    }

    @Test
    void should_DrawOneTimelineBarPerActionFromItsStartToItsHorizon_When_Rendered() {
        String html = RoadmapReport.html(plan, ReportFixtures.META, Lang.en);
        String timeline = html.substring(html.indexOf("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"timeline\""));
        timeline = timeline.substring(0, timeline.indexOf("</svg>"));

        assertThat(count(timeline, "class=\"bar ")).isEqualTo(plan.actions().size());
        // Plot from x=270, 480 px for 5 years: AIE-11 runs years 1-5, so from 366 over 384 px.
        assertThat(timeline).contains("<rect x=\"366.0\"").contains("width=\"384.0\"");
    }

    @Test
    void should_DrawTenGradeBands_When_TheCouplingChartIsDrawn() {
        String svg = Charts.coupling(Lang.zh, plan.context());

        assertThat(count(svg, "class=\"band band-")).isEqualTo(10);
        assertThat(svg).contains("极度失调").contains("优质协调");
        assertThat(count(svg, "class=\"dot self\"")).isEqualTo(5);
    }

    private static int count(String s, String part) {
        Matcher m = Pattern.compile(Pattern.quote(part)).matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}

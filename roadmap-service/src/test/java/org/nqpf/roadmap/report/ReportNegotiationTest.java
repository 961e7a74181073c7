package org.nqpf.roadmap.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nqpf.web.ProblemsAutoConfiguration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * The report endpoint's choice of language and format, over the web layer alone with one stored plan in memory:
 * the roadmap store on this branch keeps no plans yet (see {@link StoredReportPlans}).
 */
// Who may call the route is the service's resource-server chain, tested on the running service (TenancyIT); this slice
// has no chain to build one with (Boot's resource-server configuration would want the web security it leaves out).
@WebMvcTest(ReportController.class)
@ImportAutoConfiguration(classes = ProblemsAutoConfiguration.class, exclude = OAuth2ResourceServerAutoConfiguration.class)
class ReportNegotiationTest {

    @TestConfiguration
    static class OnePlan {
        /** Tenants are the service's and its database's: this slice reads as a caller that sees every entity. */
        @Bean
        org.nqpf.roadmap.access.TenantAccess everything() {
            return org.nqpf.roadmap.access.TenantAccess.unrestricted();
        }

        @Bean
        @Primary
        ReportPlans onePlan() {
            return (entity, cohort, framework, version) -> "CN-62".equals(entity)
                    && (cohort == null || "CN-PROVINCES".equals(cohort)) && (version == null || version == 3)
                            ? Optional.of(new ReportPlans.Stored(ReportFixtures.plan("CN-62"), ReportFixtures.META))
                            : Optional.empty();
        }
    }

    @Autowired
    MockMvcTester mvc;

    @Test
    void should_AnswerJsonInChinese_When_NothingIsAsked() {
        MvcTestResult r = mvc.get().uri("/api/v1/roadmaps/CN-62/report").exchange();

        assertThat(r).hasStatusOk().hasContentTypeCompatibleWith("application/json");
        assertThat(r).bodyJson().extractingPath("$.lang").isEqualTo("zh");
        assertThat(r).bodyJson().extractingPath("$.strategy.text").isEqualTo(ReportFixtures.plan("x").strategy().zh());
        assertThat(r.getResponse().getHeader("Content-Language")).isEqualTo("zh-CN");
    }

    @Test
    void should_FollowAcceptAndAcceptLanguage_When_NoParameterIsGiven() {
        MvcTestResult html = mvc.get().uri("/api/v1/roadmaps/CN-62/report")
                .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                .header("Accept-Language", "en-GB,en;q=0.9,zh;q=0.5").exchange();
        MvcTestResult md = mvc.get().uri("/api/v1/roadmaps/CN-62/report").header("Accept", "text/markdown")
                .header("Accept-Language", "fr, zh-CN;q=0.7").exchange();

        assertThat(html).hasStatusOk().hasContentTypeCompatibleWith("text/html");
        assertThat(html).bodyText().startsWith("<!DOCTYPE html>").contains("<html lang=\"en\">");
        assertThat(md).hasStatusOk().hasContentTypeCompatibleWith("text/markdown");
        assertThat(md).bodyText().startsWith("# 人工智能赋能新质生产力行动路线图");
    }

    @Test
    void should_PreferTheParameters_When_TheyDisagreeWithTheHeaders() {
        MvcTestResult r = mvc.get().uri("/api/v1/roadmaps/CN-62/report?format=md&lang=en&cohort=CN-PROVINCES&version=3")
                .header("Accept", "text/html").header("Accept-Language", "zh").exchange();

        assertThat(r).hasStatusOk().hasContentTypeCompatibleWith("text/markdown");
        assertThat(r).bodyText().startsWith("# Roadmap: AI driving new quality productive forces")
                .contains("| CN-62 | CN-PROVINCES | NQPF-AI-2024 | 2023 | 3 |");
    }

    @Test
    void should_NameTheParameter_When_LangOrFormatIsUnknown() {
        MvcTestResult lang = mvc.get().uri("/api/v1/roadmaps/CN-62/report?lang=fr").exchange();
        MvcTestResult format = mvc.get().uri("/api/v1/roadmaps/CN-62/report?format=pdf").exchange();
        MvcTestResult accept = mvc.get().uri("/api/v1/roadmaps/CN-62/report").header("Accept", "application/pdf")
                .exchange();

        assertThat(lang).hasStatus(400).hasContentTypeCompatibleWith("application/problem+json");
        assertThat(lang).bodyJson().extractingPath("$.errors[0].field").isEqualTo("lang");
        assertThat(lang).bodyJson().extractingPath("$.errors[0].rejectedValue").isEqualTo("fr");
        assertThat(format).hasStatus(400);
        assertThat(format).bodyJson().extractingPath("$.errors[0].field").isEqualTo("format");
        assertThat(accept).hasStatus(400);
        assertThat(accept).bodyJson().extractingPath("$.errors[0].field").isEqualTo("format");
    }

    @Test
    void should_AnswerNotFound_When_TheEntityHasNoRoadmapUnderTheKey() {
        MvcTestResult none = mvc.get().uri("/api/v1/roadmaps/CN-99/report").exchange();
        MvcTestResult otherCohort = mvc.get().uri("/api/v1/roadmaps/CN-62/report?cohort=CN-EAST&format=html")
                .exchange();

        assertThat(none).hasStatus(404).hasContentTypeCompatibleWith("application/problem+json");
        assertThat(none).bodyJson().extractingPath("$.detail").asString().contains("CN-99");
        assertThat(otherCohort).hasStatus(404).hasContentTypeCompatibleWith("application/problem+json");
        assertThat(otherCohort).bodyJson().extractingPath("$.detail").asString().contains("cohort 'CN-EAST'");
    }
}

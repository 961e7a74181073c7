package org.nqpf.roadmap.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.kafka.KafkaMessageFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nqpf.contracts.AssessmentComputed;
import org.nqpf.contracts.EntityChanged;
import org.nqpf.contracts.EventTypes;
import org.nqpf.contracts.Topics;
import org.nqpf.messaging.Events;
import org.nqpf.roadmap.Assessments;
import org.nqpf.roadmap.EngineCohort;
import org.nqpf.testsupport.ApiClient;
import org.nqpf.testsupport.KafkaProbe;
import org.nqpf.testsupport.ServiceTest;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A portal's report as its reader's browser shows it, served by the running service: every other tenant's entity is
 * an anonymous peer in the text and in the charts' SVG labels too. A browser cannot send the bearer token a report
 * needs (a navigation carries no Authorization header, and Selenium has no way to add one), so the test does what a
 * portal's own server does: it fetches the page with the portal's token and hands it to the browser, from a file. The
 * page is self-contained (it makes no request of its own), so the file shows exactly what the service answered.
 */
@ServiceTest
class TenantReportBrowserIT {

    private static final List<String> PERIODS = List.of("2023", "2024");
    private static final int SIZE = 6;

    @Autowired
    ApiClient api;

    @Autowired
    Events events;

    @BeforeAll
    static void startChromium() throws IOException {
        ReportBrowserIT.startChromium();
    }

    @AfterAll
    static void stopChromium() {
        ReportBrowserIT.stopChromium();
    }

    @Test
    void should_ShowOtherTenantsEntitiesAsPeers_InTheTextAndTheCharts_When_APortalsReportIsOpenedInChromium()
            throws IOException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String cohort = "TENANT-REPORT-" + run;
        String prefix = run + "-";
        // E001 is tenant-a's, every other member tenant-b's.
        for (int i = 1; i <= SIZE; i++) {
            String entity = prefix + String.format("E%03d", i);
            EntityChanged changed = new EntityChanged(entity, "REGION", "Entity " + entity, "实体" + entity, null,
                    i == 1 ? "tenant-a" : "tenant-b", List.of(cohort), 1, Instant.now());
            KafkaProbe.shared().send(KafkaMessageFactory.createWriter(Topics.ENTITIES, null, null, entity)
                    .writeBinary(events.create(UUID.randomUUID().toString(), EventTypes.ENTITY_CHANGED, entity,
                            changed)));
        }
        List<AssessmentComputed> assessed = EngineCohort.assess(cohort, EngineCohort.units(SIZE), PERIODS,
                EngineCohort.values(SIZE, PERIODS, 31), Map.of()).get(PERIODS.indexOf("2024"));
        for (AssessmentComputed a : assessed) {
            Assessments.send(events, UUID.randomUUID().toString(), new AssessmentComputed(
                    UUID.randomUUID().toString(), prefix + a.entityId(), a.cohort(), a.period(), a.frameworkCode(),
                    a.frameworkVersion(), a.method(), a.inputDigest(), a.overallScore(), a.rank(), a.cohortSize(),
                    a.dimensions().stream().map(d -> new AssessmentComputed.DimensionScore(d.dimension(), d.score(),
                            d.rank(), prefix + d.leaderEntityId(), d.leaderScore())).toList(),
                    a.subsystems(), a.coupling(), a.indicators(), Instant.parse("2026-01-01T00:00:00Z"),
                    a.entityKind()));
        }
        String own = prefix + "E001";
        String report = "/api/v1/roadmaps/" + own + "/report?format=html&lang=en&cohort=" + cohort;
        ApiClient portal = api.as("demo-portal-a");
        // Until the roadmap is planned and the registry's entities are in: then the page names peers, not ids.
        String html = portal.awaitUntil(report, r -> r.text().contains("peer-")).text();

        Path page = ReportBrowserIT.OUT.resolve("tenant-report.html").toAbsolutePath();
        Files.writeString(page, html, StandardCharsets.UTF_8);
        ReportBrowserIT.browser.manage().window().setSize(new Dimension(1200, 900));
        ReportBrowserIT.browser.get(page.toUri().toString());

        for (String chart : List.of("radar", "coupling", "targets", "timeline")) {
            WebElement svg = ReportBrowserIT.browser.findElement(By.id(chart));
            assertThat(svg.isDisplayed()).as(chart + " displayed").isTrue();
        }
        assertThat(ReportBrowserIT.browser.findElement(By.cssSelector("#section-title .entity")).getText())
                .isEqualTo(own);
        // Everything the page holds as text, the charts' labels and titles included.
        String shown = (String) ((JavascriptExecutor) ReportBrowserIT.browser)
                .executeScript("return document.documentElement.textContent;");
        assertThat(shown).contains(own).contains("peer-");
        for (int i = 2; i <= SIZE; i++) {
            assertThat(shown).doesNotContain(prefix + String.format("E%03d", i));
        }
        assertThat(shown).doesNotContain("tenant-b");
        @SuppressWarnings("unchecked")
        List<Object> requests = (List<Object>) ((JavascriptExecutor) ReportBrowserIT.browser).executeScript(
                "return performance.getEntries().filter(e => e.entryType === 'navigation'"
                        + " || e.entryType === 'resource').map(e => e.name);");
        assertThat(requests).as("the page's requests").containsExactly(page.toUri().toString());
    }
}

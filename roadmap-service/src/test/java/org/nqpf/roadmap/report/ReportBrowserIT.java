package org.nqpf.roadmap.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The HTML report as a reader's browser shows it: Debian's chromium, headless, driven through its own chromedriver
 * (never one Selenium Manager downloads). The page is opened from a file, so any request it made would be a fetch
 * from elsewhere.
 */
class ReportBrowserIT {

    static final Path OUT = Path.of("target", "report-screenshots");
    static ChromeDriver browser;
    static ChromeDriverService service;

    @BeforeAll
    static void startChromium() throws IOException {
        Path chromium = executable("NQPF_CHROMIUM", "/usr/bin/chromium");
        Path chromedriver = executable("NQPF_CHROMEDRIVER", "/usr/bin/chromedriver");
        Path profile = Files.createTempDirectory("nqpf-report-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--user-data-dir=" + profile);
        service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        Files.createDirectories(OUT);
    }

    @AfterAll
    static void stopChromium() {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.stop();
        }
    }

    @ParameterizedTest
    @EnumSource(Lang.class)
    void should_ShowTheChartsAsSvgAndFetchNothing_When_TheReportIsOpenedInChromium(Lang lang) throws IOException {
        Path page = OUT.resolve("report-" + lang + ".html").toAbsolutePath();
        Files.writeString(page, RoadmapReport.html(ReportFixtures.plan(RoadmapReportTest.HOSTILE), ReportFixtures.META,
                lang), StandardCharsets.UTF_8);

        browser.manage().window().setSize(new Dimension(1200, 900));
        browser.get(page.toUri().toString());

        for (String chart : List.of("radar", "coupling", "targets", "timeline")) {
            WebElement svg = browser.findElement(By.id(chart));
            assertThat(svg.getTagName()).as(chart).isEqualTo("svg");
            assertThat(svg.isDisplayed()).as(chart + " displayed").isTrue();
            assertThat(svg.getRect().getWidth()).as(chart + " width").isGreaterThan(100);
            assertThat(svg.getRect().getHeight()).as(chart + " height").isGreaterThan(100);
            assertThat(svg.findElement(By.tagName("title")).getAttribute("textContent")).as(chart + " title")
                    .isNotBlank();
        }
        assertThat(browser.findElements(By.cssSelector("#timeline rect.bar"))).hasSize(4);
        assertThat(browser.findElements(By.cssSelector("#coupling rect.band"))).hasSize(10);
        // The hostile entity name is text on the page, not a script that ran.
        assertThat(browser.findElements(By.tagName("script"))).isEmpty();
        assertThat(browser.findElement(By.cssSelector("#section-title .entity")).getText())
                .isEqualTo(RoadmapReportTest.HOSTILE);

        // Every fetch a page makes is a navigation or a resource entry; the page's own load is its one navigation.
        @SuppressWarnings("unchecked")
        List<Object> requests = (List<Object>) ((JavascriptExecutor) browser).executeScript(
                "return performance.getEntries().filter(e => e.entryType === 'navigation'"
                        + " || e.entryType === 'resource').map(e => e.name);");
        assertThat(requests).as("the page's requests").containsExactly(page.toUri().toString());

        int height = ((Number) ((JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollHeight;")).intValue();
        browser.manage().window().setSize(new Dimension(1200, Math.min(height + 40, 12000)));
        Path png = OUT.resolve("report-" + lang + ".png");
        Files.write(png, browser.getScreenshotAs(OutputType.BYTES));
        byte[] head = Files.readAllBytes(png);
        assertThat(head.length).isGreaterThan(10_000);
        assertThat(new String(head, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }

    /** The test fails, never skips, when the browser is missing: it says how to install it. */
    private static Path executable(String env, String fallback) {
        Path p = Path.of(System.getenv().getOrDefault(env, fallback));
        if (!Files.isExecutable(p)) {
            fail(p + " is missing: the HTML report is tested in a real headless Chromium. Install Debian's "
                    + "packages with `sudo apt-get update && sudo apt-get install -y chromium chromium-driver` "
                    + "(.ci/run does this), or point " + env + " at the executable.");
        }
        return p;
    }
}

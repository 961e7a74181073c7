package org.nqpf.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.nqpf.contracts.EventTypes;
import org.nqpf.contracts.Topics;
import org.nqpf.testsupport.ApiClient;
import org.nqpf.testsupport.KafkaProbe;
import org.nqpf.testsupport.Poll;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The operator console as an operator's browser shows it: Debian's chromium, headless, on the platform
 * {@code ./nqpf up} starts (its own broker, database and identity provider). The token is typed into the page as a
 * person would paste it; the page then reads the gateway's live stream. A portal is refused; an operator sees health,
 * throughput rising while data arrives, consumer lag, a dead letter appear when a bad record is pushed to a feed's
 * raw topic, and, once its cause is fixed, the page's replay action puts it back and it is stored once.
 * Screenshots: {@code target/console-*.png}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {

    static final Path OUT = Path.of("target");
    /** Registered only after its observation was dead-lettered: the cause an operator fixes before replaying. */
    static final String LATE_ENTITY = "CN-CONSOLE-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();

    static Platform platform;
    static ClientCredentials operator;
    static ClientCredentials portal;
    static ApiClient steward;
    static ClientCredentials stewardToken;
    static KafkaProbe feed;
    static ChromeDriver browser;
    static ChromeDriverService chromedriver;
    static Path home;

    /** What the page showed when a check failed: the first thing to look at. */
    @RegisterExtension
    static final TestWatcher FAILURE_SCREENSHOT = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (browser != null) {
                try {
                    screenshot("console-failed-" + context.getRequiredTestMethod().getName() + ".png");
                }
                catch (IOException | RuntimeException | AssertionError e) {
                    cause.addSuppressed(e);
                }
            }
        }
    };

    @BeforeAll
    static void startPlatformAndChromium() throws Exception {
        home = Path.of(System.getProperty("nqpf.home", "..")).toAbsolutePath().normalize();
        Platform.Config config = Platform.Config.defaults(home)
                .withFreePorts()
                .withStateDir(Files.createTempDirectory("nqpf-console"));
        // The recent lists every 3 s instead of 15 s, so the test waits for them as long as for the rest
        System.setProperty("nqpf.jvm.gateway", "-Dnqpf.console.recent-interval=3s");
        try {
            platform = Platform.start(config);
        }
        finally {
            System.clearProperty("nqpf.jvm.gateway");
        }
        operator = ClientCredentials.demo(platform.issuer(), "demo-operator");
        portal = ClientCredentials.demo(platform.issuer(), "demo-portal-a");
        stewardToken = ClientCredentials.demo(platform.issuer(), "demo-steward");
        steward = new ApiClient(platform.gatewayUrl()).withToken(stewardToken);
        DemoData.assignTenants(platform.gatewayUrl(), stewardToken);
        feed = new KafkaProbe(platform.kafkaClient(Platform.DEMO_FEED));
        startChromium();
    }

    static void startChromium() throws IOException {
        Path chromium = executable("NQPF_CHROMIUM", "/usr/bin/chromium");
        Path driver = executable("NQPF_CHROMEDRIVER", "/usr/bin/chromedriver");
        Path profile = Files.createTempDirectory("nqpf-console-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--user-data-dir=" + profile);
        chromedriver = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile()).usingAnyFreePort()
                .build();
        browser = new ChromeDriver(chromedriver, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        browser.manage().window().setSize(new Dimension(1400, 1000));
        Files.createDirectories(OUT);
    }

    @AfterAll
    static void stopEverything() {
        if (browser != null) {
            browser.quit();
        }
        if (chromedriver != null) {
            chromedriver.stop();
        }
        if (feed != null) {
            feed.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void should_RefuseTheLiveConsole_When_APortalsTokenIsUsed() throws Exception {
        openConsoleWith(portal.get());

        String state = awaitText("#connection", s -> s.startsWith("403"));
        assertThat(state).contains("403").contains("OPERATOR");
        assertThat(connection().getAttribute("data-state")).isEqualTo("refused");
        // Nothing of the services shown: the only health row is the gateway's own
        assertThat(browser.findElements(By.cssSelector("#health tr[data-service]"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("#lag tr"))).isEmpty();
        screenshot("console-portal.png");

        // The stream itself, as any client: no token is 401, a portal's 403, both problem+json
        ApiClient.Response anonymous = new ApiClient(platform.gatewayUrl()).get("/console/api/stream");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith(ApiClient.PROBLEM_JSON);
        ApiClient.Response refused = new ApiClient(platform.gatewayUrl()).withToken(portal).get("/console/api/stream");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith(ApiClient.PROBLEM_JSON);
    }

    @Test
    @Order(2)
    void should_ShowHealthThroughputLagAndRecentResults_When_AnOperatorWatchesDataArrive() throws Exception {
        openConsoleWith(operator.get());
        awaitText("#connection", "live"::equals);
        Poll.until("three services UP in the health table", Duration.ofSeconds(60), Duration.ofMillis(500),
                () -> browser.findElements(By.cssSelector("#health tr[data-status='UP']")).size(), n -> n == 3);

        // Data arrives while the console is open: the counters' rates are drawn as they rise
        List<DemoData.Row> rows = DemoData.rows(home.resolve("datasets").resolve("china-provinces")).stream()
                .filter(r -> r.period().equals("2022") || r.period().equals("2023")).toList();
        Map<String, Integer> loaded = DemoData.load(platform.gatewayUrl(), rows, stewardToken);
        assertThat(loaded.get("accepted")).isGreaterThan(1000);

        Poll.until("observations stored counted on the page", Duration.ofSeconds(60), Duration.ofMillis(500),
                () -> total("observations"), total -> total >= loaded.get("accepted"));
        Poll.until("assessments published counted on the page", Duration.ofSeconds(180), Duration.ofMillis(500),
                () -> total("assessments"), total -> total >= 31);
        assertThat(Integer.parseInt(browser.findElement(By.id("chart-observations")).getAttribute("data-points")))
                .as("rate points drawn").isGreaterThan(1);
        assertThat(browser.findElements(By.cssSelector("#chart-observations polyline.series"))).hasSize(1);
        // Somewhere in the last minutes the drawn rate was above zero: the line leaves the baseline
        assertThat(maxDrawnRate("observations")).isGreaterThan(0);

        // Consumer lag per topic and group, from each service's Operations API
        List<Map<String, String>> lag = Poll.until("consumer lag rows", Duration.ofSeconds(60),
                Duration.ofMillis(500), () -> rowData("#lag tr[data-group]"), l -> l.stream().anyMatch(
                        r -> "assessment-service".equals(r.get("group")) && Topics.OBSERVATIONS.equals(r.get("topic"))));
        assertThat(lag).allSatisfy(r -> assertThat(Long.parseLong(r.get("lag"))).isNotNegative());

        Poll.until("recent roadmaps listed", Duration.ofSeconds(180), Duration.ofMillis(1000),
                () -> browser.findElements(By.cssSelector("#recent-roadmaps tr[data-entity]")).size(), n -> n > 0);
        assertThat(browser.findElements(By.cssSelector("#recent-assessments tr[data-entity]"))).isNotEmpty();
        assertThat(js("return document.querySelector('#recent-roadmaps a.api-link').href"))
                .contains("/api/v1/roadmaps/").contains("/report?format=html");
        assertThat(js("return document.getElementById('recompute-pending').innerText")).matches("(?s)\\d+.*");
        screenshot("console-operator.png");
    }

    @Test
    @Order(3)
    void should_ShowADeadLetter_AndReplayItFromThePage_When_ItsCauseIsFixed() throws Exception {
        openConsoleWith(operator.get());
        awaitText("#connection", "live"::equals);

        // An observation of an entity the registry does not know yet, on the demo feed's raw topic, as the feed
        String eventId = UUID.randomUUID().toString();
        CloudEvent submitted = CloudEventBuilder.v1().withId(eventId)
                .withType(EventTypes.OBSERVATION_SUBMITTED).withSource(URI.create("/feeds/console-it"))
                .withDataContentType("application/json")
                .withData(steward.json().writeValueAsBytes(Map.of("entity", LATE_ENTITY, "indicator", "RD_INTENSITY",
                        "period", "2023", "value", 2.71, "source", Platform.DEMO_FEED)))
                .build();
        feed.send(KafkaMessageFactory.createWriter(Topics.rawFeed(Platform.DEMO_FEED), null, null, LATE_ENTITY)
                .writeBinary(submitted));

        String letter = "#dead-letters tr[data-key='" + LATE_ENTITY + "']";
        Map<String, String> row = Poll.until("the dead letter on the page", Duration.ofSeconds(90),
                Duration.ofMillis(500), () -> rowData(letter), l -> !l.isEmpty()).get(0);
        assertThat(row.get("text")).contains(Topics.rawFeed(Platform.DEMO_FEED)).contains(LATE_ENTITY);
        assertThat(row.get("text").toLowerCase(java.util.Locale.ROOT)).contains("entity");
        assertThat(row.get("service")).isEqualTo("indicator");
        assertThat(rowData("#dead-letter-counts tr[data-service='indicator-service']")).singleElement()
                .satisfies(counts -> assertThat(counts.get("newCount")).isNotIn("", "0"));
        screenshot("console-dead-letter.png");
        assertThat(observations()).as("nothing stored before the replay").isEmpty();

        // The cause fixed through the API: the entity registered
        ApiClient.Response registered = steward.postJson("/api/v1/entities", Map.of("id", LATE_ENTITY, "kind",
                "ENTERPRISE", "code", LATE_ENTITY, "nameEn", "Late enterprise", "nameZh", "迟到企业"));
        assertThat(registered.status()).as(registered.text()).isEqualTo(201);

        // The page's replay action, clicked as an operator would (the row is found again if redrawn meanwhile)
        Poll.until("the replay button clicked", Duration.ofSeconds(20), Duration.ofMillis(200), () -> {
            try {
                browser.findElement(By.cssSelector(letter + " button.replay")).click();
                return true;
            }
            catch (org.openqa.selenium.StaleElementReferenceException e) {
                return false;
            }
        }, clicked -> clicked);
        String result = awaitText("#replay-result", t -> t.startsWith("Replayed") || t.contains("failed"));
        assertThat(result).startsWith("Replayed 1");

        ApiClient.Response stored = steward.awaitUntil("/api/v1/observations?entity=" + LATE_ENTITY
                + "&indicator=RD_INTENSITY&period=2023", r -> r.body().size() == 1, Duration.ofSeconds(90));
        assertThat(stored.body().get(0).path("value").asDouble()).isEqualTo(2.71);
        Poll.until("the dead letter gone from the page's NEW list", Duration.ofSeconds(30), Duration.ofMillis(500),
                () -> rowData(letter), List::isEmpty);
        Thread.sleep(3000); // time for a wrongly applied second delivery to show
        assertThat(steward.get("/api/v1/observations/history?entity=" + LATE_ENTITY
                + "&indicator=RD_INTENSITY&period=2023").body()).as("stored once").hasSize(1);
        screenshot("console-replayed.png");
    }

    // --- helpers

    private static void openConsoleWith(String token) {
        browser.get(platform.gatewayUrl() + "/console");
        // A fresh tab state: sessionStorage keeps the previous test's token otherwise
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear();");
        browser.navigate().refresh();
        WebElement field = browser.findElement(By.id("token"));
        field.sendKeys(token);
        browser.findElement(By.cssSelector("#token-form button[type='submit']")).click();
    }

    /**
     * The rows a selector matches, each as its data attributes plus its text, read in one script: the page redraws
     * its tables as the stream changes them, so elements found earlier may be gone by the next call.
     */
    @SuppressWarnings("unchecked")
    private static List<Map<String, String>> rowData(String css) {
        return (List<Map<String, String>>) ((JavascriptExecutor) browser).executeScript(
                "return [...document.querySelectorAll(arguments[0])]"
                        + ".map(r => Object.assign({text: r.innerText}, r.dataset));", css);
    }

    private static String js(String script) {
        return String.valueOf(((JavascriptExecutor) browser).executeScript(script));
    }

    private static WebElement connection() {
        return browser.findElement(By.id("connection"));
    }

    private static String awaitText(String css, java.util.function.Predicate<String> done) throws Exception {
        return Poll.until(css + " text", Duration.ofSeconds(60), Duration.ofMillis(300),
                () -> browser.findElement(By.cssSelector(css)).getText(), done);
    }

    private static double total(String series) {
        String total = browser.findElement(By.id("rate-" + series)).getAttribute("data-total");
        return total == null || total.isBlank() ? -1 : Double.parseDouble(total);
    }

    /** The highest rate the page holds for a series (what its polyline is drawn from). */
    private static double maxDrawnRate(String series) {
        Object max = ((JavascriptExecutor) browser).executeScript(
                "return Math.max(0, ...rates[arguments[0]].map(p => p.rate));", series);
        return ((Number) max).doubleValue();
    }

    private List<tools.jackson.databind.JsonNode> observations() {
        ApiClient.Response r = steward.get("/api/v1/observations?entity=" + LATE_ENTITY
                + "&indicator=RD_INTENSITY&period=2023");
        List<tools.jackson.databind.JsonNode> found = new java.util.ArrayList<>();
        if (r.status() == 200) {
            r.body().forEach(found::add);
        }
        return found;
    }

    private static void screenshot(String name) throws IOException {
        int height = ((Number) ((JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollHeight;")).intValue();
        browser.manage().window().setSize(new Dimension(1400, Math.min(height + 40, 6000)));
        Path png = OUT.resolve(name);
        Files.write(png, browser.getScreenshotAs(OutputType.BYTES));
        browser.manage().window().setSize(new Dimension(1400, 1000));
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes.length).isGreaterThan(10_000);
        assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }

    /** The test fails, never skips, when the browser is missing: it says how to install it. */
    private static Path executable(String env, String fallback) {
        Path p = Path.of(System.getenv().getOrDefault(env, fallback));
        if (!Files.isExecutable(p)) {
            fail(p + " is missing: the console is tested in a real headless Chromium. Install Debian's packages with "
                    + "`sudo apt-get update && sudo apt-get install -y chromium chromium-driver` (.ci/run does this), "
                    + "or point " + env + " at the executable.");
        }
        return p;
    }
}

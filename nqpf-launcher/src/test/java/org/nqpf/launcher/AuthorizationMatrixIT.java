package org.nqpf.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nqpf.launcher.Platform.Service;
import org.nqpf.testsupport.ApiClient;
import org.nqpf.testsupport.TestIdentity;

/**
 * Who may do what (docs/SECURITY.md), cell by cell: every route, for every kind of caller, through the gateway and
 * again straight at the service that owns it, answers as the contract says, and no body any portal receives in the
 * whole run names an entity of the other tenant. The platform is the one {@code ./nqpf up} starts, with its own
 * identity provider; the tokens a provider will not issue are minted with its key (expired, for another audience)
 * or with another key.
 */
class AuthorizationMatrixIT {

    /** Who calls. The first five are not callers at all, as far as the platform can tell. */
    enum Caller {
        NO_TOKEN, EXPIRED_TOKEN, FOREIGN_KEY_TOKEN, OTHER_AUDIENCE_TOKEN, REVOKED_API_KEY,
        FEED, PORTAL_A, PORTAL_B, ANALYST, STEWARD, OPERATOR;

        boolean unauthenticated() {
            return ordinal() <= REVOKED_API_KEY.ordinal();
        }
    }

    // Tenants of the demo (DemoData.TENANTS): Shanghai is tenant-a's, Guangdong tenant-b's.
    static final String OPERATIONS = "/api/v1/operations/";
    static final String A = "CN-31";
    static final String B = "CN-44";
    static final List<String> TENANT_A_NAMES = List.of("CN-31", "CN-32", "CN-33", "CN-34", "Shanghai", "Jiangsu",
            "Zhejiang", "Anhui", "上海", "江苏", "浙江", "安徽");
    static final List<String> TENANT_B_NAMES = List.of("CN-44", "CN-45", "CN-46", "Guangdong", "Guangxi", "Hainan",
            "广东", "广西", "海南");

    static Platform platform;
    static TestIdentity identity;
    static String revokedKey;
    static final List<String> portalABodies = new ArrayList<>();
    static final List<String> portalBBodies = new ArrayList<>();

    /**
     * One route and who may call it. {@code allowed} is the status an allowed caller gets; a caller that may not
     * gets 403, or 404 when it is a portal and the entity is another tenant's.
     */
    record Route(String method, String path, String body, Service owner, int allowed, List<Caller> who,
            String entity, boolean rows) {

        Route(String method, String path, String body, Service owner, int allowed, List<Caller> who, String entity) {
            this(method, path, body, owner, allowed, who, entity, false);
        }

        boolean publicRoute() {
            return who.isEmpty();
        }
    }

    static final List<Caller> READERS = List.of(Caller.PORTAL_A, Caller.PORTAL_B, Caller.ANALYST, Caller.STEWARD,
            Caller.OPERATOR);
    static final List<Caller> EVERYONE = List.of(Caller.FEED, Caller.PORTAL_A, Caller.PORTAL_B, Caller.ANALYST,
            Caller.STEWARD, Caller.OPERATOR);

    static List<Route> routes() {
        String row = "{\"observations\": [{\"entity\": \"" + A + "\", \"indicator\": \"RD_INTENSITY\", \"period\": "
                + "\"2014\", \"value\": 1.5, \"source\": \"demo-feed\"}]}";
        return List.of(
                new Route("GET", "/api/v1/indicators", null, Service.INDICATOR, 200, EVERYONE, null),
                new Route("GET", "/api/v1/frameworks", null, Service.INDICATOR, 200, EVERYONE, null),
                new Route("POST", "/api/v1/frameworks", "{}", Service.INDICATOR, 422, List.of(Caller.STEWARD), null),
                new Route("GET", "/api/v1/entities?cohort=CN-PROVINCES", null, Service.INDICATOR, 200, READERS, null),
                new Route("GET", "/api/v1/entities/" + A, null, Service.INDICATOR, 200, READERS, A),
                new Route("GET", "/api/v1/entities/" + B, null, Service.INDICATOR, 200, READERS, B),
                new Route("GET", "/api/v1/cohorts/CN-PROVINCES", null, Service.INDICATOR, 200, READERS, null),
                // Rows of another tenant's entity are rejected row by row as unknown ones: all rejected is 422
                new Route("POST", "/api/v1/observations", row, Service.INDICATOR, 200,
                        List.of(Caller.FEED, Caller.PORTAL_A, Caller.PORTAL_B, Caller.STEWARD), A, true),
                new Route("GET", "/api/v1/observations?entity=" + A + "&indicator=RD_INTENSITY&period=2023", null,
                        Service.INDICATOR, 200, READERS, A),
                new Route("GET", "/api/v1/observations/history?entity=" + B
                        + "&indicator=RD_INTENSITY&period=2023", null, Service.INDICATOR, 200, READERS, B),
                new Route("GET", "/api/v1/api-keys", null, Service.INDICATOR, 200, List.of(Caller.OPERATOR), null),
                new Route("GET", "/api/v1/assessments/" + A + "?period=2023", null, Service.ASSESSMENT, 200, READERS, A),
                new Route("GET", "/api/v1/assessments/" + B + "/history", null, Service.ASSESSMENT, 200, READERS, B),
                new Route("GET", "/api/v1/assessments?cohort=CN-PROVINCES&period=2023", null, Service.ASSESSMENT,
                        200, READERS, null),
                new Route("POST", "/api/v1/assessments/" + A + "/what-if?period=2023",
                        "{\"values\": {\"RD_INTENSITY\": 4.5}}", Service.ASSESSMENT, 200,
                        List.of(Caller.PORTAL_A, Caller.PORTAL_B, Caller.ANALYST), A),
                new Route("GET", "/api/v1/profiles/NQPF-AI", null, Service.ASSESSMENT, 200, EVERYONE, null),
                new Route("PUT", "/api/v1/profiles/NQPF-AI", "{\"normalise\": {\"method\": \"zscore\"}}",
                        Service.ASSESSMENT, 422, List.of(Caller.STEWARD), null),
                new Route("GET", "/api/v1/assessments/recompute-backlog", null, Service.ASSESSMENT, 200,
                        List.of(Caller.OPERATOR), null),
                new Route("GET", "/api/v1/roadmaps/" + A, null, Service.ROADMAP, 200, READERS, A),
                new Route("GET", "/api/v1/roadmaps/" + B + "/report?format=md&lang=en", null, Service.ROADMAP, 200,
                        READERS, B),
                new Route("GET", "/api/v1/roadmaps/" + A + "/report?format=html&lang=zh", null, Service.ROADMAP, 200,
                        READERS, A),
                new Route("POST", "/api/v1/roadmaps/" + B + "/what-if", "{\"actions\": [\"FEC-MOL-1\"]}",
                        Service.ROADMAP, 200, List.of(Caller.PORTAL_A, Caller.PORTAL_B, Caller.ANALYST), B),
                new Route("GET", "/api/v1/actions", null, Service.ROADMAP, 200, EVERYONE, null),
                new Route("PUT", "/api/v1/roadmaps/method-profiles/NQPF-AI", "{}", Service.ROADMAP, 422,
                        List.of(Caller.STEWARD), null),
                // the Operations API: /api/v1/operations/<service>/... at the gateway, /api/v1/operations/... at the
                // service's port (operationsPath)
                new Route("GET", OPERATIONS + "indicator/status", null, Service.INDICATOR, 200,
                        List.of(Caller.OPERATOR), null),
                new Route("GET", OPERATIONS + "assessment/dead-letters?status=NEW", null, Service.ASSESSMENT, 200,
                        List.of(Caller.OPERATOR), null),
                new Route("POST", OPERATIONS + "roadmap/dead-letters/replay", "{\"ids\": [987654321]}",
                        Service.ROADMAP, 404, List.of(Caller.OPERATOR), null),
                new Route("GET", "/actuator/prometheus", null, null, 200, List.of(Caller.OPERATOR), null),
                new Route("GET", "/actuator/health", null, null, 200, List.of(), null));
    }

    @BeforeAll
    static void startPlatform() throws Exception {
        Path home = Path.of(System.getProperty("nqpf.home", "..")).toAbsolutePath().normalize();
        // Exactly what ./nqpf up runs: its own embedded PostgreSQL and its own secured broker (the JVM's shared test
        // database is PlatformE2EIT's, which loads the demo into it and expects it new)
        Platform.Config config = Platform.Config.defaults(home)
                .withFreePorts()
                .withStateDir(Files.createTempDirectory("nqpf-authz"));
        Platform.liftGatewayRateLimit(); // the matrix is about who, not how fast: the limiter has its own tests
        platform = Platform.start(config);
        identity = TestIdentity.of(platform.issuer(), platform.signingKeyFile());
        ClientCredentials steward = ClientCredentials.demo(platform.issuer(), "demo-steward");
        DemoData.assignTenants(platform.gatewayUrl(), steward);
        DemoData.load(platform.gatewayUrl(), DemoData.rows(home.resolve("datasets").resolve("china-provinces")),
                steward);
        ApiClient analyst = new ApiClient(platform.gatewayUrl()).withToken(() -> identity.token("demo-analyst"));
        for (String entity : List.of(A, B)) {
            analyst.awaitUntil("/api/v1/roadmaps/" + entity, r -> true, Duration.ofSeconds(180));
        }
        ApiClient operator = new ApiClient(platform.gatewayUrl()).withToken(() -> identity.token("demo-operator"));
        ApiClient.Response key = operator.post("/api/v1/api-keys", "{\"name\": \"revoked\", \"source\": \"gone\"}");
        assertThat(key.status()).as(key.toString()).isEqualTo(201);
        revokedKey = key.body().path("key").asString();
        operator.delete("/api/v1/api-keys/" + key.body().path("id").asString()).assertOk();
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void should_AnswerEveryCellAsTheContractSays_ThroughTheGateway() {
        check(route -> platform.gatewayUrl());
    }

    @Test
    void should_AnswerEveryCellAsTheContractSays_StraightAtEachServicesPort() {
        check(route -> platform.url(route.owner() == null ? Service.INDICATOR : route.owner()));
    }

    @Test
    void should_NeverShowAPortalAnEntityOfTheOtherTenant() {
        if (portalABodies.isEmpty()) {
            check(route -> platform.gatewayUrl());
        }
        SoftAssertions soft = new SoftAssertions();
        for (String body : portalABodies) {
            for (String name : TENANT_B_NAMES) {
                soft.assertThat(body).as("a body tenant-a's portal received").doesNotContain(name);
            }
        }
        for (String body : portalBBodies) {
            for (String name : TENANT_A_NAMES) {
                soft.assertThat(body).as("a body tenant-b's portal received").doesNotContain(name);
            }
        }
        soft.assertAll();
        assertThat(portalABodies).hasSizeGreaterThan(10);
    }

    @Test
    void should_KeepEveryCredentialOffTheCommandLinesOfThePlatformsProcesses() {
        List<String> platformCommands = ProcessHandle.allProcesses()
                .map(p -> p.info().commandLine().orElse(""))
                .filter(c -> c.contains("-exec.jar") || c.contains("service.jar") || c.contains("gateway.jar")
                        || c.contains("kafka.Kafka"))
                .toList();
        assertThat(platformCommands).as("the platform's processes").hasSizeGreaterThanOrEqualTo(5);
        for (String command : platformCommands) {
            assertThat(command.toLowerCase(java.util.Locale.ROOT)).as(command)
                    .doesNotContain("password").doesNotContain("secret").doesNotContain("jaas");
        }
    }

    private void check(java.util.function.Function<Route, String> base) {
        SoftAssertions soft = new SoftAssertions();
        for (Route route : routes()) {
            for (Caller caller : Caller.values()) {
                if (route.publicRoute() && caller != Caller.NO_TOKEN) {
                    continue; // a public route with a bad token is still judged by the token: 401
                }
                int expected = expected(route, caller);
                ApiClient.Response r = send(base.apply(route), route, caller);
                soft.assertThat(r.status()).as("%s %s as %s", route.method(), route.path(), caller)
                        .isEqualTo(expected);
                if (expected == 401 || expected == 403 || (expected == 404 && route.entity() != null)) {
                    soft.assertThat(r.contentType()).as("%s %s as %s: problem+json", route.method(), route.path(),
                            caller).startsWith(ApiClient.PROBLEM_JSON);
                }
                // What the service said, less the id the portal itself asked about (a 404 names it back)
                String said = route.entity() == null ? r.text() : r.text().replace(route.entity(), "<asked>");
                if (caller == Caller.PORTAL_A) {
                    portalABodies.add(said);
                }
                if (caller == Caller.PORTAL_B) {
                    portalBBodies.add(said);
                }
            }
        }
        soft.assertAll();
    }

    static int expected(Route route, Caller caller) {
        if (route.publicRoute()) {
            return route.allowed();
        }
        if (caller.unauthenticated()) {
            return 401;
        }
        if (!route.who().contains(caller)) {
            return 403;
        }
        if (route.entity() != null && (caller == Caller.PORTAL_A || caller == Caller.PORTAL_B)) {
            boolean own = caller == Caller.PORTAL_A ? route.entity().equals(A) : route.entity().equals(B);
            return own ? route.allowed() : route.rows() ? 422 : 404;
        }
        return route.allowed();
    }

    private static ApiClient.Response send(String baseUrl, Route route, Caller caller) {
        ApiClient client = new ApiClient(baseUrl);
        ApiClient.Request request = client.request(route.method(), baseUrl.equals(platform.gatewayUrl())
                ? route.path() : operationsPath(route.path()));
        if (route.body() != null) {
            request.json(route.body());
        }
        switch (caller) {
            case NO_TOKEN -> { }
            case EXPIRED_TOKEN -> request.header("Authorization", "Bearer " + identity.expiredToken("demo-analyst"));
            case FOREIGN_KEY_TOKEN -> request.header("Authorization",
                    "Bearer " + identity.tokenSignedByAnotherKey("demo-analyst"));
            case OTHER_AUDIENCE_TOKEN -> request.header("Authorization",
                    "Bearer " + identity.tokenForAudience("demo-analyst", "another-api"));
            case REVOKED_API_KEY -> request.header("X-Api-Key", revokedKey);
            default -> request.header("Authorization", "Bearer " + identity.token(clientOf(caller)));
        }
        return request.send();
    }

    /** A service serves its Operations API under /api/v1/operations/..., the gateway under .../<service>/.... */
    static String operationsPath(String path) {
        return path.startsWith(OPERATIONS) ? OPERATIONS + path.substring(OPERATIONS.length()).replaceFirst("^[a-z]+/", "")
                : path;
    }

    static String clientOf(Caller caller) {
        Map<Caller, String> clients = new LinkedHashMap<>();
        clients.put(Caller.FEED, "demo-feed");
        clients.put(Caller.PORTAL_A, "demo-portal-a");
        clients.put(Caller.PORTAL_B, "demo-portal-b");
        clients.put(Caller.ANALYST, "demo-analyst");
        clients.put(Caller.STEWARD, "demo-steward");
        clients.put(Caller.OPERATOR, "demo-operator");
        return clients.get(caller);
    }
}

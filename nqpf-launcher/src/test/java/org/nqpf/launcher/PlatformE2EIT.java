package org.nqpf.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.nqpf.contracts.EventTypes;
import org.nqpf.contracts.Topics;
import org.nqpf.launcher.Platform.Service;
import org.nqpf.testsupport.ApiClient;
import org.nqpf.testsupport.ApiClient.Response;
import org.nqpf.testsupport.EventSchemas;
import org.nqpf.testsupport.KafkaProbe;
import org.nqpf.testsupport.Poll;
import org.nqpf.testsupport.TestInfrastructure;
import tools.jackson.databind.JsonNode;

/**
 * The whole platform as users start it (the services' jars, the gateway, the demo data) on the launcher's own
 * Kafka broker, which authenticates every client and grants each service only its ACLs, and a real PostgreSQL,
 * driven only through the gateway and the demo feed's raw topic.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformE2EIT {

    private static final String WEAK = "CN-62"; // Gansu: behind the leaders on every dimension in 2023
    private static final List<String> LABORERS_INDICATORS = List.of("RD_PERSONNEL_DENSITY", "RESEARCHER_DENSITY",
            "HIGHER_ED_ENROLMENT", "LABOUR_PRODUCTIVITY", "EDUCATION_SPENDING_SHARE", "SCI_PAPER_DENSITY",
            "AI_SKILLS_TRAINING_COVERAGE", "SOFTWARE_IT_EMPLOYMENT_SHARE");

    static Platform platform;
    static KafkaProbe kafka;
    static KafkaProbe feed;
    static String gateway;
    /** Everything goes through the gateway, as a user's client would. */
    static ApiClient api;

    @BeforeAll
    static void startPlatform() throws Exception {
        Path home = Path.of(System.getProperty("nqpf.home", "..")).toAbsolutePath().normalize();
        TestInfrastructure.Postgres pg = TestInfrastructure.postgres();
        Platform.Config config = Platform.Config.defaults(home)
                .withInfrastructure(null, pg.jdbcUrl(), pg.username(), pg.password())
                .withFreePorts()
                .withStateDir(Files.createTempDirectory("nqpf-e2e"));
        platform = Platform.start(config);
        gateway = platform.gatewayUrl();
        // As the demo steward, through the platform's own identity provider: it submits and reads everything.
        ClientCredentials steward = ClientCredentials.demo(platform.issuer(), "demo-steward");
        api = new ApiClient(gateway).withToken(steward);
        // The tests read and replay any topic: as the broker's admin. Feed records go as the demo feed.
        kafka = new KafkaProbe(platform.kafkaClient(Platform.KAFKA_ADMIN));
        feed = new KafkaProbe(platform.kafkaClient(Platform.DEMO_FEED));
        DemoData.assignTenants(gateway, steward);
        Map<String, Integer> loaded = DemoData.load(gateway,
                DemoData.rows(home.resolve("datasets").resolve("china-provinces")), steward);
        assertThat(loaded.get("rejected")).as("demo rows rejected").isZero();
        assertThat(loaded.get("accepted")).isGreaterThan(5000);
    }

    @AfterAll
    static void stopPlatform() {
        if (kafka != null) {
            kafka.close();
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
    void should_ServeRegistryAssessmentsAndRoadmapsThroughTheGateway() throws Exception {
        assertThat(api.get("/api/v1/entities").body()).hasSizeGreaterThanOrEqualTo(31);
        assertThat(api.get("/api/v1/indicators").body()).hasSizeGreaterThanOrEqualTo(24);

        // Observations stream in and cohorts are recomputed as they arrive: wait for the whole cohort.
        JsonNode assessment = await("/api/v1/assessments/CN-11?period=2023",
                r -> r.body().path("cohortSize").asInt() == 31).body();
        assertThat(assessment.path("entityId").asString()).isEqualTo("CN-11");
        assertThat(StreamSupport.stream(assessment.path("dimensions").spliterator(), false)
                .map(d -> d.path("dimension").asString()))
                .containsExactlyInAnyOrder("LABORERS", "MEANS_OF_LABOR", "OBJECTS_OF_LABOR", "OPTIMIZED_COMBINATION");
        assertThat(assessment.path("dimensions")).allSatisfy(d -> assertThat(d.path("score").isNumber()).isTrue());
        assertThat(assessment.path("cohortSize").asInt()).isEqualTo(31);

        // Planned against the whole cohort (a version is only made when the plan changes, so its assessment id may
        // be of an earlier recompute that gave the same plan).
        JsonNode roadmap = await("/api/v1/roadmaps/CN-11",
                r -> r.body().path("plan").path("strategy").path("cohortSize").asInt() == 31).body();
        assertThat(roadmap.path("plan").path("actions")).isNotEmpty().allSatisfy(a -> {
            assertThat(a.path("system").asString()).isIn("OPEN_TECH_INNOVATION", "FULL_CHAIN_ELEMENT_CIRCULATION",
                    "AUTONOMOUS_INDUSTRIAL_ECOSYSTEM", "INCLUSIVE_GOVERNANCE");
            assertThat(a.path("leadActor").asString()).isNotBlank();
            assertThat(a.path("instrument").asString()).isNotBlank();
        });

        List<ConsumerRecord<String, byte[]>> assessments = kafka.read(Topics.ASSESSMENTS, r -> "CN-11".equals(r.key()),
                1, Duration.ofSeconds(10));
        assertThat(assessments).isNotEmpty();
        EventSchemas.assertValid(EventTypes.ASSESSMENT_COMPUTED, assessments.get(0).value());
        List<ConsumerRecord<String, byte[]>> roadmaps = kafka.read(Topics.ROADMAPS, r -> "CN-11".equals(r.key()), 1,
                Duration.ofSeconds(10));
        assertThat(roadmaps).isNotEmpty();
        EventSchemas.assertValid(EventTypes.ROADMAP_GENERATED, roadmaps.get(0).value());
    }

    @Test
    @Order(2)
    void should_ChangeOneEntitysAssessmentAndRoadmap_When_ItsValuesChange() throws Exception {
        JsonNode before = await("/api/v1/assessments/" + WEAK + "?period=2023",
                r -> r.body().path("cohortSize").asInt() == 31).body();
        JsonNode roadmapBefore = await("/api/v1/roadmaps/" + WEAK,
                r -> r.body().path("plan").path("strategy").path("cohortSize").asInt() == 31).body();
        double laborersBefore = dimension(before, "LABORERS").path("score").asDouble();
        assertThat(dimension(before, "LABORERS").path("rank").asInt()).isGreaterThan(1);
        assertThat(actionsMoving(roadmapBefore, LABORERS_INDICATORS)).as("a laggard gets laborer actions").isNotEmpty();
        String otherBefore = api.get("/api/v1/assessments/CN-65?period=2023").body().path("inputDigest").asString();

        // Lift every laborer indicator above the cohort's best, in a batch that also carries bad rows.
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String indicator : LABORERS_INDICATORS) {
            double best = 0;
            for (JsonNode o : api.get("/api/v1/observations?indicator=" + indicator + "&period=2023").body()) {
                best = Math.max(best, o.path("value").asDouble());
            }
            rows.add(Map.of("entity", WEAK, "indicator", indicator, "period", "2023", "value", best * 1.05,
                    "source", "e2e-test"));
        }
        rows.add(Map.of("entity", WEAK, "indicator", "NOT_AN_INDICATOR", "period", "2023", "value", 1, "source", "e2e"));
        rows.add(Map.of("entity", WEAK, "indicator", "RD_INTENSITY", "period", "2023", "value", -5, "source", "e2e"));
        Response posted = api.postJson("/api/v1/observations", Map.of("observations", rows));
        assertThat(posted.status()).isEqualTo(200);
        assertThat(posted.body().path("accepted").asInt()).isEqualTo(LABORERS_INDICATORS.size());
        assertThat(posted.body().path("errors")).extracting(e -> e.path("row").asInt(), e -> e.path("field").asString())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(9, "indicator"),
                        org.assertj.core.groups.Tuple.tuple(10, "value"));

        JsonNode after = await("/api/v1/assessments/" + WEAK + "?period=2023",
                r -> dimension(r.body(), "LABORERS").path("rank").asInt() == 1).body();
        assertThat(dimension(after, "LABORERS").path("score").asDouble()).isGreaterThan(laborersBefore);
        assertThat(after.path("overallScore").asDouble()).isGreaterThan(before.path("overallScore").asDouble());
        assertThat(dimension(after, "MEANS_OF_LABOR").path("score").asDouble())
                .isEqualTo(dimension(before, "MEANS_OF_LABOR").path("score").asDouble());

        // A new version once the recomputed cohort is planned (intermediate ones may come first while the batch is
        // applied).
        int versionBefore = roadmapBefore.path("version").asInt();
        JsonNode roadmapAfter = await("/api/v1/roadmaps/" + WEAK,
                r -> r.body().path("version").asInt() > versionBefore
                        && targetsOn(r.body(), LABORERS_INDICATORS).isEmpty()).body();
        assertThat(roadmapAfter.path("version").asInt()).isGreaterThan(roadmapBefore.path("version").asInt());
        assertThat(targetsOn(roadmapAfter, LABORERS_INDICATORS)).as("the leader on laborers has no weak laborer indicator")
                .isEmpty();
        // Another province's inputs changed too (the cohort's range did), so its result was recomputed: the digest moved.
        assertThat(api.get("/api/v1/assessments/CN-65?period=2023").body().path("inputDigest").asString())
                .isNotEqualTo(otherBefore);
    }

    @Test
    @Order(3)
    void should_ChangeNothing_When_EventsAreRedelivered() throws Exception {
        JsonNode before = api.get("/api/v1/assessments/" + WEAK + "?period=2023").body();
        int assessmentEventsBefore = kafka.read(Topics.ASSESSMENTS, forEntityAndPeriod(WEAK, "2023"), 1000,
                Duration.ofSeconds(5)).size();
        int revisionsBefore = api.get("/api/v1/observations/history?entity=" + WEAK
                + "&indicator=RD_INTENSITY&period=2023").body().size();

        // A canonical observation event delivered a second time, headers and all.
        ConsumerRecord<String, byte[]> recorded = kafka.read(Topics.OBSERVATIONS, forEntityAndPeriod(WEAK, "2023"), 1,
                Duration.ofSeconds(10)).get(0);
        ProducerRecord<String, byte[]> again = new ProducerRecord<>(Topics.OBSERVATIONS, recorded.key(),
                recorded.value());
        recorded.headers().forEach(h -> again.headers().add(h));
        kafka.send(again);
        // A feed event, carrying a real change, sent twice.
        double current = api.get("/api/v1/observations?entity=" + WEAK + "&indicator=RD_INTENSITY&period=2023").body()
                .get(0).path("value").asDouble();
        CloudEvent submitted = CloudEventBuilder.v1().withId(UUID.randomUUID().toString())
                .withType(EventTypes.OBSERVATION_SUBMITTED).withSource(URI.create("/feeds/e2e"))
                .withDataContentType("application/json")
                .withData(api.json().writeValueAsBytes(Map.of("entity", WEAK, "indicator", "RD_INTENSITY", "period", "2023",
                        "value", current + 0.37, "source", Platform.DEMO_FEED)))
                .build();
        String raw = Topics.rawFeed(Platform.DEMO_FEED);
        feed.send(KafkaMessageFactory.createWriter(raw, null, null, WEAK).writeBinary(submitted));
        feed.send(KafkaMessageFactory.createWriter(raw, null, null, WEAK).writeBinary(submitted));

        // The feed value is a real change: exactly one new revision, however often it was delivered.
        awaitHistorySize(WEAK, "RD_INTENSITY", "2023", revisionsBefore + 1);
        JsonNode after = await("/api/v1/assessments/" + WEAK + "?period=2023",
                r -> !r.body().path("inputDigest").asString().equals(before.path("inputDigest").asString())).body();
        Thread.sleep(3000); // time for a wrongly applied duplicate to show
        assertThat(api.get("/api/v1/observations/history?entity=" + WEAK + "&indicator=RD_INTENSITY&period=2023").body())
                .hasSize(revisionsBefore + 1);
        assertThat(api.get("/api/v1/assessments/" + WEAK + "?period=2023").body().path("inputDigest").asString())
                .isEqualTo(after.path("inputDigest").asString());
        assertThat(kafka.read(Topics.ASSESSMENTS, forEntityAndPeriod(WEAK, "2023"), 1000, Duration.ofSeconds(5)))
                .as("one new assessment event for the one real change").hasSize(assessmentEventsBefore + 1);
    }

    @Test
    @Order(4)
    void should_ChangeExactlyTheDependentAssessments_And_ChangeNothing_When_AllEventsAreReplayed() throws Exception {
        String entity = "CN-15";
        Map<String, String> before = storedAssessments();
        JsonNode current = api.get("/api/v1/observations?entity=" + entity + "&indicator=GOV_SCIENCE_SPENDING_SHARE&period=2019")
                .body().get(0);
        Response posted = api.postJson("/api/v1/observations", Map.of("observations", List.of(Map.of("entity", entity,
                "indicator", "GOV_SCIENCE_SPENDING_SHARE", "period", "2019", "value",
                current.path("value").asDouble() * 1.5, "source", "e2e"))));
        assertThat(posted.body().path("accepted").asInt()).isEqualTo(1);
        String changedKey = entity + "|2019";
        Map<String, String> after = awaitStoredAssessments(m -> !m.get(changedKey).equals(before.get(changedKey)));
        assertThat(after.keySet()).isEqualTo(before.keySet());
        before.forEach((key, was) -> {
            if (!key.endsWith("|2019")) {
                assertThat(after.get(key)).as("%s does not depend on the change", key).isEqualTo(was);
            }
        });

        // Every canonical event of this entity delivered again, headers and all, then one new real change after them
        // on the same partition: once that change shows, every replayed event before it has been consumed.
        List<ConsumerRecord<String, byte[]>> history = kafka.read(Topics.OBSERVATIONS, r -> entity.equals(r.key()),
                100_000, Duration.ofSeconds(10));
        assertThat(history).hasSizeGreaterThan(100);
        for (ConsumerRecord<String, byte[]> r : history) {
            ProducerRecord<String, byte[]> again = new ProducerRecord<>(Topics.OBSERVATIONS, r.key(), r.value());
            r.headers().forEach(h -> again.headers().add(h));
            kafka.send(again);
        }
        JsonNode sentinel = api.get("/api/v1/observations?entity=" + entity + "&indicator=URBANISATION_RATE&period=2015")
                .body().get(0);
        api.postJson("/api/v1/observations", Map.of("observations", List.of(Map.of("entity", entity, "indicator",
                "URBANISATION_RATE", "period", "2015", "value", sentinel.path("value").asDouble() + 0.5, "source", "e2e"))));
        String sentinelKey = entity + "|2015";
        Map<String, String> replayed = awaitStoredAssessments(m -> !m.get(sentinelKey).equals(after.get(sentinelKey)));
        after.forEach((key, was) -> {
            if (!key.endsWith("|2015")) {
                assertThat(replayed.get(key)).as("%s after the replay", key).isEqualTo(was);
            }
        });
    }

    /** Every stored assessment: (entity|period) -> assessment id and input digest, read from its own schema. */
    private static Map<String, String> storedAssessments() throws java.sql.SQLException {
        TestInfrastructure.Postgres pg = TestInfrastructure.postgres();
        Map<String, String> rows = new java.util.TreeMap<>();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
                java.sql.Statement st = c.createStatement();
                java.sql.ResultSet rs = st.executeQuery("SELECT entity_id, period, assessment_id, input_digest "
                        + "FROM assessment.assessment WHERE cohort = 'CN-PROVINCES'")) {
            while (rs.next()) {
                rows.put(rs.getString(1) + "|" + rs.getString(2), rs.getString(3) + "/" + rs.getString(4));
            }
        }
        return rows;
    }

    private static Map<String, String> awaitStoredAssessments(Predicate<Map<String, String>> condition)
            throws Exception {
        Poll.until("stored assessments changed", Duration.ofSeconds(60), Duration.ofMillis(300),
                PlatformE2EIT::storedAssessments, condition);
        Thread.sleep(1500); // let the recompute that made the change finish its whole cohort
        return storedAssessments();
    }

    @Test
    @Order(6)
    void should_IngestAFileThroughTheGateway_And_PrintTheFinalCounts_When_RunAsTheFeederCommand() throws Exception {
        // Period 2059: no other test of this JVM's database writes it (PlatformRestartIT takes 1900-1999, 2060-2099).
        Path file = Files.createTempFile("nqpf-e2e-ingest", ".csv");
        Files.writeString(file, """
                entity,indicator,period,value,unit,source
                CN-11,URBANISATION_RATE,2059,73.1,%,e2e-ingest
                CN-12,URBANISATION_RATE,2059,68.4,%,e2e-ingest
                XX-00,URBANISATION_RATE,2059,50.0,%,e2e-ingest
                CN-13,URBANISATION_RATE,2059,30.2,%,e2e-ingest
                """);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        try {
            int exit = new org.nqpf.launcher.feed.IngestCommand(new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
                    new java.io.PrintStream(err, true, StandardCharsets.UTF_8), false, Duration.ofMillis(100),
                    ClientCredentials.demo(platform.issuer(), "demo-steward")) // what NQPF_ISSUER would name
                    .run(List.of(file.toString(), "--gateway", gateway));
            String printed = out.toString(StandardCharsets.UTF_8);
            assertThat(exit).as(printed + err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(printed).contains("COMPLETED").contains("4 rows, 3 accepted, 0 unchanged, 1 rejected")
                    .contains("row 3, entity");
        }
        finally {
            Files.deleteIfExists(file);
        }
        Response stored = api.get("/api/v1/observations?entity=CN-13&indicator=URBANISATION_RATE&period=2059");
        assertThat(stored.text()).contains("30.2").contains("\"IMPORT\"").contains("e2e-ingest");
    }

    @Test
    @Order(5)
    void should_Answer503ProblemJson_When_AServiceIsStopped_And_KeepServingTheOthers() throws Exception {
        platform.stopService(Service.ASSESSMENT);

        Response down = api.request("GET", "/api/v1/assessments/CN-11?period=2023")
                .timeout(Duration.ofSeconds(10)).send();
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.contentType()).startsWith("application/problem+json");
        JsonNode problem = down.body();
        assertThat(problem.path("status").asInt()).isEqualTo(503);
        assertThat(problem.path("detail").asString()).contains("assessment-service");

        assertThat(api.get("/api/v1/entities/CN-11").status()).isEqualTo(200);
        assertThat(api.get("/api/v1/roadmaps/CN-11").status()).isEqualTo(200);
        assertThat(api.postJson("/api/v1/observations", Map.of("observations", List.of(Map.of("entity", "CN-11",
                "indicator", "RD_INTENSITY", "period", "2030", "value", 6.9, "source", "e2e")))).status())
                .isEqualTo(200);
    }

    // --- helpers

    /** Polls through the gateway until the path answers 200 and the condition holds. */
    private static Response await(String path, Predicate<Response> condition) {
        return api.awaitUntil(path, condition, Duration.ofSeconds(90), Duration.ofMillis(300));
    }

    private static void awaitHistorySize(String entity, String indicator, String period, int size) throws Exception {
        await("/api/v1/observations/history?entity=" + entity + "&indicator=" + indicator + "&period=" + period,
                r -> r.body().size() >= size);
    }

    private static JsonNode dimension(JsonNode assessment, String code) {
        for (JsonNode d : assessment.path("dimensions")) {
            if (code.equals(d.path("dimension").asString())) {
                return d;
            }
        }
        throw new AssertionError("no dimension " + code + " in " + assessment);
    }

    /** The plan's actions that move one of the indicators. */
    private static List<JsonNode> actionsMoving(JsonNode roadmap, List<String> indicators) {
        return StreamSupport.stream(roadmap.path("plan").path("actions").spliterator(), false)
                .filter(a -> StreamSupport.stream(a.path("moves").spliterator(), false)
                        .anyMatch(m -> indicators.contains(m.path("indicator").asString())))
                .toList();
    }

    /** The plan's targets on one of the indicators: the weak ones. */
    private static List<JsonNode> targetsOn(JsonNode roadmap, List<String> indicators) {
        return StreamSupport.stream(roadmap.path("plan").path("targets").spliterator(), false)
                .filter(t -> indicators.contains(t.path("indicator").asString())).toList();
    }

    private static Predicate<ConsumerRecord<String, byte[]>> forEntityAndPeriod(String entity, String period) {
        return r -> entity.equals(r.key())
                && new String(r.value(), StandardCharsets.UTF_8).contains("\"period\":\"" + period + "\"");
    }

}

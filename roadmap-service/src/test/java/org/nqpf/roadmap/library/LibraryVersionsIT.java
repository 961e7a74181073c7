package org.nqpf.roadmap.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.nqpf.contracts.Dimension.LABORERS;
import static org.nqpf.contracts.Dimension.MEANS_OF_LABOR;
import static org.nqpf.roadmap.Assessments.assessment;
import static org.nqpf.roadmap.Assessments.dimension;
import static org.nqpf.roadmap.Assessments.indicator;
import static org.nqpf.roadmap.library.LibraryFixtures.draft;
import static org.nqpf.roadmap.library.LibraryFixtures.effect;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.nqpf.contracts.AssessmentComputed;
import org.nqpf.contracts.Subsystem;
import org.nqpf.testsupport.ApiClient;
import org.nqpf.testsupport.ApiClient.Response;
import org.nqpf.testsupport.Poll;
import org.nqpf.testsupport.ServiceTest;
import org.nqpf.messaging.Events;
import org.nqpf.roadmap.Assessments;
import org.nqpf.roadmap.EngineCohort;
import org.nqpf.web.ProblemTypes;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Library versions through the API on a real database: draft → published, immutable once published, and every
 * mistake answered as problem+json naming its field. Versions published here are exact copies of version 1, so the
 * roadmaps other tests plan stay what they were.
 */
@ServiceTest
class LibraryVersionsIT {

    @Autowired
    ApiClient api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    @Autowired
    Events events;

    private void send(String eventId, AssessmentComputed assessment) {
        Assessments.send(events, eventId, assessment);
    }

    private int newDraft() {
        Response created = api.post("/api/v1/actions/versions", "{\"from\": 1}");
        assertThat(created.status()).isEqualTo(201);
        return created.body().get("version").asInt();
    }

    private String body(Object value) {
        return json.writeValueAsString(value);
    }

    private static JsonNode errorOn(Response r, String field) {
        for (JsonNode e : r.body().get("errors")) {
            if (e.get("field").asString().equals(field)) {
                return e;
            }
        }
        throw new AssertionError("no error on " + field + " in " + r.body());
    }

    private static void assertInvalid(Response r) {
        assertThat(r.status()).as("%s", r.body()).isEqualTo(422);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.body().get("type").asString()).isEqualTo(ProblemTypes.BASE + "invalid-action-library");
    }

    /** Each copied action's error names the framework: a megabyte of code quoted in each ran out of heap (a 500). */
    @Test
    void should_RefuseTheDraftNamingTheField_When_ItsFrameworkCodeIsOverLong() {
        Response r = api.post("/api/v1/actions/versions", "{\"from\": 1, \"frameworkCode\": \"" + "A".repeat(1_100_000)
                + "\"}");

        assertInvalid(r);
        assertThat(errorOn(r, "frameworkCode").get("detail").asString()).contains("at most 64");
    }

    @Test
    void should_CopyEditAndPublishADraft_ThenRefuseEveryChange() {
        Response created = api.post("/api/v1/actions/versions", "{\"from\": 1}");
        assertThat(created.status()).isEqualTo(201);
        int v = created.body().get("version").asInt();
        assertThat(v).isGreaterThan(1);
        assertThat(created.body().get("status").asString()).isEqualTo("DRAFT");
        assertThat(created.body().get("basedOn").asInt()).isEqualTo(1);
        assertThat(created.body().get("publishedAt").isNull()).isTrue();
        int copied = created.body().get("actions").size();
        assertThat(copied).isEqualTo(api.get("/api/v1/actions/versions/1").body().get("actions").size());

        Response added = api.put("/api/v1/actions/versions/" + v + "/actions/TMP-1",
                body(draft("TMP-1", "OTI-MOL-4")));
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.body().get("dimension").asString()).isEqualTo("MEANS_OF_LABOR"); // RD_INTENSITY's
        assertThat(api.get("/api/v1/actions/versions/" + v).body().get("actions").size()).isEqualTo(copied + 1);
        Response replaced = api.put("/api/v1/actions/versions/" + v + "/actions/TMP-1", body(draft("TMP-1")));
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.body().get("prerequisites").size()).isZero();
        assertThat(api.delete("/api/v1/actions/versions/" + v + "/actions/TMP-1").status()).isEqualTo(204);

        Response published = api.post("/api/v1/actions/versions/" + v + "/publish", null);
        assertThat(published.status()).isEqualTo(200);
        assertThat(published.body().get("status").asString()).isEqualTo("PUBLISHED");
        assertThat(published.body().get("actions"))
                .isEqualTo(api.get("/api/v1/actions/versions/1").body().get("actions"));
        assertThat(api.post("/api/v1/actions/versions/" + v + "/publish", null).body().get("publishedAt"))
                .isEqualTo(published.body().get("publishedAt")); // publishing again changes nothing
        assertThat(api.get("/api/v1/actions/versions").body()).anySatisfy(s -> {
            assertThat(s.get("version").asInt()).isEqualTo(v);
            assertThat(s.get("status").asString()).isEqualTo("PUBLISHED");
            assertThat(s.get("actionCount").asInt()).isEqualTo(copied);
        });

        for (Response refused : List.of(
                api.put("/api/v1/actions/versions/" + v + "/actions/TMP-2", body(draft("TMP-2"))),
                api.delete("/api/v1/actions/versions/" + v + "/actions/OTI-LAB-1"),
                api.put("/api/v1/actions/versions/" + v, body(Map.of("actions", List.of(draft("TMP-3"))))),
                api.put("/api/v1/actions/versions/1/actions/OTI-LAB-1", body(draft("OTI-LAB-1"))))) {
            assertThat(refused.status()).as("%s", refused.body()).isEqualTo(409);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.body().get("type").asString()).isEqualTo(ProblemTypes.BASE + "library-immutable");
            assertThat(refused.body().get("detail").asString()).contains("published and immutable");
        }
    }

    @Test
    void should_RefuseAnyWriteToAPublishedVersionInTheDatabaseToo() {
        assertThatThrownBy(() -> jdbc.sql("UPDATE library_action SET definition = '{}' WHERE library_version = 1")
                .update()).hasMessageContaining("published and immutable");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM library_version WHERE version = 1").update())
                .hasMessageContaining("published and immutable");
        assertThat(api.get("/api/v1/actions/versions/1/actions/OTI-LAB-1").status()).isEqualTo(200);
    }

    @Test
    void should_NameTheJsonPath_When_AWholeDraftIsWrong() {
        int v = newDraft();
        ActionDraft badIndicator = new ActionDraft("A-4", "t", "t", "OPEN_TECH_INNOVATION",
                List.of(effect("NOT_AN_INDICATOR", 1, 2)), "ELEMENT_SUPPLY", "GOVERNMENT", List.of(),
                "TALENT_PROGRAMME", 2, List.of(), "LOW", List.of("REGION"), draft("X").sources());
        ActionDraft badEnums = new ActionDraft("A-5", "t", "t", "CLOSED_INNOVATION",
                List.of(effect("RD_INTENSITY", 3, 1)), "MAGIC", "KING", List.of("ALIENS"), "TALENT_PROGRAMME", 40,
                List.of("NOBODY"), "LOW", List.of("PLANET"), draft("X").sources());

        Response r = api.put("/api/v1/actions/versions/" + v, body(Map.of("actions",
                List.of(draft("A-1"), draft("A-2"), draft("A-3"), badIndicator, badEnums))));

        assertInvalid(r);
        assertThat(errorOn(r, "actions[3].indicators[0].code").get("detail").asString()).contains("NOT_AN_INDICATOR");
        for (String field : List.of("actions[4].system", "actions[4].mechanism", "actions[4].leadActor",
                "actions[4].supportingActors[0]", "actions[4].entityKinds[0]", "actions[4].indicators[0].low",
                "actions[4].horizonYears")) {
            assertThat(errorOn(r, field).get("detail").asString()).as(field).isNotBlank();
        }
        assertThat(api.get("/api/v1/actions/versions/" + v).body().get("actions").size())
                .as("a refused change changes nothing").isEqualTo(api.get("/api/v1/actions/versions/1").body()
                        .get("actions").size());
    }

    @Test
    void should_NameTheCycle_When_AnEditClosesOne() {
        int v = newDraft();
        assertThat(api.put("/api/v1/actions/versions/" + v + "/actions/CYC-A", body(draft("CYC-A"))).status())
                .isEqualTo(201);
        assertThat(api.put("/api/v1/actions/versions/" + v + "/actions/CYC-B", body(draft("CYC-B", "CYC-A"))).status())
                .isEqualTo(201);

        Response r = api.put("/api/v1/actions/versions/" + v + "/actions/CYC-A", body(draft("CYC-A", "CYC-B")));

        assertInvalid(r);
        assertThat(errorOn(r, "prerequisites").get("detail").asString()).contains("CYC-A → CYC-B → CYC-A");
    }

    @Test
    void should_AnswerEachBadEditWithItsField_NeverA500() {
        int v = newDraft();
        String base = "/api/v1/actions/versions/" + v + "/actions/";

        Response unknownPrerequisite = api.put(base + "NEW-1", body(draft("NEW-1", "NO-SUCH-ACTION")));
        assertInvalid(unknownPrerequisite);
        assertThat(errorOn(unknownPrerequisite, "prerequisites[0]").get("detail").asString())
                .contains("NO-SUCH-ACTION");

        Response otherCode = api.put(base + "NEW-1", body(draft("NEW-2")));
        assertInvalid(otherCode);
        assertThat(errorOn(otherCode, "code").get("detail").asString()).contains("NEW-2", "NEW-1");

        Response required = api.delete(base + "OTI-MOL-4"); // OTI-LAB-3 and OTI-MOL-2 need it
        assertThat(required.status()).isEqualTo(409);
        assertThat(required.body().get("type").asString()).isEqualTo(ProblemTypes.BASE + "action-required");
        assertThat(required.body().get("detail").asString()).contains("OTI-LAB-3", "OTI-MOL-2");

        Response malformed = api.put(base + "NEW-1", "{\"code\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
        Response wrongShape = api.put(base + "NEW-1", "{\"horizonYears\": \"soon\"}");
        assertThat(wrongShape.status()).isEqualTo(400);
        assertThat(errorOn(wrongShape, "horizonYears").get("detail").asString()).isNotBlank();

        assertThat(api.delete(base + "NO-SUCH-1").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/actions/versions/9999").status()).isEqualTo(404);
        assertThat(api.put("/api/v1/actions/versions/9999/actions/X-1", body(draft("X-1"))).status()).isEqualTo(404);
        Response noSource = api.post("/api/v1/actions/versions", "{\"from\": 9999}");
        assertInvalid(noSource);
        assertThat(errorOn(noSource, "from").get("detail").asString()).contains("9999");
    }

    @Test
    void should_CheckIndicatorsAgainstTheFrameworkTheVersionCovers_AsItsAssessmentsListThem() {
        String framework = "FW-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        ActionDraft onOwnIndicator = new ActionDraft("OWN-1", "t", "t", "OPEN_TECH_INNOVATION",
                List.of(effect("CITY_AI_LABS", 1, 2)), "ELEMENT_SUPPLY", "GOVERNMENT", List.of(), "TALENT_PROGRAMME",
                2, List.of(), "LOW", List.of("REGION"), draft("X").sources());
        String request = body(Map.of("from", 1, "frameworkCode", framework, "actions", List.of(onOwnIndicator)));

        Response unknownFramework = api.post("/api/v1/actions/versions", request);
        assertInvalid(unknownFramework);
        assertThat(errorOn(unknownFramework, "frameworkCode").get("detail").asString()).contains(framework);

        AssessmentComputed a = assessment("IT-" + UUID.randomUUID().toString().substring(0, 8), "2023", null,
                List.of(dimension(LABORERS, 40, 2, "CN-11", 80), dimension(MEANS_OF_LABOR, 60, 2, "CN-11", 70)),
                List.of(indicator("CITY_AI_LABS", MEANS_OF_LABOR, Subsystem.AI, 4.0)));
        send(UUID.randomUUID().toString(), new AssessmentComputed(a.assessmentId(), a.entityId(), a.cohort(),
                a.period(), framework, 1, a.method(), a.inputDigest(), a.overallScore(), a.rank(), a.cohortSize(),
                a.dimensions(), a.subsystems(), a.coupling(), a.indicators(), a.computedAt(), a.entityKind()));

        // The service learns the framework from the event: the same request succeeds once it has.
        Response created = Poll.until("a library version of " + framework + " accepted", Duration.ofSeconds(60),
                Duration.ofMillis(300), () -> api.post("/api/v1/actions/versions", request), r -> r.status() == 201);
        JsonNode own = created.body().get("actions").get(0);
        assertThat(own.get("dimension").asString()).isEqualTo("MEANS_OF_LABOR");
        assertThat(own.get("subsystem").asString()).isEqualTo("AI");
        Response nqpfIndicator = api.put("/api/v1/actions/versions/" + created.body().get("version").asInt()
                + "/actions/OWN-2", body(draft("OWN-2")));
        assertInvalid(nqpfIndicator);
        assertThat(errorOn(nqpfIndicator, "indicators[0].code").get("detail").asString())
                .contains("RD_INTENSITY", framework);
    }

    @Test
    void should_NameTheNewestPublishedLibraryVersion_InEveryNewRoadmap() {
        int v = newDraft();
        assertThat(api.post("/api/v1/actions/versions/" + v + "/publish", null).status()).isEqualTo(200);
        // A cohort of its own, assessed by the real engine: the roadmap of each member is planned against the others.
        String cohort = "IT-LIB-" + UUID.randomUUID().toString().substring(0, 8);
        List<AssessmentComputed> members = EngineCohort.assess(cohort, EngineCohort.units(8), List.of("2024"),
                EngineCohort.values(8, List.of("2024"), 5), Map.of()).get(0).stream()
                .map(a -> new AssessmentComputed(a.assessmentId(), cohort + "-" + a.entityId(), a.cohort(), a.period(),
                        a.frameworkCode(), a.frameworkVersion(), a.method(), a.inputDigest(), a.overallScore(),
                        a.rank(), a.cohortSize(), a.dimensions(), a.subsystems(), a.coupling(), a.indicators(),
                        a.computedAt(), a.entityKind()))
                .toList();
        members.forEach(a -> send(UUID.randomUUID().toString(), a));
        String entity = members.get(0).entityId();

        Response roadmap = api.awaitUntil("/api/v1/roadmaps/" + entity, r -> true, Duration.ofSeconds(60));
        assertThat(roadmap.body().get("libraryVersion").asInt()).isEqualTo(v);
        assertThat(api.get("/api/v1/roadmaps/" + entity + "/versions/1").body().get("libraryVersion").asInt())
                .isEqualTo(v);
    }
}

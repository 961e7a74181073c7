package org.nqpf.roadmap.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nqpf.contracts.ActionSystem;
import org.nqpf.contracts.Dimension;
import org.nqpf.contracts.Mechanism;
import org.nqpf.testsupport.ApiClient;
import org.nqpf.testsupport.ApiClient.Response;
import org.nqpf.testsupport.ServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The seeded library as the API serves it. */
@ServiceTest
class ActionLibraryIT {

    @Autowired
    ApiClient api;

    @Test
    void should_SeedPublishedVersion1_With48ActionsTwelvePerSystem() {
        Response v1 = api.get("/api/v1/actions/versions/1");

        assertThat(v1.status()).isEqualTo(200);
        assertThat(v1.body().get("status").asString()).isEqualTo("PUBLISHED");
        assertThat(v1.body().get("frameworkCode").asString()).isEqualTo("NQPF-AI");
        assertThat(v1.body().get("effectUnit").asString()).isEqualTo("PERCENT_PER_YEAR");
        assertThat(v1.body().get("publishedAt").asString()).isNotBlank();
        Map<String, Integer> perSystem = new HashMap<>();
        for (JsonNode action : v1.body().get("actions")) {
            perSystem.merge(action.get("system").asString(), 1, Integer::sum);
        }
        assertThat(v1.body().get("actions").size()).isGreaterThanOrEqualTo(48);
        assertThat(perSystem).containsOnlyKeys(names(ActionSystem.values()));
        assertThat(perSystem.values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(12));
    }

    @Test
    void should_ListActionsWithEffectsActorsAndSources_CoveringEveryDimensionMechanismAndActor() {
        Response response = api.get("/api/v1/actions");

        assertThat(response.status()).isEqualTo(200);
        Set<String> dimensions = new HashSet<>();
        Set<String> mechanisms = new HashSet<>();
        Set<String> actors = new HashSet<>();
        Set<String> instruments = new HashSet<>();
        for (JsonNode action : response.body()) {
            assertThat(action.get("titleEn").asString()).isNotBlank();
            assertThat(action.get("titleZh").asString()).isNotBlank();
            assertThat(action.get("entityKinds").size()).isPositive();
            assertThat(action.get("horizonYears").asInt()).isBetween(1, 15);
            assertThat(action.get("effort").asString()).isIn("LOW", "MEDIUM", "HIGH");
            assertThat(action.get("sources").size()).isPositive();
            JsonNode effect = action.get("indicators").get(0);
            assertThat(effect.get("direction").asInt()).isIn(1, -1);
            assertThat(effect.get("low").asDouble()).isLessThanOrEqualTo(effect.get("high").asDouble());
            assertThat(effect.get("basis").get("kind").asString()).isNotBlank();
            dimensions.add(action.get("dimension").asString());
            mechanisms.add(action.get("mechanism").asString());
            actors.add(action.get("leadActor").asString());
            action.get("supportingActors").forEach(a -> actors.add(a.asString()));
            instruments.add(action.get("instrument").asString());
        }
        assertThat(dimensions).containsExactlyInAnyOrder(names(Dimension.values()));
        assertThat(mechanisms).containsExactlyInAnyOrder(names(Mechanism.values()));
        assertThat(actors).containsExactlyInAnyOrder(names(Actor.values()));
        assertThat(instruments).contains("NATIONAL_STRATEGY", "INDUSTRIAL_POLICY", "INNOVATION_MECHANISM",
                "FISCAL_INCENTIVE", "STANDARD_SETTING", "DATA_INFRASTRUCTURE", "TALENT_PROGRAMME");
    }

    @Test
    void should_FilterBySystemDimensionAndIndicator() {
        Response response = api.get("/api/v1/actions?system=FULL_CHAIN_ELEMENT_CIRCULATION&dimension=MEANS_OF_LABOR");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().size()).isPositive();
        for (JsonNode action : response.body()) {
            assertThat(action.get("system").asString()).isEqualTo("FULL_CHAIN_ELEMENT_CIRCULATION");
            assertThat(action.get("dimension").asString()).isEqualTo("MEANS_OF_LABOR");
        }
        JsonNode robots = api.get("/api/v1/actions?indicator=ROBOT_DENSITY").body();
        assertThat(robots.size()).isPositive();
        assertThat(robots).allSatisfy(a -> assertThat(a.get("indicators").toString()).contains("ROBOT_DENSITY"));
    }

    @Test
    void should_AnswerProblem_When_FilterValueIsUnknown() {
        Response response = api.get("/api/v1/actions?system=CLOSED_INNOVATION");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().get("detail").asString()).contains("system");
    }

    @Test
    void should_ReturnOneAction_AndProblem404_When_CodeIsUnknown() {
        Response known = api.get("/api/v1/actions/FEC-MOL-1");
        Response unknown = api.get("/api/v1/actions/NO-SUCH-1");
        Response inV1 = api.get("/api/v1/actions/versions/1/actions/FEC-MOL-1");

        assertThat(known.status()).isEqualTo(200);
        assertThat(known.body().get("titleEn").asString()).contains("computing-power network");
        assertThat(known.body().get("indicators").get(0).get("code").asString())
                .isEqualTo("COMPUTING_POWER_PER_CAPITA");
        assertThat(inV1.body()).isEqualTo(known.body());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.body().get("detail").asString()).contains("NO-SUCH-1");
    }

    private static String[] names(Enum<?>[] values) {
        return java.util.Arrays.stream(values).map(Enum::name).toArray(String[]::new);
    }
}

package org.nqpf.roadmap.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
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

@ServiceTest
class ActionLibraryIT {

    @Autowired
    ApiClient api;

    @Test
    void should_ListSeededLibrary_CoveringEverySystemDimensionMechanismAndActor() {
        Response response = api.get("/api/v1/actions");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().size()).isGreaterThanOrEqualTo(24);
        Set<String> systems = new HashSet<>();
        Set<String> dimensions = new HashSet<>();
        Set<String> mechanisms = new HashSet<>();
        Set<String> actors = new HashSet<>();
        Set<String> instruments = new HashSet<>();
        for (JsonNode action : response.body()) {
            assertThat(action.get("code").asString()).isNotBlank();
            assertThat(action.get("title").asString()).isNotBlank();
            assertThat(action.get("titleZh").asString()).isNotBlank();
            assertThat(action.get("entityKinds").size()).isPositive();
            assertThat(action.get("horizon").asString()).isIn("NEAR_TERM", "MID_TERM", "LONG_TERM");
            assertThat(action.get("horizonYears").asInt()).isPositive();
            systems.add(action.get("system").asString());
            dimensions.add(action.get("dimension").asString());
            mechanisms.add(action.get("mechanism").asString());
            actors.add(action.get("actor").asString());
            instruments.add(action.get("instrument").asString());
        }
        assertThat(systems).containsExactlyInAnyOrder(names(ActionSystem.values()));
        assertThat(dimensions).containsExactlyInAnyOrder(names(Dimension.values()));
        assertThat(mechanisms).containsExactlyInAnyOrder(names(Mechanism.values()));
        assertThat(actors).containsExactlyInAnyOrder(names(Actor.values()));
        assertThat(instruments).contains("NATIONAL_STRATEGY", "INDUSTRIAL_POLICY", "INNOVATION_MECHANISM",
                "TALENT_PROGRAM", "DATA_INFRASTRUCTURE", "REGULATORY_SANDBOX");
    }

    @Test
    void should_FilterBySystemAndDimension() {
        Response response = api.get("/api/v1/actions?system=FULL_CHAIN_ELEMENT_CIRCULATION&dimension=MEANS_OF_LABOR");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().size()).isPositive();
        for (JsonNode action : response.body()) {
            assertThat(action.get("system").asString()).isEqualTo("FULL_CHAIN_ELEMENT_CIRCULATION");
            assertThat(action.get("dimension").asString()).isEqualTo("MEANS_OF_LABOR");
        }
        assertThat(api.get("/api/v1/actions?dimension=LABORERS").body())
                .allSatisfy(a -> assertThat(a.get("dimension").asString()).isEqualTo("LABORERS"));
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

        assertThat(known.status()).isEqualTo(200);
        assertThat(known.body().get("title").asString()).contains("computing-power network");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.body().get("detail").asString()).contains("NO-SUCH-1");
    }

    private static String[] names(Enum<?>[] values) {
        return java.util.Arrays.stream(values).map(Enum::name).toArray(String[]::new);
    }
}

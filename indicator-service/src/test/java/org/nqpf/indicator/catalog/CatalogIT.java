package org.nqpf.indicator.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.nqpf.testsupport.ApiClient;
import org.nqpf.testsupport.ServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;

@ServiceTest
class CatalogIT {

    @Autowired
    ApiClient api;

    @Autowired
    Catalog catalog;

    @Test
    void should_SeedDefaultFrameworkCoveringFourDimensionsAndBothSubsystems() {
        List<Map<String, Object>> indicators = api.get("/api/v1/indicators").assertOk().list();
        assertThat(indicators).hasSizeGreaterThanOrEqualTo(24);
        Map<Object, Long> perDimension = indicators.stream()
                .collect(Collectors.groupingBy(i -> i.get("dimension"), Collectors.counting()));
        assertThat(perDimension).containsOnlyKeys("LABORERS", "MEANS_OF_LABOR", "OBJECTS_OF_LABOR",
                "OPTIMIZED_COMBINATION");
        for (String dimension : perDimension.keySet().stream().map(String::valueOf).toList()) {
            assertThat(indicators.stream().filter(i -> i.get("dimension").equals(dimension))
                    .map(i -> i.get("subsystem")).distinct())
                    .as("both subsystems in %s", dimension).containsExactlyInAnyOrder("AI", "NQPF");
        }
        assertThat(indicators).allSatisfy(i -> {
            assertThat(i.get("unit")).isNotNull();
            assertThat(i.get("direction")).isIn(1, -1);
            assertThat(i.get("mechanism")).isIn("ELEMENT_SUPPLY", "STRUCTURAL_EMBEDDING", "FUNCTIONAL_COMBINATION");
        });
        assertThat(indicators).anySatisfy(i -> assertThat(i.get("direction")).isEqualTo(-1));
    }

    @Test
    @SuppressWarnings("unchecked")
    void should_RegisterTheThirtyOneProvincesInTheirCohort() {
        Map<String, Object> cohort = api.get("/api/v1/cohorts/CN-PROVINCES").assertOk().map();
        assertThat((List<Object>) cohort.get("members")).hasSize(31).contains("CN-11", "CN-65");
        Map<String, Object> beijing = api.get("/api/v1/entities/CN-11").assertOk().map();
        assertThat(beijing).containsEntry("code", "110000").containsEntry("nameZh", "北京")
                .containsEntry("parentId", "CN").containsEntry("kind", "REGION");
        List<Map<String, Object>> found = api.get("/api/v1/entities?q=Shanghai").assertOk().list();
        assertThat(found).extracting(e -> e.get("id")).containsExactly("CN-31");
    }

    @Test
    void should_AnswerUnknownEntityWithProblemJson() {
        ApiClient.Response response = api.get("/api/v1/entities/XX-99");
        assertThat(response.status()).isEqualTo(HttpStatus.NOT_FOUND.value());
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.text()).contains("XX-99");
    }
}

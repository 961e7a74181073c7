package org.nqpf.indicator.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.nqpf.testsupport.ApiClient;
import org.nqpf.testsupport.ApiClient.Response;
import org.nqpf.testsupport.ServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@ServiceTest
class FrameworkVersionsIT {

    @Autowired
    ApiClient api;

    @Autowired
    Catalog catalog;

    @Autowired
    JdbcClient jdbc;

    @Test
    void should_AnswerConflictNamingTheNextVersion_When_EditingThePublishedDefault() {
        Response r = api.put("/api/v1/frameworks/NQPF-AI/versions/1",
                framework("NQPF-AI", indicator("X1", "LABORERS", "AI")));

        assertThat(r.status()).isEqualTo(HttpStatus.CONFLICT.value());
        assertThat(r.problemJson()).isTrue();
        assertThat(r.body().path("detail").asString())
                .isEqualTo("framework NQPF-AI v1 is published and immutable; create version 2");
        assertThat(catalog.framework("NQPF-AI", 1).orElseThrow().indicators()).hasSize(30)
                .noneMatch(i -> i.code().equals("X1"));
    }

    @Test
    void should_RefuseToRewriteAPublishedVersion_When_WrittenStraightToTheDatabase() {
        assertThatThrownBy(() -> jdbc.sql("UPDATE indicator SET max_value = 1 WHERE framework_code = 'NQPF-AI' AND code = 'RD_INTENSITY'")
                .update()).isInstanceOf(DataAccessException.class).hasMessageContaining("NQPF-AI v1 is published and immutable");
        assertThatThrownBy(() -> jdbc.sql("UPDATE framework SET name_en = 'x' WHERE code = 'NQPF-AI' AND version = 1").update())
                .isInstanceOf(DataAccessException.class);
        assertThat(catalog.defaultIndicatorsByCode().get("RD_INTENSITY").maxValue()).isEqualTo(20.0);
    }

    @Test
    void should_CreateADraftVersionOne_And_EditItUntilPublished() {
        Response created = api.post("/api/v1/frameworks",
                framework("T-EDIT", indicator("A1", "LABORERS", "AI")));
        assertThat(created.status()).isEqualTo(HttpStatus.CREATED.value());
        assertThat(created.location()).isEqualTo("/api/v1/frameworks/T-EDIT/versions/1");
        assertThat(created.body().path("version").asInt()).isEqualTo(1);
        assertThat(created.body().path("status").asString()).isEqualTo("DRAFT");

        Response edited = api.put("/api/v1/frameworks/T-EDIT/versions/1",
                framework("T-EDIT", indicator("A1", "LABORERS", "AI"), indicator("B1", "MEANS_OF_LABOR", "NQPF")));
        assertThat(edited.status()).isEqualTo(HttpStatus.OK.value());
        assertThat(codes(edited.body())).containsExactly("A1", "B1");

        Response published = api.post("/api/v1/frameworks/T-EDIT/versions/1/publish", null);
        assertThat(published.body().path("status").asString()).isEqualTo("PUBLISHED");
        assertThat(published.body().path("publishedAt").isNull()).isFalse();

        Response refused = api.put("/api/v1/frameworks/T-EDIT/versions/1",
                framework("T-EDIT", indicator("A1", "LABORERS", "AI")));
        assertThat(refused.status()).isEqualTo(HttpStatus.CONFLICT.value());
        assertThat(refused.body().path("detail").asString())
                .isEqualTo("framework T-EDIT v1 is published and immutable; create version 2");
        assertThat(codes(api.get("/api/v1/frameworks/T-EDIT/versions/1").body())).containsExactly("A1", "B1");
    }

    @Test
    void should_AnswerConflict_When_FrameworkCodeExists() {
        assertThat(api.post("/api/v1/frameworks", framework("T-TWICE", indicator("A1", "LABORERS", "AI")))
                .status()).isEqualTo(HttpStatus.CREATED.value());
        Response again = api.post("/api/v1/frameworks", framework("T-TWICE", indicator("Z9", "LABORERS", "AI")));
        assertThat(again.status()).isEqualTo(HttpStatus.CONFLICT.value());
        assertThat(again.body().path("detail").asString()).contains("framework T-TWICE exists",
                "POST /api/v1/frameworks/T-TWICE/versions");
        assertThat(api.post("/api/v1/frameworks", framework("NQPF-AI", indicator("A1", "LABORERS", "AI")))
                .status()).isEqualTo(HttpStatus.CONFLICT.value());
    }

    @Test
    void should_CreateTheNextVersionAsACopy_And_LeaveThePublishedOneUnchanged() {
        api.post("/api/v1/frameworks", framework("T-NEXT", indicator("A1", "LABORERS", "AI")));
        api.post("/api/v1/frameworks/T-NEXT/versions/1/publish", null);

        Response v2 = api.post("/api/v1/frameworks/T-NEXT/versions", "{\"nameEn\": \"Second\"}");
        assertThat(v2.status()).isEqualTo(HttpStatus.CREATED.value());
        assertThat(v2.location()).isEqualTo("/api/v1/frameworks/T-NEXT/versions/2");
        assertThat(v2.body().path("status").asString()).isEqualTo("DRAFT");
        assertThat(v2.body().path("nameEn").asString()).isEqualTo("Second");
        assertThat(codes(v2.body())).containsExactly("A1");

        Response v2Edited = api.put("/api/v1/frameworks/T-NEXT/versions/2",
                framework(null, indicator("A1", "LABORERS", "AI"), indicator("C1", "OBJECTS_OF_LABOR", "NQPF")));
        assertThat(v2Edited.status()).isEqualTo(HttpStatus.OK.value());

        Response v3 = api.post("/api/v1/frameworks/T-NEXT/versions",
                "{\"from\": 1, \"indicators\": [" + indicator("D1", "OPTIMIZED_COMBINATION", "AI") + "]}");
        assertThat(v3.body().path("version").asInt()).isEqualTo(3);
        assertThat(codes(v3.body())).containsExactly("D1");

        assertThat(codes(api.get("/api/v1/frameworks/T-NEXT/versions/1").body())).containsExactly("A1");
        assertThat(codes(api.get("/api/v1/frameworks/T-NEXT/versions/2").body())).containsExactly("A1", "C1");

        JsonNode summary = api.get("/api/v1/frameworks/T-NEXT").body();
        assertThat(summary.path("latestVersion").asInt()).isEqualTo(3);
        assertThat(summary.path("latestPublishedVersion").asInt()).isEqualTo(1);
        assertThat(StreamSupport.stream(summary.path("versions").spliterator(), false)
                .map(v -> v.path("version").asInt() + ":" + v.path("status").asString() + ":" + v.path("indicatorCount").asInt()))
                .containsExactly("1:PUBLISHED:1", "2:DRAFT:2", "3:DRAFT:1");

        Response fromMissing = api.post("/api/v1/frameworks/T-NEXT/versions", "{\"from\": 9}");
        assertThat(fromMissing.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT.value());
        assertThat(fromMissing.body().path("errors").get(0).path("field").asString()).isEqualTo("from");
        assertThat(api.post("/api/v1/frameworks/NO-SUCH/versions", "{}").status())
                .isEqualTo(HttpStatus.NOT_FOUND.value());
    }

    @Test
    void should_SwitchTheDefault_So_IngestionValidatesAgainstTheNewVersion() {
        api.post("/api/v1/frameworks", framework("T-DEFAULT", complete("Q")));
        Response draft = api.post("/api/v1/frameworks/T-DEFAULT/versions/1/default", null);
        assertThat(draft.status()).isEqualTo(HttpStatus.CONFLICT.value());
        assertThat(draft.body().path("detail").asString()).contains("T-DEFAULT v1 is a draft", "publish it");
        api.post("/api/v1/frameworks/T-DEFAULT/versions/1/publish", null);
        try {
            Response switched = api.post("/api/v1/frameworks/T-DEFAULT/versions/1/default", null);
            assertThat(switched.status()).isEqualTo(HttpStatus.OK.value());
            assertThat(switched.body().path("isDefault").asBoolean()).isTrue();

            assertThat(catalog.defaultIndicatorsByCode()).containsOnlyKeys(
                    "Q_LABORERS_AI", "Q_LABORERS_NQPF", "Q_MEANS_OF_LABOR_AI", "Q_MEANS_OF_LABOR_NQPF",
                    "Q_OBJECTS_OF_LABOR_AI", "Q_OBJECTS_OF_LABOR_NQPF", "Q_OPTIMIZED_COMBINATION_AI",
                    "Q_OPTIMIZED_COMBINATION_NQPF");
            assertThat(api.get("/api/v1/indicators").body().get(0).path("frameworkCode").asString()).isEqualTo("T-DEFAULT");
            assertThat(api.get("/api/v1/frameworks/NQPF-AI").body().path("defaultVersion").isNull()).isTrue();
            assertThat(api.get("/api/v1/frameworks/NQPF-AI/versions/1").body().path("isDefault").asBoolean()).isFalse();

            // no longer the default, still immutable: observations were validated against it
            assertThat(api.put("/api/v1/frameworks/NQPF-AI/versions/1",
                    framework("NQPF-AI", indicator("X1", "LABORERS", "AI"))).status()).isEqualTo(HttpStatus.CONFLICT.value());
        }
        finally {
            assertThat(api.post("/api/v1/frameworks/NQPF-AI/versions/1/default", null).status())
                    .isEqualTo(HttpStatus.OK.value());
        }
        assertThat(catalog.defaultFramework().code()).isEqualTo("NQPF-AI");
        assertThat(catalog.defaultIndicatorsByCode()).hasSize(30);
        assertThat(api.get("/api/v1/frameworks/T-DEFAULT").body().path("defaultVersion").isNull()).isTrue();
    }

    @Test
    void should_RefuseADefaultThatLeavesADimensionWithoutBothSides() {
        api.post("/api/v1/frameworks", framework("T-PARTIAL", indicator("A1", "LABORERS", "AI"),
                indicator("N1", "LABORERS", "NQPF")));
        api.post("/api/v1/frameworks/T-PARTIAL/versions/1/publish", null);

        Response r = api.post("/api/v1/frameworks/T-PARTIAL/versions/1/default", null);

        assertThat(r.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT.value());
        assertThat(r.body().path("errors").get(0).path("field").asString()).isEqualTo("indicators");
        assertThat(r.body().path("detail").asString()).contains("MEANS_OF_LABOR/AI", "OPTIMIZED_COMBINATION/NQPF");
        assertThat(catalog.defaultFramework().code()).isEqualTo("NQPF-AI");
    }

    @Test
    void should_NameEveryWrongField_When_FrameworkIsInvalid() {
        String body = """
                {"code": "t bad", "nameEn": "", "indicators": [
                  {"code": "A1", "nameEn": "a", "nameZh": "甲", "dimension": "LABORERS", "subsystem": "AI",
                   "mechanism": "ELEMENT_SUPPLY", "unit": "%", "direction": 1, "minValue": 0, "maxValue": 100},
                  {"code": "A1", "nameEn": "a", "nameZh": "甲", "dimension": "LABOURERS", "subsystem": "ROBOTS",
                   "mechanism": "ELEMENT_SUPPLY", "unit": "%", "direction": 2, "minValue": 0, "maxValue": 100},
                  {"code": "B1", "nameEn": "b", "nameZh": "乙", "dimension": "LABORERS", "subsystem": "NQPF",
                   "mechanism": "ELEMENT_SUPPLY", "unit": "%", "direction": -1, "minValue": 100, "maxValue": 0},
                  {"code": "C1", "nameEn": "c", "nameZh": "丙", "dimension": "LABORERS", "subsystem": "NQPF",
                   "mechanism": "NONE", "unit": "%", "direction": 1, "minValue": 0, "maxValue": 100, "target": 101}
                ]}""";

        Response r = api.post("/api/v1/frameworks", body);

        assertThat(r.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT.value());
        assertThat(r.problemJson()).isTrue();
        assertThat(r.body().path("type").asString()).isEqualTo("https://nqpf.org/problems/invalid-framework");
        List<String> fields = new ArrayList<>();
        r.body().path("errors").forEach(e -> fields.add(e.path("field").asString()));
        assertThat(fields).containsExactly("code", "nameEn", "indicators[1].code", "indicators[1].dimension",
                "indicators[1].subsystem", "indicators[1].direction", "indicators[2].minValue",
                "indicators[3].mechanism", "indicators[3].target");
        assertThat(r.body().path("detail").asString()).contains("indicators[3].target: C1's target 101 is outside its valid range [0, 100]");
        assertThat(api.get("/api/v1/frameworks").body()).noneMatch(f -> f.path("code").asString().equals("t bad"));
    }

    @Test
    void should_ListFrameworksWithTheirDefault_And_AnswerUnknownOnesWith404() {
        JsonNode list = api.get("/api/v1/frameworks").body();
        JsonNode nqpf = StreamSupport.stream(list.spliterator(), false)
                .filter(f -> f.path("code").asString().equals("NQPF-AI")).findFirst().orElseThrow();
        assertThat(nqpf.path("nameZh").asString()).isEqualTo("人工智能赋能新质生产力");
        assertThat(nqpf.path("versions").get(0).path("status").asString()).isEqualTo("PUBLISHED");
        assertThat(nqpf.path("versions").get(0).path("indicatorCount").asInt()).isEqualTo(30);

        Response unknown = api.get("/api/v1/frameworks/NQPF-AI/versions/99");
        assertThat(unknown.status()).isEqualTo(HttpStatus.NOT_FOUND.value());
        assertThat(unknown.problemJson()).isTrue();
        assertThat(unknown.body().path("detail").asString()).contains("NQPF-AI version 99");
        assertThat(api.get("/api/v1/frameworks/NOPE").status()).isEqualTo(HttpStatus.NOT_FOUND.value());
        assertThat(api.post("/api/v1/frameworks/NQPF-AI/versions/99/publish", null).status())
                .isEqualTo(HttpStatus.NOT_FOUND.value());
    }

    // --- helpers

    private static List<String> codes(JsonNode framework) {
        List<String> codes = new ArrayList<>();
        framework.path("indicators").forEach(i -> codes.add(i.path("code").asString()));
        return codes;
    }

    @Test
    void should_KeepEachIndicatorsSubDimensions_When_AFrameworkHasThem() {
        String talent = indicator("T1", "LABORERS", "AI").replace("\"target\": 80}",
                "\"target\": 80, \"subDimensions\": [\"DIGITAL_TALENT\", \"AI_SKILLS\"]}");
        Response created = api.post("/api/v1/frameworks",
                framework("T-SUBDIM", talent, indicator("A1", "LABORERS", "NQPF")));
        assertThat(created.status()).as(created.text()).isEqualTo(HttpStatus.CREATED.value());
        JsonNode read = api.get("/api/v1/frameworks/T-SUBDIM/versions/1").body();
        JsonNode t1 = StreamSupport.stream(read.path("indicators").spliterator(), false)
                .filter(i -> i.path("code").asString().equals("T1")).findFirst().orElseThrow();
        assertThat(t1.path("subDimensions").valueStream().map(JsonNode::asString))
                .containsExactly("DIGITAL_TALENT", "AI_SKILLS");

        String clash = indicator("T2", "MEANS_OF_LABOR", "AI").replace("\"target\": 80}",
                "\"target\": 80, \"subDimensions\": [\"DIGITAL_TALENT\"]}");
        Response refused = api.put("/api/v1/frameworks/T-SUBDIM/versions/1", framework(null, talent, clash));
        assertThat(refused.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT.value());
        assertThat(refused.body().path("errors").get(0).path("field").asString())
                .isEqualTo("indicators[1].subDimensions[0]");
    }

    private static String framework(String code, String... indicators) {
        return "{" + (code == null ? "" : "\"code\": \"" + code + "\", ")
                + "\"nameEn\": \"Test framework\", \"nameZh\": \"测试\", \"description\": \"for tests\", "
                + "\"indicators\": [" + String.join(", ", indicators) + "]}";
    }

    private static String indicator(String code, String dimension, String subsystem) {
        return """
                {"code": "%s", "nameEn": "%s", "nameZh": "指标", "dimension": "%s", "subsystem": "%s",
                 "mechanism": "ELEMENT_SUPPLY", "unit": "%%", "direction": 1, "minValue": 0, "maxValue": 100, "target": 80}"""
                .formatted(code, code, dimension, subsystem);
    }

    /** One indicator in every dimension on both sides: what a default framework must cover. */
    private static String[] complete(String prefix) {
        List<String> all = new ArrayList<>();
        for (String d : List.of("LABORERS", "MEANS_OF_LABOR", "OBJECTS_OF_LABOR", "OPTIMIZED_COMBINATION")) {
            for (String s : List.of("AI", "NQPF")) {
                all.add(indicator(prefix + "_" + d + "_" + s, d, s));
            }
        }
        return all.toArray(String[]::new);
    }
}

package org.nqpf.indicator.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nqpf.testsupport.ApiClient;
import org.nqpf.testsupport.ApiClient.Response;
import org.nqpf.testsupport.ServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

@ServiceTest
class EntityRegistryIT {

    @Autowired
    ApiClient api;

    @Autowired
    EntityRegistry registry;

    @Test
    void should_UpdateNamesCodeAndParent() {
        register("T-UPD-P1", "REGION", "130100", "Shijiazhuang", "CN-13");
        register("T-UPD-P2", "REGION", "130200", "Tangshan", "CN-13");
        register("T-UPD", "REGION", "130102", "Chang'an District", "T-UPD-P1");

        Response r = api.put("/api/v1/entities/T-UPD", """
                {"code": "130203", "nameEn": "Lubei District", "nameZh": "路北区", "parentId": "T-UPD-P2"}""");

        assertThat(r.status()).isEqualTo(HttpStatus.OK.value());
        Entity stored = registry.find("T-UPD").orElseThrow();
        assertThat(stored).isEqualTo(new Entity("T-UPD", "REGION", "130203", "Lubei District", "路北区", "T-UPD-P2", List.of()));
        assertThat(r.body().path("nameZh").asString()).isEqualTo("路北区");

        // what a client read, changed and sent back (id, kind and cohorts included) is accepted
        Response roundTrip = api.put("/api/v1/entities/T-UPD", """
                {"id": "T-UPD", "kind": "REGION", "code": "130203", "nameEn": "Lubei", "parentId": null, "cohorts": []}""");
        assertThat(roundTrip.status()).isEqualTo(HttpStatus.OK.value());
        assertThat(registry.find("T-UPD").orElseThrow().parentId()).isNull();
        assertThat(registry.find("T-UPD").orElseThrow().nameZh()).isNull();
    }

    @Test
    void should_RejectAParentCycle_NamingThePath() {
        register("T-CYC-A", "ENTERPRISE", "CYC-A", "A group", null);
        register("T-CYC-B", "ENTERPRISE", "CYC-B", "B subsidiary", "T-CYC-A");
        register("T-CYC-C", "ENTERPRISE", "CYC-C", "C branch", "T-CYC-B");

        Response r = api.put("/api/v1/entities/T-CYC-A",
                "{\"code\": \"CYC-A\", \"nameEn\": \"A group\", \"parentId\": \"T-CYC-C\"}");

        assertThat(r.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT.value());
        assertThat(r.problemJson()).isTrue();
        assertThat(r.body().path("errors").get(0).path("field").asString()).isEqualTo("parentId");
        assertThat(r.body().path("detail").asString()).isEqualTo("parentId: T-CYC-C lies under T-CYC-A "
                + "(T-CYC-C → T-CYC-B → T-CYC-A), so making it T-CYC-A's parent would create a cycle");
        assertThat(registry.find("T-CYC-A").orElseThrow().parentId()).isNull();

        Response self = api.put("/api/v1/entities/T-CYC-B",
                "{\"code\": \"CYC-B\", \"nameEn\": \"B\", \"parentId\": \"T-CYC-B\"}");
        assertThat(self.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT.value());
        assertThat(self.body().path("detail").asString()).contains("T-CYC-B cannot be its own parent");
    }

    @Test
    void should_ValidateCodesByKind() {
        assertInvalid(entity("T-CODE-R", "REGION", "13010", "x", null), "code", "GB/T 2260");
        assertInvalid(entity("T-CODE-I", "INDUSTRY", "65A", "x", null), "code", "GB/T 4754");
        assertInvalid(entity("T-CODE-E", "ENTERPRISE", "914403001922038217", "x", null), "code", "check character");
        assertInvalid(entity("T-CODE-K", "COUNTRY", "CN", "x", null), "kind", "one of REGION, INDUSTRY, ENTERPRISE");
        assertInvalid(entity("bad id!", "ENTERPRISE", "X", "x", null), "id", "letters, digits");
        assertInvalid(entity("T-CODE-P", "REGION", "140105", "x", "CN-13"), "parentId", "GB/T 2260");
        assertInvalid(entity("T-CODE-Q", "REGION", "130105", "x", "T-NO-SUCH"), "parentId", "no entity T-NO-SUCH");

        assertThat(register("T-CODE-I1", "INDUSTRY", "I", "Information technology", null).status()).isEqualTo(HttpStatus.CREATED.value());
        assertThat(register("T-CODE-I2", "INDUSTRY", "65", "Software and IT services", "T-CODE-I1").status()).isEqualTo(HttpStatus.CREATED.value());
        assertInvalid(entity("T-CODE-I3", "INDUSTRY", "6411", "Internet access", "T-CODE-I2"), "parentId", "GB/T 4754");
        assertInvalid(entity("T-CODE-I4", "INDUSTRY", "651", "x", "CN-13"), "parentId", "an entity of kind INDUSTRY sits under one of kind INDUSTRY; CN-13 is a REGION");
        assertThat(register("T-CODE-E1", "ENTERPRISE", "914403001922038216", "Huawei Technologies", "T-CODE-I2").status())
                .isEqualTo(HttpStatus.CREATED.value());
        assertThat(register("T-CODE-E2", "ENTERPRISE", "internal 42", "Any code", null).status()).isEqualTo(HttpStatus.CREATED.value());

        Response duplicate = register("T-CODE-R2", "REGION", "130000", "Hebei again", "CN");
        assertThat(duplicate.status()).isEqualTo(HttpStatus.CONFLICT.value());
        assertThat(duplicate.body().path("detail").asString()).isEqualTo("REGION code 130000 is already CN-13's");

        Response changed = api.put("/api/v1/entities/T-CODE-I2", "{\"code\": \"651X\", \"nameEn\": \"x\"}");
        assertThat(changed.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT.value());
        assertThat(changed.body().path("errors").get(0).path("field").asString()).isEqualTo("code");
        Response kind = api.put("/api/v1/entities/T-CODE-I2",
                "{\"kind\": \"REGION\", \"code\": \"65\", \"nameEn\": \"x\", \"parentId\": \"T-CODE-I1\"}");
        assertThat(kind.body().path("errors").get(0).path("field").asString()).isEqualTo("kind");
        assertThat(registry.find("T-CODE-I2").orElseThrow().nameEn()).isEqualTo("Software and IT services");
    }

    @Test
    void should_RefuseACodeChangeThatWouldOrphanTheChildren() {
        register("T-ORPH-P", "REGION", "150100", "Hohhot", null);
        register("T-ORPH-C", "REGION", "150102", "Xincheng", "T-ORPH-P");

        Response r = api.put("/api/v1/entities/T-ORPH-P", "{\"code\": \"150200\", \"nameEn\": \"x\"}");

        assertThat(r.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT.value());
        assertThat(r.body().path("detail").asString()).contains("code: its child T-ORPH-C would no longer fit");
    }

    @Test
    void should_PageInStableIdOrder_And_SearchByParentKindAndText() {
        register("T-PAGE", "REGION", "210100", "Shenyang", null);
        List<String> ids = List.of("T-PAGE-1", "T-PAGE-2", "T-PAGE-3", "T-PAGE-4", "T-PAGE-5");
        for (int i = 0; i < ids.size(); i++) {
            register(ids.get(i), "REGION", "21010" + (i + 1), "District " + (i + 1), "T-PAGE");
        }
        register("T-PAGE-E", "ENTERPRISE", "PAGE-E", "Shenyang Robots", "T-PAGE");

        List<String> seen = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            Response r = api.get("/api/v1/entities?parent=T-PAGE&kind=REGION&size=2&page=" + page);
            assertThat(r.status()).isEqualTo(HttpStatus.OK.value());
            assertThat(r.header("X-Total-Count")).isEqualTo("5");
            r.body().forEach(e -> seen.add(e.path("id").asString()));
        }
        assertThat(seen).containsExactlyElementsOf(ids);

        Response middle = api.get("/api/v1/entities?parent=T-PAGE&kind=REGION&size=2&page=1");
        assertThat(middle.header("Link")).isEqualTo(
                "</api/v1/entities?kind=REGION&parent=T-PAGE&page=0&size=2>; rel=\"first\", "
                        + "</api/v1/entities?kind=REGION&parent=T-PAGE&page=0&size=2>; rel=\"prev\", "
                        + "</api/v1/entities?kind=REGION&parent=T-PAGE&page=2&size=2>; rel=\"next\", "
                        + "</api/v1/entities?kind=REGION&parent=T-PAGE&page=2&size=2>; rel=\"last\"");
        assertThat(api.get("/api/v1/entities?parent=T-PAGE&kind=REGION&size=2&page=3").body()).isEmpty();

        assertThat(ids(api.get("/api/v1/entities?parent=T-PAGE&q=robot"))).containsExactly("T-PAGE-E");
        assertThat(ids(api.get("/api/v1/entities?q=210103"))).containsExactly("T-PAGE-3");

        Response children = api.get("/api/v1/entities/T-PAGE/children");
        assertThat(ids(children)).containsExactly("T-PAGE-1", "T-PAGE-2", "T-PAGE-3", "T-PAGE-4", "T-PAGE-5", "T-PAGE-E");
        assertThat(children.header("X-Total-Count")).isEqualTo("6");
        assertThat(ids(api.get("/api/v1/entities/T-PAGE-1/children"))).isEmpty();
        assertThat(api.get("/api/v1/entities/T-NONE/children").status()).isEqualTo(HttpStatus.NOT_FOUND.value());

        Response provinces = api.get("/api/v1/entities?cohort=CN-PROVINCES&size=10&page=3");
        assertThat(ids(provinces)).containsExactly("CN-65");
        assertThat(provinces.header("X-Total-Count")).isEqualTo("31");
    }

    @Test
    void should_AnswerBadPagingAndUnknownFiltersWithProblems() {
        Response bad = api.get("/api/v1/entities?page=-1&size=5000&kind=PLANET");
        assertThat(bad.status()).isEqualTo(HttpStatus.BAD_REQUEST.value());
        assertThat(bad.problemJson()).isTrue();
        List<String> fields = new ArrayList<>();
        bad.body().path("errors").forEach(e -> fields.add(e.path("field").asString()));
        assertThat(fields).containsExactly("page", "size", "kind");
        assertThat(api.get("/api/v1/entities?cohort=NO-COHORT").status()).isEqualTo(HttpStatus.NOT_FOUND.value());
        assertThat(api.get("/api/v1/entities?parent=NO-ENTITY").status()).isEqualTo(HttpStatus.NOT_FOUND.value());
    }

    @Test
    void should_RefuseTheCohortNamingTheField_When_ItsDescriptionIsOverLong() {
        Response essay = api.post("/api/v1/cohorts", "{\"code\": \"T-ESSAY\", \"nameEn\": \"x\", \"description\": \""
                + "d".repeat(2001) + "\", \"members\": []}");

        assertThat(essay.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT.value());
        assertThat(essay.body().path("errors").get(0).path("field").asString()).isEqualTo("description");
        assertThat(essay.body().path("errors").get(0).path("detail").asString()).contains("at most 2000");
        assertThat(registry.cohort("T-ESSAY")).isEmpty();
        assertThat(api.post("/api/v1/cohorts", "{\"code\": \"T-ESSAY\", \"nameEn\": \"x\", \"description\": \""
                + "d".repeat(2000) + "\", \"members\": []}").status()).isEqualTo(HttpStatus.CREATED.value());
    }

    @Test
    void should_AddAndRemoveCohortMembers() {
        register("T-COH-1", "ENTERPRISE", "COH-1", "Peer one", null);
        register("T-COH-2", "ENTERPRISE", "COH-2", "Peer two", null);
        assertThat(api.post("/api/v1/cohorts",
                "{\"code\": \"T-PEERS\", \"nameEn\": \"Test peers\", \"members\": [\"T-COH-1\"]}").status())
                .isEqualTo(HttpStatus.CREATED.value());

        Response added = api.put("/api/v1/cohorts/T-PEERS/members/T-COH-2", null);
        assertThat(added.status()).isEqualTo(HttpStatus.OK.value());
        assertThat(strings(added.body().path("members"))).containsExactly("T-COH-1", "T-COH-2");
        assertThat(api.put("/api/v1/cohorts/T-PEERS/members/T-COH-2", null).status()).isEqualTo(HttpStatus.OK.value());
        assertThat(registry.cohort("T-PEERS").orElseThrow().members()).containsExactly("T-COH-1", "T-COH-2");
        assertThat(registry.find("T-COH-2").orElseThrow().cohorts()).containsExactly("T-PEERS");

        assertThat(api.delete("/api/v1/cohorts/T-PEERS/members/T-COH-1").status())
                .isEqualTo(HttpStatus.NO_CONTENT.value());
        assertThat(registry.cohort("T-PEERS").orElseThrow().members()).containsExactly("T-COH-2");
        assertThat(registry.find("T-COH-1").orElseThrow().cohorts()).isEmpty();

        Response again = api.delete("/api/v1/cohorts/T-PEERS/members/T-COH-1");
        assertThat(again.status()).isEqualTo(HttpStatus.NOT_FOUND.value());
        assertThat(again.body().path("detail").asString()).contains("T-COH-1", "T-PEERS");
        assertThat(api.put("/api/v1/cohorts/T-PEERS/members/T-NOBODY", null).status())
                .isEqualTo(HttpStatus.NOT_FOUND.value());
        assertThat(api.put("/api/v1/cohorts/NO-COHORT/members/T-COH-1", null).status())
                .isEqualTo(HttpStatus.NOT_FOUND.value());

        Response badCohort = api.post("/api/v1/cohorts",
                "{\"code\": \"T-PEERS-2\", \"nameEn\": \"x\", \"members\": [\"T-COH-1\", \"T-NOBODY\"]}");
        assertThat(badCohort.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT.value());
        assertThat(badCohort.body().path("errors").get(0).path("field").asString()).isEqualTo("members[1]");
        assertThat(registry.cohort("T-PEERS-2")).isEmpty();

        Response membershipByPut = api.put("/api/v1/entities/T-COH-1",
                "{\"code\": \"COH-1\", \"nameEn\": \"Peer one\", \"cohorts\": [\"T-PEERS\"]}");
        assertThat(membershipByPut.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT.value());
        assertThat(membershipByPut.body().path("errors").get(0).path("field").asString()).isEqualTo("cohorts");
    }

    // --- helpers

    private void assertInvalid(String body, String field, String detail) {
        Response r = api.post("/api/v1/entities", body);
        assertThat(r.status()).as(body).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT.value());
        assertThat(r.problemJson()).isTrue();
        assertThat(r.body().path("errors").get(0).path("field").asString()).as(body).isEqualTo(field);
        assertThat(r.body().path("errors").get(0).path("detail").asString()).as(body).contains(detail);
    }

    private Response register(String id, String kind, String code, String name, String parent) {
        Response r = api.post("/api/v1/entities", entity(id, kind, code, name, parent));
        return r;
    }

    private static String entity(String id, String kind, String code, String name, String parent) {
        return "{\"id\": \"" + id + "\", \"kind\": \"" + kind + "\", \"code\": \"" + code + "\", \"nameEn\": \"" + name
                + "\"" + (parent == null ? "" : ", \"parentId\": \"" + parent + "\"") + "}";
    }

    private static List<String> ids(Response r) {
        List<String> ids = new ArrayList<>();
        r.body().forEach(e -> ids.add(e.path("id").asString()));
        return ids;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.asString()));
        return out;
    }
}

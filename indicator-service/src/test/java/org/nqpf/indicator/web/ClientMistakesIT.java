package org.nqpf.indicator.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nqpf.testsupport.ApiClient;
import org.nqpf.testsupport.ServiceTest;
import org.nqpf.web.ProblemTypes;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/** A client's mistakes get a 4xx problem in the platform's vocabulary: its type base and its field-error shape. */
@ServiceTest
class ClientMistakesIT {

    @Autowired
    ApiClient api;

    @Test
    void should_NameEachWrongQueryParameter_When_PagingIsOutOfRange() {
        Problem p = send(HttpMethod.GET, "/api/v1/entities?page=-1&size=0", null, null);

        assertThat(p.status()).isEqualTo(400);
        assertThat(p.type()).isEqualTo(ProblemTypes.BASE + "invalid-query");
        assertThat(p.fields()).containsExactly("page", "size");
        assertThat(p.body().path("errors").get(0).path("detail").asString()).contains("negative");
    }

    @Test
    void should_NameTheParameterAndItsValue_When_ItIsNotANumber() {
        Problem p = send(HttpMethod.GET, "/api/v1/entities?page=first", null, null);

        assertThat(p.status()).isEqualTo(400);
        assertThat(p.type()).isEqualTo(ProblemTypes.BASE + "invalid-request");
        assertThat(p.fields()).containsExactly("page");
        assertThat(p.body().path("errors").get(0).path("rejectedValue").asString()).isEqualTo("first");
    }

    /** Spring alone would read 0x10 and #10 as 16: a client writing those did not mean the page it would get. */
    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/entities?page=0x10", "/api/v1/entities?size=0x10", "/api/v1/entities?page=%2310",
            "/api/v1/entities/CN/children?size=0X10", "/api/v1/imports?limit=0x10",
            "/api/v1/observations?entity=CN-11&limit=0x10",
            "/api/v1/imports/00000000-0000-0000-0000-000000000000/rejections?offset=0x10",
            "/api/v1/frameworks/NQPF-AI/versions/0x1"})
    void should_NameTheParameter_When_ANumberIsNotDecimal(String path) {
        Problem p = send(HttpMethod.GET, path, null, null);

        assertThat(p.status()).isEqualTo(400);
        assertThat(p.type()).isEqualTo(ProblemTypes.BASE + "invalid-request");
        assertThat(p.body().path("errors").get(0).path("detail").asString()).contains("decimal");
    }

    @Test
    void should_Answer400_When_TheBodyIsNotJson() {
        Problem p = send(HttpMethod.POST, "/api/v1/entities", MediaType.APPLICATION_JSON, "{\"id\": ");

        assertThat(p.status()).isEqualTo(400);
        assertThat(p.type()).isEqualTo(ProblemTypes.BASE + "unreadable-body");
    }

    @Test
    void should_NameTheField_When_TheBodyHasAValueOfTheWrongShape() {
        Problem p = send(HttpMethod.POST, "/api/v1/entities", MediaType.APPLICATION_JSON,
                "{\"id\": \"T-SHAPE\", \"kind\": \"REGION\", \"cohorts\": \"not-a-list\"}");

        assertThat(p.status()).isEqualTo(400);
        assertThat(p.type()).isEqualTo(ProblemTypes.BASE + "unreadable-body");
        assertThat(p.fields()).containsExactly("cohorts");
    }

    @Test
    void should_AnswerWithTheStatusType_When_PathMethodOrMediaTypeIsWrong() {
        Problem unknownPath = send(HttpMethod.GET, "/api/v1/no-such-thing", null, null);
        assertThat(unknownPath.status()).isEqualTo(404);
        assertThat(unknownPath.type()).isEqualTo(ProblemTypes.BASE + "not-found");

        Problem unknownEntity = send(HttpMethod.GET, "/api/v1/entities/T-NOBODY", null, null);
        assertThat(unknownEntity.status()).isEqualTo(404);
        assertThat(unknownEntity.type()).isEqualTo(ProblemTypes.BASE + "not-found");
        assertThat(unknownEntity.body().path("detail").asString()).isEqualTo("no entity T-NOBODY");

        Problem wrongMethod = send(HttpMethod.DELETE, "/api/v1/frameworks", null, null);
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.type()).isEqualTo(ProblemTypes.BASE + "method-not-allowed");

        Problem wrongType = send(HttpMethod.POST, "/api/v1/entities", MediaType.APPLICATION_XML, "<entity/>");
        assertThat(wrongType.status()).isEqualTo(415);
        assertThat(wrongType.type()).isEqualTo(ProblemTypes.BASE + "unsupported-media-type");
    }

    @Test
    void should_ListRejectedRowsInTheFieldErrorShape_When_NoObservationOfABatchIsValid() {
        Problem p = send(HttpMethod.POST, "/api/v1/observations", MediaType.APPLICATION_JSON, """
                {"observations": [{"entity": "CN-11", "indicator": "NO_SUCH_INDICATOR", "period": "2041",
                                   "value": 1, "source": "test"}]}""");

        assertThat(p.status()).isEqualTo(422);
        assertThat(p.type()).isEqualTo(ProblemTypes.BASE + "invalid-batch");
        JsonNode error = p.body().path("errors").get(0);
        assertThat(error.path("row").asInt()).isEqualTo(1);
        assertThat(error.path("field").asString()).isEqualTo("indicator");
        assertThat(error.path("detail").asString()).contains("NO_SUCH_INDICATOR");
    }

    record Problem(int status, String type, JsonNode body) {

        List<String> fields() {
            List<String> fields = new ArrayList<>();
            body.path("errors").forEach(e -> fields.add(e.path("field").asString()));
            return fields;
        }
    }

    private Problem send(HttpMethod method, String path, MediaType type, String body) {
        ApiClient.Request request = api.request(method.name(), path);
        if (body != null) {
            request.body(type.toString(), body);
        }
        ApiClient.Response response = request.send();
        assertThat(response.problemJson()).as(method + " " + path + " answers problem+json").isTrue();
        return new Problem(response.status(), response.body().path("type").asString(), response.body());
    }
}

package org.nqpf.roadmap.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nqpf.testsupport.ApiClient;
import org.nqpf.testsupport.ApiClient.Response;
import org.nqpf.testsupport.ServiceTest;
import org.nqpf.web.ProblemTypes;
import org.springframework.beans.factory.annotation.Autowired;

/** A client's mistakes get a 4xx problem in the platform's vocabulary: its type base and its field-error shape. */
@ServiceTest
class ClientMistakesIT {

    @Autowired
    ApiClient api;

    @Test
    void should_NameTheFilterAndItsValue_When_AFilterValueIsUnknown() {
        Response r = api.get("/api/v1/actions?system=CLOSED_INNOVATION");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.body().path("type").asString()).isEqualTo(ProblemTypes.BASE + "invalid-request");
        assertThat(r.body().path("errors").get(0).path("field").asString()).isEqualTo("system");
        assertThat(r.body().path("errors").get(0).path("rejectedValue").asString()).isEqualTo("CLOSED_INNOVATION");
    }

    @Test
    void should_NameTheVersion_When_ItIsNotANumber() {
        Response r = api.get("/api/v1/roadmaps/anyone/versions/latest");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().path("type").asString()).isEqualTo(ProblemTypes.BASE + "invalid-request");
        assertThat(r.body().path("errors").get(0).path("field").asString()).isEqualTo("version");
    }

    @Test
    void should_AnswerNotFoundType_When_NothingIsThere() {
        Response action = api.get("/api/v1/actions/NO-SUCH-1");
        assertThat(action.status()).isEqualTo(404);
        assertThat(action.body().path("type").asString()).isEqualTo(ProblemTypes.BASE + "not-found");

        Response roadmap = api.get("/api/v1/roadmaps/nobody-at-all");
        assertThat(roadmap.status()).isEqualTo(404);
        assertThat(roadmap.body().path("type").asString()).isEqualTo(ProblemTypes.BASE + "not-found");

        Response path = api.get("/api/v1/no-such-resource");
        assertThat(path.status()).isEqualTo(404);
        assertThat(path.contentType()).startsWith("application/problem+json");
        assertThat(path.body().path("type").asString()).isEqualTo(ProblemTypes.BASE + "not-found");
    }
}

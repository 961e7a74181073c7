package org.nqpf.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nqpf.testsupport.ApiClient.Response;
import org.nqpf.web.ProblemTypes;

/** A client's mistakes get a 4xx problem in the platform's vocabulary: its type base and its field-error shape. */
class ClientMistakesIT extends IntegrationTest {

    @Test
    void should_NameTheParameterAndItsValue_When_PeriodIsNoYear() {
        Response r = api.get("/api/v1/assessments/anyone?period=last");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.body().path("type").asString()).isEqualTo(ProblemTypes.BASE + "invalid-request");
        assertThat(r.body().path("errors").get(0).path("field").asString()).isEqualTo("period");
        assertThat(r.body().path("errors").get(0).path("rejectedValue").asString()).isEqualTo("last");
        assertThat(r.body().path("errors").get(0).path("detail").asString()).contains("YYYY");
    }

    @Test
    void should_NameTheParameter_When_ANumberIsNotANumber() {
        Response r = api.get("/api/v1/assessments/anyone/uncertainty?runs=many");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().path("type").asString()).isEqualTo(ProblemTypes.BASE + "invalid-request");
        assertThat(r.body().path("errors").get(0).path("field").asString()).isEqualTo("runs");
        assertThat(r.body().path("errors").get(0).path("rejectedValue").asString()).isEqualTo("many");
    }

    @Test
    void should_AnswerNotFoundType_When_EntityHasNoAssessmentOrPathIsUnknown() {
        Response missing = api.get("/api/v1/assessments/nobody-" + unique());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body().path("type").asString()).isEqualTo(ProblemTypes.BASE + "not-found");

        Response unknownPath = api.get("/api/v1/no-such-resource");
        assertThat(unknownPath.status()).isEqualTo(404);
        assertThat(unknownPath.contentType()).startsWith("application/problem+json");
        assertThat(unknownPath.body().path("type").asString()).isEqualTo(ProblemTypes.BASE + "not-found");
    }

    @Test
    void should_NameTheProfileField_When_AProfileBreaksTheRules() {
        // zscore is unbounded: refused before anything is stored
        Response r = api.put("/api/v1/profiles/T-" + unique(), "{\"normalise\": {\"method\": \"zscore\"}}");

        assertThat(r.status()).isEqualTo(422);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.body().path("type").asString()).isEqualTo(ProblemTypes.BASE + "invalid-profile");
        assertThat(r.body().path("errors").get(0).path("field").asString()).isEqualTo("normalise.method");
    }
}

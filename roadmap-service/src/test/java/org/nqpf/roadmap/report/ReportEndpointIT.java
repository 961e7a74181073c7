package org.nqpf.roadmap.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nqpf.testsupport.ApiClient;
import org.nqpf.testsupport.ApiClient.Response;
import org.nqpf.testsupport.ServiceTest;
import org.nqpf.web.ProblemTypes;
import org.springframework.beans.factory.annotation.Autowired;

/** The report endpoint in the running service: its mistakes and its misses are problems in the platform's terms. */
@ServiceTest
class ReportEndpointIT {

    @Autowired
    ApiClient api;

    @Test
    void should_AnswerNotFoundProblem_When_TheEntityHasNoRoadmap() {
        Response r = api.request("GET", "/api/v1/roadmaps/nobody-at-all/report?format=html").send();

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.body().path("type").asString()).isEqualTo(ProblemTypes.BASE + "not-found");
        assertThat(r.body().path("detail").asString()).contains("nobody-at-all");
    }

    @Test
    void should_NameTheParameter_When_TheLanguageIsUnknown() {
        Response r = api.get("/api/v1/roadmaps/nobody-at-all/report?lang=de");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.body().path("type").asString()).isEqualTo(ProblemTypes.BASE + "invalid-request");
        assertThat(r.body().path("errors").get(0).path("field").asString()).isEqualTo("lang");
    }

    @Test
    void should_NameTheParameter_When_TheFormatIsUnknown() {
        Response r = api.get("/api/v1/roadmaps/nobody-at-all/report?format=docx");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().path("errors").get(0).path("field").asString()).isEqualTo("format");
        assertThat(r.body().path("errors").get(0).path("rejectedValue").asString()).isEqualTo("docx");
    }
}

package org.nqpf.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class FieldErrorTest {

    @Test
    void should_SplitPathAndDetail_When_MessageStartsWithAPath() {
        assertThat(FieldError.parse("weights.subjective.method: ahp needs a matrix", "body"))
                .isEqualTo(new FieldError("weights.subjective.method", "ahp needs a matrix"));
    }

    @Test
    void should_BlameTheFallbackField_When_MessageNamesNoPath() {
        assertThat(FieldError.parse("the profile is not JSON: line 1", "body"))
                .isEqualTo(new FieldError("body", "the profile is not JSON: line 1"));
    }

    @Test
    void should_ListEveryFieldInTheDetail_When_InputIsInvalid() {
        InvalidInputException e = new InvalidInputException("invalid-entity", "Invalid entity",
                List.of(new FieldError("id", "required"), FieldError.inRow(3, "value", "not a number")));

        assertThat(e.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(e.getBody().getType()).hasToString("https://nqpf.org/problems/invalid-entity");
        assertThat(e.getBody().getDetail()).isEqualTo("id: required; row 3, value: not a number");
        assertThat(e.getBody().getProperties()).containsEntry("errors", e.errors());
    }

    @Test
    void should_NameTheStatus_When_ProblemIsNoMoreThanItsStatus() {
        assertThat(ProblemTypes.forStatus(HttpStatus.METHOD_NOT_ALLOWED))
                .hasToString(ProblemTypes.BASE + "method-not-allowed");
        assertThat(ProblemTypes.forStatus(HttpStatus.CONTENT_TOO_LARGE)).hasToString(ProblemTypes.BASE + "request-too-large");
        assertThat(ProblemTypes.orForStatus(java.net.URI.create("about:blank"), HttpStatus.NOT_FOUND))
                .hasToString(ProblemTypes.BASE + "not-found");
    }
}

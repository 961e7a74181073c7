package org.nqpf.web.servlet;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nqpf.web.StrictJson;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

class StrictJsonHttpMessageConverterTest {

    record Draft(Integer from, String name) {
    }

    @RestController
    static class Drafts {

        /** As the versions endpoints: every field optional, and no body means a copy of the latest. */
        @PostMapping("/drafts")
        String create(@RequestBody(required = false) Draft draft) {
            return draft == null ? "defaults" : "from " + draft.from() + " named " + draft.name();
        }

        @PostMapping("/required")
        String required(@RequestBody Draft draft) {
            return "from " + draft.from();
        }

        /** As a method profile: the body kept as its author wrote it. */
        @PostMapping("/text")
        Draft text(@RequestBody String body) {
            return new Draft(body.length(), body);
        }
    }

    // the app's mapper writes a problem's properties (its errors) at the top level, as Boot configures it
    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Drafts())
            .setMessageConverters(new StrictJsonHttpMessageConverter(StrictJson.forRequests(JsonMapper.builder()
                    .addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class).build())))
            .setControllerAdvice(new ProblemAdvice()).build();

    @Test
    void should_TakeTheDefaults_When_AnOptionalBodyIsLeftOut() throws Exception {
        mvc.perform(post("/drafts").contentType(MediaType.APPLICATION_JSON)).andExpect(status().isOk())
                .andExpect(content().string("\"defaults\""));
        mvc.perform(post("/drafts").contentType(MediaType.APPLICATION_JSON).content("{}")).andExpect(status().isOk())
                .andExpect(content().string("\"from null named null\""));
    }

    @Test
    void should_GiveTheBodyAsSent_When_TheEndpointTakesItAsText() throws Exception {
        String sent = "{ \"weights\" : {\"method\": \"equal\"},\n  \"name\": \"\u00e9\" }";
        mvc.perform(post("/text").contentType(MediaType.APPLICATION_JSON).content(sent)).andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value(sent));
    }

    /** Text is no way around the rules: what a typed body is refused for, a body taken as text is refused for too. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"{\"a\": 1} trailing|", "{\"a\": 1} }|", "{\"a\": 1, \"a\": 2}|",
            "{\"a\": {\"b\": \"x\\u0000\"}}|a.b", "{\"a\": [\"\\ud800\"]}|a[0]", "{\"\\u0000\": 1}|\\u0000",
            "{\"a\": 1e400}|a", "null|", "{\"a\" 1}|"})
    void should_Answer400_When_ATextBodyBreaksTheRulesOfJson(String body, String field) throws Exception {
        var result = mvc.perform(post("/text").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        if (field != null) {
            result.andExpect(jsonPath("$.errors[0].field").value(field));
        }
    }

    @Test
    void should_SayWhereItBroke_When_ATextBodyIsNoJson() throws Exception {
        mvc.perform(post("/text").contentType(MediaType.APPLICATION_JSON).content("{\"normalise\": "))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("at line 1, column")));
    }

    @Test
    void should_Answer400_When_ATextBodyIsNotUtf8() throws Exception {
        mvc.perform(post("/text").contentType(MediaType.APPLICATION_JSON)
                .content(new byte[]{'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'}))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("UTF-8")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/drafts", "/required"})
    void should_Answer400SayingWhy_When_TheBodyIsJsonNull(String path) throws Exception {
        mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON).content(" null ")).andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("JSON null")));
    }
}

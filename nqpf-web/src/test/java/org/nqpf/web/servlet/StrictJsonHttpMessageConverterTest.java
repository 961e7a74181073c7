package org.nqpf.web.servlet;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nqpf.web.StrictJson;
import org.springframework.http.MediaType;
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
    }

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Drafts())
            .setMessageConverters(new StrictJsonHttpMessageConverter(StrictJson.forRequests(JsonMapper.builder().build())))
            .setControllerAdvice(new ProblemAdvice()).build();

    @Test
    void should_TakeTheDefaults_When_AnOptionalBodyIsLeftOut() throws Exception {
        mvc.perform(post("/drafts").contentType(MediaType.APPLICATION_JSON)).andExpect(status().isOk())
                .andExpect(content().string("\"defaults\""));
        mvc.perform(post("/drafts").contentType(MediaType.APPLICATION_JSON).content("{}")).andExpect(status().isOk())
                .andExpect(content().string("\"from null named null\""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/drafts", "/required"})
    void should_Answer400SayingWhy_When_TheBodyIsJsonNull(String path) throws Exception {
        mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON).content(" null ")).andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("JSON null")));
    }
}

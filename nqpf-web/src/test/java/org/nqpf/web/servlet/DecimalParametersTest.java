package org.nqpf.web.servlet;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.format.support.DefaultFormattingConversionService;
import org.springframework.format.support.FormattingConversionService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

class DecimalParametersTest {

    @RestController
    static class Paging {

        @GetMapping("/items")
        String items(@RequestParam(defaultValue = "0") int page, @RequestParam(required = false) Integer version,
                @RequestParam(defaultValue = "1") long seed, @RequestParam(defaultValue = "0") double at) {
            return page + " " + version + " " + seed + " " + at;
        }

        @GetMapping("/items/{id}")
        String item(@PathVariable int id) {
            return String.valueOf(id);
        }
    }

    private final MockMvc mvc;

    DecimalParametersTest() {
        FormattingConversionService conversions = new DefaultFormattingConversionService();
        DecimalParameters.register(conversions);
        mvc = MockMvcBuilders.standaloneSetup(new Paging()).setConversionService(conversions)
                .setControllerAdvice(new ProblemAdvice(), new DecimalParameters.Binding()).build();
    }

    /** What Spring alone would read as numbers: hexadecimal, '#' hexadecimal, exponents, Java's suffixes. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"/items?page=0x10|page", "/items?page=%2310|page", "/items?page=0X10|page",
            "/items?version=0x1|version", "/items?seed=0x10|seed", "/items?page=1e1|page", "/items?page=1.0|page",
            "/items?at=0x1p3|at", "/items?at=NaN|at", "/items?at=Infinity|at", "/items?at=1d|at", "/items/0x10|id",
            "/items/%2310|id"})
    void should_Answer400NamingTheParameter_When_ANumberIsNotInDecimalNotation(String path, String parameter)
            throws Exception {
        mvc.perform(get(path)).andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.errors[0].field").value(parameter))
                .andExpect(jsonPath("$.errors[0].detail").value(org.hamcrest.Matchers.containsString("decimal")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/items?page=99999999999", "/items?version=-2147483649", "/items?at=1e400"})
    void should_Answer400_When_ANumberIsBeyondTheParametersRange(String path) throws Exception {
        mvc.perform(get(path)).andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"/items?page=16|16 null 1 0.0", "/items?page=+3&version=-2|3 -2 1 0.0",
            "/items?seed=9000000000&at=-1.5e2|0 null 9000000000 -150.0", "/items/16|16"})
    void should_ReadTheNumber_When_ItIsInDecimalNotation(String path, String read) throws Exception {
        mvc.perform(get(path)).andExpect(status().isOk()).andExpect(content().string(read));
    }
}

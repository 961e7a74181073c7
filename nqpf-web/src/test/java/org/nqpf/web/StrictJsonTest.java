package org.nqpf.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

class StrictJsonTest {

    record Body(String code, Double value, Integer count, List<String> members, Map<String, Double> values) {
    }

    private final JsonMapper strict = StrictJson.forRequests(JsonMapper.builder().build());

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"code\": \"A\", \"code\": \"B\"}|code",
            "{\"code\": \"A\", \"colour\": 1}|colour",
            "{\"code\": 2023}|code",
            "{\"code\": true}|code",
            "{\"code\": {}}|code",
            "{\"value\": \"1.5\"}|value",
            "{\"value\": 1e400}|value",
            "{\"count\": 1.5}|count",
            "{\"count\": \"3\"}|count",
            "{\"code\": \"CN\\u0000\"}|code",
            "{\"code\": \"x\\ud800y\"}|code",
            "{\"members\": [\"\\udc00\"]}|members",
            "{\"values\": {\"RD\\u0000\": 1}}|values",
            "{\"code\": \"A\"} trailing|",
    })
    void should_RefuseWithTheFieldsPath_When_TheBodyIsAmbiguousOrUnstorable(String json, String field) {
        assertThatThrownBy(() -> strict.readValue(json, Body.class)).isInstanceOf(JacksonException.class)
                .satisfies(e -> {
                    // where: the path of the field when the parser has one, else its message names it
                    if (field != null) {
                        assertThat(e.getMessage() + ((JacksonException) e).getPath()).contains(field);
                    }
                });
    }

    @Test
    void should_ReadAValidBody_AsTheLenientMapperWould() {
        Body body = strict.readValue("{\"code\": \"上海 \uD83D\uDE00\", \"value\": 2.5, \"count\": 3, \"members\":"
                + " [\"CN-11\"], \"values\": {\"RD\": -1e3}}", Body.class);
        assertThat(body).isEqualTo(new Body("上海 \uD83D\uDE00", 2.5, 3, List.of("CN-11"), Map.of("RD", -1000.0)));
    }

    @Test
    void should_NameWhatPostgresqlCannotStore() {
        assertThat(StrictJson.unstorable("ok \uD83D\uDE00")).isNull();
        assertThat(StrictJson.unstorable("a\u0000")).contains("NUL");
        assertThat(StrictJson.unstorable("\uD800x")).contains("lone surrogate");
        assertThat(StrictJson.unstorable("x\uDC00")).contains("lone surrogate");
    }

    @Test
    void should_EscapeOnlyWhatPostgresqlCannotStore_When_TextQuotingAClientIsMadeStorable() {
        assertThat(StrictJson.storable("上海 \uD83D\uDE00")).isEqualTo("上海 \uD83D\uDE00");
        assertThat(StrictJson.storable("a\u0000b\uD800c\uDC00")).isEqualTo("a\\u0000b\\ud800c\\udc00");
        assertThat(StrictJson.unstorable(StrictJson.storable("\u0000\uD800"))).isNull();
        assertThat(StrictJson.storable(null)).isNull();
    }
}

package org.nqpf.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class RedactionTest {

    private final JsonMapper json = JsonMapper.builder().build();

    private final Redaction redaction = Redaction.builder()
            .visible("CN-1", "Alpha", "甲")
            .hidden("CN-11", "Beta Works", "乙公司")
            .hidden("CN-99", "Outsider")
            .ranking(List.of("CN-11", "CN-1", "CN-12"))
            .build();

    @Test
    void should_LabelHiddenEntitiesByTheirPlaceInTheRanking_And_NumberOthersAfterIt() {
        assertThat(redaction.label("CN-11")).isEqualTo("peer-1");
        assertThat(redaction.label("CN-12")).isEqualTo("peer-3");
        assertThat(redaction.label("CN-99")).isEqualTo("peer-4");
        assertThat(redaction.label("CN-1")).isNull();
        assertThat(redaction.hides("CN-1")).isFalse();
    }

    @Test
    void should_ReplaceIdsAndNamesInSentences_AsWholeTokens_AndInChineseText() {
        assertThat(redaction.text("CN-1 trails CN-11 (Beta Works) and CN-110."))
                .isEqualTo("CN-1 trails peer-1 (peer-1) and CN-110.");
        assertThat(redaction.text("参照CN-11与乙公司的水平")).isEqualTo("参照peer-1与peer-1的水平");
        assertThat(redaction.text("Alpha and 甲 stay")).isEqualTo("Alpha and 甲 stay");
    }

    @Test
    void should_TurnAHiddenEntityIdMemberIntoAPeer_And_RedactValuesAndKeys() {
        JsonNode tree = json.readTree("""
                {"entityId": "CN-1", "ranking": [{"entityId": "CN-11", "rank": 1}, {"entityId": "CN-1", "rank": 2}],
                 "leaderEntityId": "CN-12", "peers": {"CN-11": 0.5}, "text": "behind CN-12"}""");
        JsonNode out = redaction.apply(tree);
        assertThat(out.toString()).isEqualTo("""
                {"entityId":"CN-1","ranking":[{"peer":"peer-1","rank":1},{"entityId":"CN-1","rank":2}],\
                "leaderEntityId":"peer-3","peers":{"peer-1":0.5},"text":"behind peer-3"}""");
        assertThat(redaction.applyInPlace(tree).path("ranking").get(0).path("entityId").asString())
                .isEqualTo("peer-1");
        // A tree redacted in place, redacted again as an answer: the labels become peers too.
        assertThat(redaction.apply(redaction.applyInPlace(tree)).toString()).isEqualTo(out.toString());
    }

    @Test
    void should_ChangeNothing_When_NothingIsHidden() {
        Redaction none = Redaction.builder().visible("CN-1").ranking(List.of("CN-1")).build();
        assertThat(none.active()).isFalse();
        assertThat(none.text("CN-1")).isEqualTo("CN-1");
    }
}

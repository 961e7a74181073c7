package org.nqpf.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Data that are already normalised, through {@code ./nqpf assess} with {@code "normalise": {"method": "none"}}: the
 * coupling coordination is read on the scale the data lie on, never on a [0, 100] it does not have.
 * <p>
 * Worked by hand: two indicators in one dimension, L1 on the AI side and L2 on the NQPF side, equal weights,
 * arithmetic means. Unit A has L1 = 0.2 and L2 = 0.8 on [0, 1], so U_AI = 0.2 and U_NQPF = 0.8:
 * C = 2√(0.2 · 0.8) / (0.2 + 0.8) = 0.8, T = (0.2 + 0.8) / 2 = 0.5, D = √(C · T) = √0.4 = 0.632456 (primary
 * coordination, 0.6-0.7), the AI side lagging. Unit B has 0.5 and 0.5: C = 1, T = 0.5, D = √0.5 = 0.707107
 * (intermediate coordination, 0.7-0.8). Before the fix the values were read as 0.2 and 0.8 out of 100, so
 * T = 0.005 and every unit was graded extreme imbalance.
 */
class NormalisedInputTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "range {0} on data scaled by {1}")
    @CsvSource(delimiter = '|', value = {
            "\"range\": [0, 1]|1",
            "\"range\": [0, 100]|100",
            "\"over\": \"period\"|1"}) // no declared range: data inside [0, 1] are read on [0, 1]
    void should_ComputeCouplingOnTheDeclaredScale_When_TheDataAreAlreadyNormalised(String range, double scale)
            throws IOException {
        JsonNode doc = assess("{\"normalise\": {\"method\": \"none\", " + range + "}, \"weights\": {\"method\": "
                + "\"equal\"}}", scale);
        JsonNode a = CommandRun.unit(doc, "A").get("coupling");
        assertThat(a.get("C").asDouble()).isCloseTo(0.8, within(1e-12));
        assertThat(a.get("T").asDouble()).isCloseTo(0.5, within(1e-12));
        assertThat(a.get("D").asDouble()).isCloseTo(Math.sqrt(0.4), within(1e-12));
        assertThat(a.get("grade").asText()).isEqualTo("PRIMARY_COORDINATION");
        assertThat(a.get("lagging").asText()).isEqualTo("AI");
        JsonNode b = CommandRun.unit(doc, "B").get("coupling");
        assertThat(b.get("C").asDouble()).isCloseTo(1, within(1e-12));
        assertThat(b.get("D").asDouble()).isCloseTo(Math.sqrt(0.5), within(1e-12));
        assertThat(b.get("grade").asText()).isEqualTo("INTERMEDIATE_COORDINATION");
        // obstacles on the same scale: A's deviations 0.8 and 0.2 at half weight each
        assertThat(CommandRun.unit(doc, "A").get("obstacles").get("indicators").get("L1").asDouble()).isCloseTo(80, within(1e-9));
        assertThat(doc.get("scoreRange").get(1).asDouble()).isEqualTo(scale == 100 ? 100 : 1);
    }

    @Test
    void should_RefuseCoupling_When_NoRangeIsDeclaredAndTheDataLeaveTheUnitInterval() throws IOException {
        CommandRun run = run("{\"normalise\": {\"method\": \"none\"}}", 100);
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("normalise.method none has no declared range and the data leave [0, 1]")
                .contains("declared range").contains("normalise.range");
        assertThat(run.out()).isEmpty();
    }

    private JsonNode assess(String profile, double scale) throws IOException {
        return run(profile, scale).json();
    }

    private CommandRun run(String profile, double scale) throws IOException {
        Path meta = Files.writeString(dir.resolve("meta.csv"), """
                Level,iCode,iName,Direction,Weight,Parent,Type,Subsystem
                1,L1,AI talent,1,1,LABORERS,Indicator,AI
                1,L2,Productivity,1,1,LABORERS,Indicator,NQPF
                2,LABORERS,Laborers,,1,OVERALL,Aggregate,
                3,OVERALL,Overall,,1,,Aggregate,
                """);
        Path data = Files.writeString(dir.resolve("data.csv"), "uCode,L1,L2\nA," + 0.2 * scale + "," + 0.8 * scale
                + "\nB," + 0.5 * scale + "," + 0.5 * scale + "\n");
        Path p = Files.writeString(dir.resolve("profile.json"), profile);
        return CommandRun.of("--meta", meta.toString(), "--data", data.toString(), "--profile", p.toString());
    }
}

package org.nqpf.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The frontier and progress sections of a profile through {@code ./nqpf assess}, as its JSON output states them. */
class FrontierAndProgressCommandTest {

    @TempDir
    Path dir;

    /** Cooper, Seiford & Tone's hospitals (see DeaTest): C against B and D, J against D alone. */
    @Test
    void should_AddEachUnitsFrontier_When_TheProfileHasAFrontierSection() throws IOException {
        Path meta = Files.writeString(dir.resolve("meta.csv"), """
                Level,iCode,iName,Direction,Weight,Parent,Type
                1,DOC,Doctors,-1,1,H,Indicator
                1,NUR,Nurses,-1,1,H,Indicator
                1,OUT,Outpatients,1,1,H,Indicator
                1,INP,Inpatients,1,1,H,Indicator
                2,H,Hospital,,1,,Aggregate
                """);
        Path data = Files.writeString(dir.resolve("data.csv"), """
                uCode,DOC,NUR,OUT,INP
                A,20,151,100,90
                B,19,131,150,50
                C,25,160,160,55
                D,27,168,180,72
                E,22,158,94,66
                F,55,255,230,90
                G,33,235,220,88
                H,31,206,152,80
                I,30,244,190,100
                J,50,268,250,100
                K,53,306,260,147
                L,38,284,250,120
                """);
        JsonNode doc = run(meta, data, """
                {"frontier": {"model": "ccr", "orientation": "input", "inputs": ["DOC", "NUR"], "outputs": ["OUT", "INP"]}}""");
        JsonNode c = CommandRun.unit(doc, "C").get("frontier");
        assertThat(c.get("efficiency").asDouble()).isCloseTo(0.88270833, within(1e-6));
        assertThat(c.get("peers").get("B").asDouble()).isCloseTo(0.9, within(1e-6));
        assertThat(c.get("peers").get("D").asDouble()).isCloseTo(0.13888889, within(1e-6));
        assertThat(c.get("peers").size()).isEqualTo(2);
        assertThat(c.get("slacks").get("DOC").asDouble()).isCloseTo(1.21770833, within(1e-6));
        assertThat(c.get("targets").get("INP").asDouble()).isCloseTo(0.9 * 50 + 0.13888889 * 72, within(1e-5));
        JsonNode j = CommandRun.unit(doc, "J").get("frontier");
        assertThat(j.get("peers").get("D").asDouble()).isCloseTo(1.38888889, within(1e-6));
        assertThat(CommandRun.unit(doc, "A").get("frontier").get("efficiency").asDouble()).isCloseTo(1, within(1e-9));
    }

    /** ProgressTest's worked example read from files: 40 in 2015, 50 in 2020, Target 80 by 2030: R = 0.9651. */
    @Test
    void should_AddEachIndicatorsProgress_When_TheMetaHasTargetsAndTheProfileAProgressSection() throws IOException {
        Path meta = Files.writeString(dir.resolve("meta.csv"), """
                Level,iCode,iName,Direction,Weight,Parent,Type,Target
                1,X,With target,1,1,I,Indicator,80
                1,Y,Without,1,1,I,Indicator,NA
                2,I,Index,,1,,Aggregate,
                """);
        Path data = Files.writeString(dir.resolve("data.csv"), """
                uCode,Time,X,Y
                u,2015,40,40
                u,2017,42,41
                u,2020,50,40.5
                v,2015,10,10
                v,2017,10,10
                v,2020,9,10
                """);
        JsonNode doc = run(meta, data, "{\"progress\": {\"base\": \"2015\", \"targetYear\": \"2030\"}}");
        JsonNode u = null;
        for (JsonNode e : doc.get("units")) {
            if (e.get("uCode").asText().equals("u") && e.get("period").asText().equals("2020")) {
                u = e.get("progress");
            }
            if (e.get("period").asText().equals("2015")) {
                assertThat(e.has("progress")).as("progress is stated once, on the latest period").isFalse();
            }
        }
        assertThat(u.get("X").get("ratio").asDouble()).isCloseTo(0.9651, within(1e-4));
        assertThat(u.get("X").get("status").asText()).isEqualTo("ON_TRACK");
        assertThat(u.get("X").get("cagrRequired").asDouble()).isCloseTo(Math.pow(2, 1.0 / 15) - 1, within(1e-12));
        assertThat(u.get("Y").get("ratio").isNull()).as("no target, no ratio").isTrue();
        assertThat(u.get("Y").get("status").asText()).isEqualTo("LIMITED_PROGRESS"); // 0.25 % a year
    }

    private JsonNode run(Path meta, Path data, String profile) throws IOException {
        Path p = Files.writeString(dir.resolve("profile.json"), profile);
        return CommandRun.of("--meta", meta.toString(), "--data", data.toString(), "--profile", p.toString()).json();
    }
}

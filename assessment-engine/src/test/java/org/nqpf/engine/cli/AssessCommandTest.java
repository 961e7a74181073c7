package org.nqpf.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The analyst command, run in-process on files, as {@code ./nqpf assess} runs it. */
class AssessCommandTest {

    @TempDir
    static Path dir;
    static Path meta;
    static Path data;

    @BeforeAll
    static void copyAsem() throws IOException {
        meta = copy("asem/ASEM_iMeta.csv");
        data = copy("asem/ASEM_iData.csv");
    }

    /**
     * Published: COINr's ASEM Sustainable Connectivity index (Becker et al., "COINr: An R package for developing
     * composite indicators", JOSS 7(78), 4567, 2022): min-max into [0, 100], arithmetic means up four levels, missing
     * children dropped: DEU 75.23, GBR 68.94, FRA 65.92, CHE 62.61, NLD 61.24, SWE 60.59, the top six in this order.
     */
    @Test
    void should_ReproduceCoinrsPublishedAsemIndex_ThroughTheCommand() throws IOException {
        Path profile = write("profile.json", """
                {"normalise": {"method": "minmax", "range": [0, 100]}, "weights": {"method": "meta"},
                 "aggregate": {"method": "amean"}}""");
        CommandRun run = CommandRun.of("--meta", meta.toString(), "--data", data.toString(), "--profile", profile.toString(),
                "--format", "json");
        assertThat(run.status()).as(run.err()).isZero();
        JsonNode doc = new ObjectMapper().readTree(run.out());
        Map<String, Double> published = Map.of("DEU", 75.23, "GBR", 68.94, "FRA", 65.92, "CHE", 62.61, "NLD", 61.24,
                "SWE", 60.59);
        List<String> order = List.of("DEU", "GBR", "FRA", "CHE", "NLD", "SWE");
        assertThat(doc.get("units")).hasSize(51);
        for (JsonNode unit : doc.get("units")) {
            String code = unit.get("uCode").asText();
            if (published.containsKey(code)) {
                double index = unit.get("scores").get("Index").asDouble();
                assertThat(Math.round(index * 100) / 100.0).as(code).isEqualTo(published.get(code));
                assertThat(unit.get("ranks").get("Index").asInt()).as(code).isEqualTo(order.indexOf(code) + 1);
                // every aggregate of the hierarchy has a score and a rank
                assertThat(unit.get("scores")).hasSize(11);
                assertThat(unit.get("ranks").get("Conn").asInt()).isPositive();
                // the explanation adds up to the score (arithmetic mean)
                double sum = 0;
                for (JsonNode c : unit.get("contributions")) {
                    sum += c.asDouble();
                }
                assertThat(sum).isCloseTo(index, within(1e-9));
                // obstacle degrees: per indicator summing to 100, per aggregate
                double obstacles = 0;
                for (JsonNode o : unit.get("obstacles").get("indicators")) {
                    obstacles += o.isNull() ? 0 : o.asDouble();
                }
                assertThat(obstacles).isCloseTo(100, within(1e-9));
                assertThat(unit.get("obstacles").get("aggregates").get("Conn").asDouble()
                        + unit.get("obstacles").get("aggregates").get("Sust").asDouble()).isCloseTo(100, within(1e-9));
            }
        }
        // weights once: 49 indicators + 11 aggregates, COINr's Group and Denominator rows are no nodes
        assertThat(doc.get("weights")).hasSize(60);
        List<String> codes = new ArrayList<>();
        doc.get("weights").forEach(w -> codes.add(w.get("iCode").asText()));
        assertThat(codes).contains("LPI", "Physical", "Index").doesNotContain("GDP_group", "Population");
    }

    @Test
    void should_UseTheDefaultProfile_And_WriteCsv() {
        CommandRun run = CommandRun.of("--meta", meta.toString(), "--data", data.toString(), "--format", "csv");
        assertThat(run.status()).as(run.err()).isZero();
        String[] lines = run.out().split("\n");
        assertThat(lines[0]).startsWith("uCode,uName,Time,Physical,Physical.rank").endsWith("Index,Index.rank");
        assertThat(lines).hasSize(52);
        String deu = java.util.Arrays.stream(lines).filter(l -> l.startsWith("DEU,")).findFirst().orElseThrow();
        assertThat(deu).startsWith("DEU,Germany,2018,").endsWith(",1");
    }

    @Test
    void should_ComputeCouplingOfTheSubsystems_When_MetaTagsThem() throws IOException {
        Path m = write("nqpf-meta.csv", """
                Level,iCode,iName,Direction,Weight,Parent,Type,Subsystem,Mechanism
                1,ai1,AI compute,1,1,LAB,Indicator,AI,ELEMENT_SUPPLY
                1,nq1,R&D staff,1,1,LAB,Indicator,NQPF,ELEMENT_SUPPLY
                1,ai2,AI adoption,1,1,COMB,Indicator,AI,STRUCTURAL_EMBEDDING
                1,nq2,Energy use,-1,1,COMB,Indicator,NQPF,STRUCTURAL_EMBEDDING
                2,LAB,Laborers,1,1,OVERALL,Aggregate,,
                2,COMB,Optimized combination,1,1,OVERALL,Aggregate,,
                3,OVERALL,Overall,1,1,NA,Aggregate,,
                NA,POP,Population,NA,NA,NA,Denominator,,
                """);
        Path d = write("nqpf-data.csv", """
                uCode,uName,Time,ai1,nq1,ai2,nq2,POP
                A,Alpha,2022,10,5,NA,2,100
                B,Beta,2022,0,10,4,4,100
                C,Gamma,2022,5,0,2,1,100
                A,Alpha,2023,12,6,3,2,100
                B,Beta,2023,1,11,4,3,100
                C,Gamma,2023,6,1,2,1,100
                """);
        CommandRun run = CommandRun.of("--meta", m.toString(), "--data", d.toString());
        assertThat(run.status()).as(run.err()).isZero();
        JsonNode doc = new ObjectMapper().readTree(run.out());
        assertThat(doc.get("periods")).hasSize(2);
        JsonNode a2022 = doc.get("units").get(0);
        assertThat(a2022.get("uCode").asText()).isEqualTo("A");
        assertThat(a2022.get("period").asText()).isEqualTo("2022");
        // By hand (min-max per period): ai1 A=100; nq1 A=50; ai2 A missing; nq2 (less is better, 1..4) A=2 → 66.67.
        // AI = mean over what A has with factor weights: only ai1 (share 0.5·1) → 100; NQPF: nq1 (0.25), nq2 (0.5)
        // → (0.25·50 + 0.5·66.667) / 0.75 = 61.11.
        assertThat(a2022.get("subsystems").get("AI").asDouble()).isCloseTo(100, within(1e-9));
        assertThat(a2022.get("subsystems").get("NQPF").asDouble()).isCloseTo(55.0 / 0.9, within(1e-6));
        JsonNode c = a2022.get("coupling");
        double u1 = 1.0;
        double u2 = 55.0 / 90;
        assertThat(c.get("C").asDouble()).isCloseTo(2 * Math.sqrt(u1 * u2) / (u1 + u2), within(1e-9));
        assertThat(c.get("T").asDouble()).isCloseTo((u1 + u2) / 2, within(1e-9));
        assertThat(c.get("lagging").asText()).isEqualTo("NQPF");
        // D = sqrt(C·T) = sqrt(0.9704 · 0.8056) = 0.8842: in (0.8, 0.9], good coordination.
        double cc = 2 * Math.sqrt(u1 * u2) / (u1 + u2);
        assertThat(c.get("D").asDouble()).isCloseTo(Math.sqrt(cc * (u1 + u2) / 2), within(1e-9));
        assertThat(c.get("grade").asText()).isEqualTo("GOOD_COORDINATION");
        assertThat(c.get("gradeZh").asText()).isEqualTo("良好协调");
        assertThat(a2022.get("obstacles").get("aggregates").has("LAB")).isTrue();
        assertThat(doc.get("units").get(3).get("growth").isNumber()).isTrue();
        assertThat(doc.get("cagr").has("A")).isTrue();
    }

    @Test
    void should_NameFileLineAndProblem_When_AValueIsNotANumber() throws IOException {
        String text = Files.readString(data).replaceFirst("(?m)^(Austria,AUT,L,XL,M,Europe,2018,83871,27,[^,]*,[^,]*),4\\.097985",
                "$1,four");
        Path bad = write("bad-data.csv", text);
        CommandRun run = CommandRun.of("--meta", meta.toString(), "--data", bad.toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("bad-data.csv line 2").contains("'four'").contains("LPI").contains("AUT");
    }

    @Test
    void should_NameFileLineAndProblem_When_MetaIsInvalid() throws IOException {
        Path bad = write("bad-meta.csv", Files.readString(meta).replace("1,LPI,Logistics Performance Index,1,",
                "1,LPI,Logistics Performance Index,up,"));
        CommandRun run = CommandRun.of("--meta", bad.toString(), "--data", data.toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("bad-meta.csv line 2").contains("Direction 'up' of LPI must be 1 or -1");

        Path orphan = write("orphan-meta.csv", Files.readString(meta).replace(",Physical,Indicator", ",Physcal,Indicator"));
        CommandRun second = CommandRun.of("--meta", orphan.toString(), "--data", data.toString());
        assertThat(second.err()).contains("orphan-meta.csv line 2").contains("names Parent Physcal");
    }

    @Test
    void should_NameTheProfileAndTheSetting_When_TheProfileIsWrong() throws IOException {
        Path typo = write("typo.json", "{\"normalise\": {\"method\": \"minmaxx\"}}");
        CommandRun run = CommandRun.of("--meta", meta.toString(), "--data", data.toString(), "--profile", typo.toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("typo.json: normalise.method 'minmaxx' is unknown; use one of none, minmax, zscore");

        Path syntax = write("syntax.json", "{\n  \"weights\": {\"method\": \"meta\",}\n}");
        CommandRun broken = CommandRun.of("--meta", meta.toString(), "--data", data.toString(), "--profile", syntax.toString());
        assertThat(broken.err()).contains("syntax.json line 2: not valid JSON");
    }

    @Test
    void should_ExitWithUsage_When_ArgumentsAreMissingOrUnknown() {
        assertThat(CommandRun.of("--data", "x.csv").status()).isEqualTo(2);
        CommandRun unknown = CommandRun.of("--meta", "m.csv", "--data", "d.csv", "--colour", "red");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown argument '--colour'").contains("usage:");
        CommandRun missingFile = CommandRun.of("--meta", dir.resolve("nope.csv").toString(), "--data", data.toString());
        assertThat(missingFile.status()).isEqualTo(1);
        assertThat(missingFile.err()).contains("nope.csv: does not exist");
    }

    private static Path copy(String resource) throws IOException {
        try (InputStream in = AssessCommandTest.class.getClassLoader().getResourceAsStream(resource)) {
            Path target = dir.resolve(Path.of(resource).getFileName().toString());
            Files.copy(in, target);
            return target;
        }
    }

    private static Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}

package org.nqpf.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nqpf.contracts.Dimension;
import org.nqpf.contracts.ObservationRecorded;
import org.nqpf.contracts.Subsystem;
import org.nqpf.engine.cli.AssessCommand;
import tools.jackson.databind.JsonNode;

/**
 * The service and the analyst command are one pipeline: a cohort assessed by assessment-service (observations over
 * a real broker into a real database) and the same data run through {@code ./nqpf assess} with the same profile give
 * the same numbers, for every normalisation, weighting and aggregation a profile offers, per period and over the
 * panel: every score and rank of every level (sub-dimensions included), the subsystems, the coupling coordination and
 * the obstacle degrees and contributions of every indicator.
 */
class ServiceMatchesCommandIT extends IntegrationTest {

    /** code, path (top first), subsystem, direction. MEANS_OF_LABOR has two sub-dimensions. */
    private static final List<Object[]> INDICATORS = List.of(
            new Object[] {"L1", List.of("LABORERS"), "AI", 1},
            new Object[] {"L2", List.of("LABORERS"), "NQPF", 1},
            new Object[] {"M1", List.of("MEANS_OF_LABOR", "INFRA"), "AI", 1},
            new Object[] {"M2", List.of("MEANS_OF_LABOR", "INFRA"), "NQPF", -1},
            new Object[] {"M3", List.of("MEANS_OF_LABOR", "CAPITAL"), "NQPF", 1});
    private static final List<String> PERIODS = List.of("2041", "2042");
    private static final int UNITS = 6;
    private static final String GOALPOSTS = "\"goalposts\": {\"L1\": [0, 100], \"L2\": [10, 90], \"M1\": [0, 120], "
            + "\"M2\": [0, 100], \"M3\": [5, 95]}";

    static Stream<Arguments> profiles() {
        return Stream.of(
                Arguments.of("minmax, meta weights, amean (the default)", "{}"),
                Arguments.of("rank", "{\"normalise\": {\"method\": \"rank\"}}"),
                Arguments.of("goalposts", "{\"normalise\": {\"method\": \"goalposts\", " + GOALPOSTS + "}}"),
                Arguments.of("vector", "{\"normalise\": {\"method\": \"vector\"}}"),
                Arguments.of("none on a declared range", "{\"normalise\": {\"method\": \"none\", \"range\": [0, 100]}}"),
                Arguments.of("minmax over the panel", "{\"normalise\": {\"method\": \"minmax\", \"over\": \"panel\"}}"),
                Arguments.of("equal weights", "{\"weights\": {\"method\": \"equal\"}}"),
                Arguments.of("entropy weights", "{\"weights\": {\"method\": \"entropy\"}}"),
                Arguments.of("critic weights", "{\"weights\": {\"method\": \"critic\"}}"),
                Arguments.of("ahp weights", "{\"weights\": {\"method\": \"ahp\", \"matrices\": {\"OVERALL\": "
                        + "{\"order\": [\"LABORERS\", \"MEANS_OF_LABOR\"], \"matrix\": [[1, 2], [0.5, 1]]}}}}"),
                Arguments.of("combined weights", "{\"weights\": {\"method\": \"combined\", \"subjective\": "
                        + "{\"method\": \"equal\"}, \"objective\": {\"method\": \"critic\"}, \"combine\": \"linear\"}}"),
                Arguments.of("geometric mean", "{\"normalise\": {\"range\": [1, 100]}, \"aggregate\": {\"method\": \"gmean\"}}"),
                Arguments.of("harmonic mean", "{\"normalise\": {\"range\": [1, 100]}, \"aggregate\": {\"method\": \"hmean\"}}"),
                Arguments.of("topsis", "{\"aggregate\": {\"method\": \"topsis\"}}"));
    }

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("profiles")
    void should_GiveTheCommandsNumbers_When_TheSameCohortIsAssessedWithTheSameProfile(String name, String profile)
            throws IOException {
        String run = unique();
        String framework = "PAR-" + run;
        String cohort = "par-" + run;
        assertThat(api.put("/api/v1/profiles/" + framework, profile).status()).isEqualTo(200);

        Map<String, Integer> expectedValues = new HashMap<>();
        StringBuilder data = new StringBuilder("uCode,Time");
        INDICATORS.forEach(i -> data.append(',').append(i[0]));
        data.append('\n');
        for (int u = 0; u < UNITS; u++) {
            String unit = "U" + u + "-" + run;
            for (int t = 0; t < PERIODS.size(); t++) {
                data.append(unit).append(',').append(PERIODS.get(t));
                int present = 0;
                for (int j = 0; j < INDICATORS.size(); j++) {
                    Double v = value(u, t, j);
                    data.append(',').append(v == null ? "NA" : Double.toString(v));
                    if (v != null) {
                        present++;
                        send(observation(framework, unit, cohort, j, PERIODS.get(t), v));
                    }
                }
                data.append('\n');
                expectedValues.put(unit + "@" + PERIODS.get(t), present);
            }
        }
        // Events travel on different partitions: once every entity-period has all its values, every observation is
        // projected; once no recompute is pending, every result has seen all of them.
        expectedValues.forEach((key, present) -> awaitAssessment(path(key), n -> n.path("cohortSize").asInt() == UNITS
                && n.path("method").path("profileVersion").asInt() == 1
                && values(n) == present));
        await().atMost(WAIT).until(() -> meters.get("nqpf.assessment.recompute.pending").gauge().value() == 0);

        JsonNode command = command(profile, data.toString());
        int compared = 0;
        for (JsonNode expected : command.path("units")) {
            String key = expected.path("uCode").asString() + "@" + expected.path("period").asString();
            JsonNode actual = api.get(path(key)).body();
            assertThat(actual.path("rank").asInt()).as(key + " rank").isEqualTo(expected.path("ranks").path("OVERALL").asInt());
            close(actual.path("overallScore"), expected.path("scores").path("OVERALL"), key + " overall");
            Map<String, JsonNode> aggregates = new HashMap<>();
            actual.path("aggregates").forEach(a -> aggregates.put(a.path("code").asString(), a));
            List<String> scored = new java.util.ArrayList<>();
            expected.path("scores").properties().forEach(e -> {
                if (e.getValue().isNumber() && !e.getKey().equals("OVERALL")) {
                    scored.add(e.getKey());
                }
            });
            assertThat(aggregates.keySet()).as(key + ": the aggregates the command scores").hasSameElementsAs(scored);
            assertThat(scored).hasSizeGreaterThanOrEqualTo(3);
            aggregates.forEach((code, a) -> {
                close(a.path("score"), expected.path("scores").path(code), key + " " + code);
                assertThat(a.path("rank").asInt()).as(key + " " + code + " rank")
                        .isEqualTo(expected.path("ranks").path(code).asInt());
                close(a.path("obstacle"), expected.path("obstacles").path("aggregates").path(code),
                        key + " " + code + " obstacle");
            });
            for (JsonNode s : actual.path("subsystems")) {
                close(s.path("score"), expected.path("subsystems").path(s.path("subsystem").asString()), key + " subsystem");
            }
            assertThat(actual.path("subsystems").size()).isEqualTo(2);
            JsonNode c = actual.path("coupling");
            JsonNode e = expected.path("coupling");
            close(c.path("c"), e.path("C"), key + " C");
            close(c.path("t"), e.path("T"), key + " T");
            close(c.path("d"), e.path("D"), key + " D");
            assertThat(c.path("grade").asString()).as(key + " grade").isEqualTo(e.path("grade").asString());
            assertThat(c.path("lagging").asString("")).as(key + " lagging").isEqualTo(e.path("lagging").asString(""));
            for (JsonNode o : actual.path("obstacles").path("indicators")) {
                close(o.path("obstacle"), expected.path("obstacles").path("indicators").path(o.path("indicator").asString()),
                        key + " obstacle " + o.path("indicator").asString());
            }
            for (JsonNode x : actual.path("explanation")) {
                close(x.path("contribution"), expected.path("contributions").path(x.path("indicator").asString()),
                        key + " contribution " + x.path("indicator").asString());
            }
            assertThat(actual.path("obstacles").path("indicators").size()).isEqualTo(INDICATORS.size());
            compared++;
        }
        assertThat(compared).as("every unit-period of the command's output").isEqualTo(UNITS * PERIODS.size());
    }

    /** Values in [5, 95] (so none on [0, 100] takes them), one missing: unit 4 has no M3 in the second period. */
    private static Double value(int u, int t, int j) {
        if (u == 4 && t == 1 && j == 4) {
            return null;
        }
        return 5 + ((u * 37 + j * 19 + t * 11 + u * j * 7) % 90) + 0.25 * t;
    }

    private static ObservationRecorded observation(String framework, String unit, String cohort, int j, String period,
            double value) {
        Object[] i = INDICATORS.get(j);
        @SuppressWarnings("unchecked")
        List<String> path = (List<String>) i[1];
        return new ObservationRecorded(unit + "/" + i[0] + "/" + period, unit, "REGION", List.of(cohort), framework,
                1, (String) i[0], Dimension.valueOf(path.get(0)), Subsystem.valueOf((String) i[2]), null, (int) i[3],
                "unit", period, value, false, 1, "test", "KAFKA", Instant.now(), path.size() > 1 ? path : null);
    }

    private static String path(String key) {
        String[] parts = key.split("@");
        return "/api/v1/assessments/" + parts[0] + "?period=" + parts[1];
    }

    private static int values(JsonNode assessment) {
        int n = 0;
        for (JsonNode x : assessment.path("explanation")) {
            n += x.path("value").isNumber() ? 1 : 0;
        }
        return n;
    }

    /** The service rounds to six decimals. */
    private static void close(JsonNode actual, JsonNode expected, String what) {
        assertThat(expected.isNumber()).as(what + " in the command's output: " + expected).isTrue();
        assertThat(actual.asDouble()).as(what).isCloseTo(expected.asDouble(), within(1e-6));
    }

    /** {@code ./nqpf assess} on the same data: the meta file states the same hierarchy the observations carry. */
    private JsonNode command(String profile, String data) throws IOException {
        StringBuilder meta = new StringBuilder("Level,iCode,iName,Direction,Weight,Parent,Type,Subsystem\n");
        for (Object[] i : INDICATORS) {
            @SuppressWarnings("unchecked")
            List<String> path = (List<String>) i[1];
            meta.append("1,").append(i[0]).append(',').append(i[0]).append(',').append(i[3]).append(",1,")
                    .append(path.get(path.size() - 1)).append(",Indicator,").append(i[2]).append('\n');
        }
        meta.append("2,INFRA,Infrastructure,,1,MEANS_OF_LABOR,Aggregate,\n");
        meta.append("2,CAPITAL,Capital,,1,MEANS_OF_LABOR,Aggregate,\n");
        meta.append("3,LABORERS,Laborers,,1,OVERALL,Aggregate,\n");
        meta.append("3,MEANS_OF_LABOR,Means of labor,,1,OVERALL,Aggregate,\n");
        meta.append("4,OVERALL,Overall,,1,,Aggregate,\n");
        Path metaFile = Files.writeString(dir.resolve("meta.csv"), meta);
        Path dataFile = Files.writeString(dir.resolve("data.csv"), data);
        Path profileFile = Files.writeString(dir.resolve("profile.json"), profile);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = AssessCommand.run(new String[] {"--meta", metaFile.toString(), "--data", dataFile.toString(),
                "--profile", profileFile.toString(), "--format", "json"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return json.readTree(out.toString(StandardCharsets.UTF_8));
    }
}

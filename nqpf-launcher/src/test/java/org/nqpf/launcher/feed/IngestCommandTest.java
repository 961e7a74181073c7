package org.nqpf.launcher.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestCommandTest {

    @TempDir
    Path dir;

    @Test
    void should_DetectFormat_From_ExtensionAndHeader() throws Exception {
        assertThat(FileFormat.detect(write("a.json", "{\"observations\":[]}"))).isEqualTo(FileFormat.JSON);
        assertThat(FileFormat.detect(write("a.csv", "entity,indicator,period,value,unit,source\n")))
                .isEqualTo(FileFormat.CSV);
        assertThat(FileFormat.detect(write("a.sdmx.csv", "STRUCTURE,STRUCTURE_ID,ACTION\n")))
                .isEqualTo(FileFormat.SDMX);
        assertThat(FileFormat.detect(write("export.csv", "\uFEFFSTRUCTURE,STRUCTURE_ID,ACTION\n")))
                .as("an SDMX-CSV file named .csv, with a byte-order mark").isEqualTo(FileFormat.SDMX);
        assertThat(FileFormat.SDMX.contentType()).isEqualTo("application/vnd.sdmx.data+csv; version=2.0.0");
    }

    @Test
    void should_ExitWith2NamingTheProblem_When_UsageIsWrong() throws Exception {
        Path data = write("data.txt", "something else\n");
        assertThat(run(List.of())).startsWith("2|").contains("name the file");
        assertThat(run(List.of(dir.resolve("missing.csv").toString()))).startsWith("2|").contains("no readable file");
        assertThat(run(List.of(data.toString()))).startsWith("2|").contains("--format");
        assertThat(run(List.of(data.toString(), "--format", "xml"))).startsWith("2|").contains("unknown format 'xml'");
        assertThat(run(List.of(data.toString(), "--gateway"))).startsWith("2|").contains("--gateway needs a value");
    }

    @Test
    void should_ExitWith1_When_GatewayCannotBeReached() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path csv = write("a.csv", "entity,indicator,period,value,unit,source\nCN-11,RD_INTENSITY,2020,1,,x\n");
        assertThat(run(List.of(csv.toString(), "--gateway", "http://localhost:" + port)))
                .startsWith("1|").contains("cannot reach the gateway");
    }

    @Test
    void should_ExitWith1NamingTheIssuer_When_NoTokenCanBeHad() throws Exception {
        Path csv = write("b.csv", "entity,indicator,period,value,unit,source\nCN-11,RD_INTENSITY,2020,1,,x\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new IngestCommand(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, Duration.ofMillis(10), () -> {
                    throw new IllegalStateException("no token for demo-steward: http://localhost:1 does not answer");
                }).run(List.of(csv.toString()));
        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no token for demo-steward");
    }

    @Test
    void should_DrawBarPercentRateRowsAndRejected_When_JobRuns() throws Exception {
        String line = IngestCommand.progressLine(new ObjectMapper().readTree(
                "{\"status\":\"RUNNING\",\"percentComplete\":50.0,\"rowsDone\":100000,\"rejected\":3}"), 10);
        assertThat(line).startsWith("[" + "#".repeat(15) + ".".repeat(15) + "]").contains(" 50.0%")
                .contains("10,000 rows/s").contains("100,000 rows").contains("3 rejected").contains("RUNNING");
    }

    private String run(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new IngestCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, Duration.ofMillis(10), () -> "a-token").run(args);
        return code + "|" + out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }
}

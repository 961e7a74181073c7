package org.nqpf.engine.coin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nqpf.engine.pipeline.Framework;
import org.nqpf.engine.pipeline.Panel;

/**
 * The streaming iData reader against the text reader it replaces ({@link Csv} + {@link CoinrFiles#panel(Csv,
 * Framework)}): same panel, same messages; files split into several byte ranges (threads, no size floor) to check
 * that line numbers and unit order survive the split.
 */
class PanelReaderTest {

    private static final Framework FRAMEWORK = CoinrFiles.framework(Csv.parse("""
            Level,iCode,iName,Direction,Weight,Parent,Type
            1,a,A,1,1,IDX,Indicator
            1,b,B,-1,1,IDX,Indicator
            1,c,C,1,2,IDX,Indicator
            2,IDX,Index,1,1,NA,Aggregate
            """, "meta.csv"));

    @TempDir
    Path dir;

    @Test
    void should_ReadQuotedFields_As_TheTextReaderDoes() throws IOException {
        String text = "uCode,uName,Time,a,b,c,Group\n"
                + "X,\"Alpha, the first\",2020,1.5,\"2\",3,\"g \"\"1\"\"\"\n"
                + "Y,Beta,2020,\" 4 \",5e-1,-6,g2\n"
                + "\"X\",\"Alpha, later\",2021,7,8,9,g1\n";
        Panel panel = readBothWays(text);
        assertThat(panel.units()).containsExactly("X", "Y");
        assertThat(panel.unitNames()).containsExactly("Alpha, the first", "Beta");
        assertThat(panel.values()[0][0]).containsExactly(1.5, 2, 3);
        assertThat(panel.values()[0][1]).containsExactly(4, 0.5, -6);
        assertThat(panel.values()[1][0]).containsExactly(7, 8, 9);
    }

    @Test
    void should_TreatNaEmptyAndNaNAsMissing_And_FillAbsentUnitPeriods() throws IOException {
        String text = """
                uCode,Time,a,b,c
                X,2021,NA,,NaN
                Y,2020, NA ,2,
                X,2019,1,2,3
                """;
        Panel panel = readBothWays(text);
        assertThat(panel.periods()).containsExactly("2019", "2020", "2021"); // numeric order, not file order
        assertThat(panel.values()[2][0]).containsOnly(Double.NaN);
        assertThat(panel.values()[1][1][0]).isNaN();
        assertThat(panel.values()[1][1][1]).isEqualTo(2);
        assertThat(panel.values()[1][1][2]).isNaN();
        assertThat(panel.values()[0][1]).containsOnly(Double.NaN); // Y has no 2019 row
        assertThat(panel.values()[1][0]).containsOnly(Double.NaN); // nor X a 2020 row
    }

    @Test
    void should_NameLineAndColumn_When_AValueIsNotANumber_InAnyByteRange() throws IOException {
        List<String> lines = new ArrayList<>(List.of("uCode,Time,a,b,c"));
        for (int k = 0; k < 500; k++) {
            lines.add("U" + k + ",2020," + k + ".25,1,2");
        }
        lines.set(400, "U399,2020,1,1.2.3,2"); // file line 401, in the last of three ranges
        String text = String.join("\n", lines) + "\n";
        String message = "data.csv line 401: value '1.2.3' of b for U399 is not a number "
                + "(write NA or leave it empty when missing)";
        assertThat(textReaderError(text)).isEqualTo(message);
        for (int threads : new int[] {1, 3}) {
            assertThatThrownBy(() -> read(text, threads)).isInstanceOf(InputFileException.class).hasMessage(message);
        }
        // Infinity parses as a double but is no value
        String infinite = "uCode,a,b,c\nX,1,Infinity,2\n";
        assertThatThrownBy(() -> read(infinite, 1)).hasMessage("data.csv line 2: value 'Infinity' of b for X is not "
                + "a number (write NA or leave it empty when missing)");
    }

    @Test
    void should_NameTheLine_When_AUnitHasTwoRowsForOnePeriod() throws IOException {
        String text = "uCode,Time,a,b,c\nX,2020,1,2,3\nY,2020,1,2,3\n\nX,2020,4,5,6\n";
        String message = "data.csv line 5: unit X has a second row for Time 2020";
        assertThat(textReaderError(text)).isEqualTo(message);
        assertThatThrownBy(() -> read(text, 3)).hasMessage(message);

        String noTime = "uCode,a,b,c\nX,1,2,3\nX,4,5,6\n";
        assertThatThrownBy(() -> read(noTime, 1))
                .hasMessage("data.csv line 3: unit X appears twice (add a Time column for panels)");
        // the second row is reported even when it also has a bad value, as the text reader does
        String both = "uCode,Time,a,b,c\nX,2020,1,2,3\nX,2020,x,2,3\n";
        assertThat(textReaderError(both)).isEqualTo("data.csv line 3: unit X has a second row for Time 2020");
        assertThatThrownBy(() -> read(both, 1)).hasMessage("data.csv line 3: unit X has a second row for Time 2020");
    }

    @Test
    void should_SkipABomAndReadCrlfAndBlankLines_CountingLinesAsTheFileHasThem() throws IOException {
        String text = "\uFEFF\r\nuCode,Time,a,b,c\r\nX,2020,1,2,3\r\n   \r\nY,2020,4,5,6\r\n\r\n";
        Panel panel = readBothWays(text);
        assertThat(panel.units()).containsExactly("X", "Y");
        assertThat(panel.values()[0][1]).containsExactly(4, 5, 6);

        String bad = "\uFEFFuCode,Time,a,b,c\r\nX,2020,1,2,3\r\n\r\nY,2020,4,5\r\n";
        String message = "data.csv line 4: has 4 fields but the header has 5";
        assertThat(textReaderError(bad)).isEqualTo(message);
        assertThatThrownBy(() -> read(bad, 2)).hasMessage(message);
    }

    @Test
    void should_ReportHeaderAndFileProblems_As_TheTextReaderDoes() throws IOException {
        for (String text : List.of("", "\n  \n", "uCode,a,b\nX,1,2\n", "a,b,c\n1,2,3\n", "uCode,a,b,c,a\n",
                "uCode,a,b,c\n", "uCode,Time,a,b,c\n,2020,1,2,3\n", "uCode,Time,a,b,c\nX,NA,1,2,3\n",
                "uCode,a,b,c\nX,\"1,2,3\n", "uCode,a,b,c\nX,1,2,3,4\n")) {
            String expected = textReaderError(text);
            assertThat(expected).as(text).isNotNull();
            assertThatThrownBy(() -> read(text, 1)).as(text).hasMessage(expected);
        }
        byte[] latin1 = "uCode,uName,a,b,c\nX,Z\u00fcrich,1,2,3\n".getBytes(StandardCharsets.ISO_8859_1);
        Path file = Files.write(dir.resolve("data.csv"), latin1);
        assertThatThrownBy(() -> PanelReader.read(file, "data.csv", FRAMEWORK, 1, 0))
                .hasMessage("data.csv: is not UTF-8 text");
        Path utf8 = Files.writeString(dir.resolve("data.csv"), "uCode,uName,a,b,c\nX,Z\u00fcrich,1,2,3\n");
        assertThat(PanelReader.read(utf8, "data.csv", FRAMEWORK, 1, 0).unitNames()).containsExactly("Z\u00fcrich");
    }

    /** Random files with quotes, blanks, NA, CRLF and shuffled rows: the two readers agree on every one. */
    @Test
    void should_AgreeWithTheTextReader_OnRandomFiles() throws IOException {
        Random random = new Random(7);
        for (int file = 0; file < 200; file++) {
            StringBuilder text = new StringBuilder(random.nextBoolean() ? "\uFEFF" : "");
            String eol = random.nextBoolean() ? "\r\n" : "\n";
            text.append("uName,c,uCode,Time,b,a,Extra").append(eol);
            int units = 1 + random.nextInt(8);
            int periods = 1 + random.nextInt(4);
            List<String> rows = new ArrayList<>();
            for (int i = 0; i < units; i++) {
                for (int t = 0; t < periods; t++) {
                    if (random.nextInt(10) == 0) {
                        continue; // an absent unit-period
                    }
                    String name = random.nextBoolean() ? "\"Unit, " + i + "\"" : random.nextBoolean() ? "NA" : "U" + i;
                    rows.add(name + "," + value(random) + ",u" + i + "," + (2000 + t) + "," + value(random) + ","
                            + value(random) + "," + (random.nextBoolean() ? "\"x\"\"y\"" : "z"));
                }
            }
            java.util.Collections.shuffle(rows, random);
            for (String row : rows) {
                text.append(row).append(eol);
                if (random.nextInt(20) == 0) {
                    text.append(" ").append(eol);
                }
            }
            if (rows.isEmpty()) {
                continue;
            }
            readBothWays(text.toString());
        }
    }

    /** Numbers parsed from bytes are Double.parseDouble's doubles, bit for bit, and what it rejects is NaN. */
    @Test
    void should_ParseNumbersAsDoubleParseDouble_Does() {
        Random random = new Random(11);
        List<String> texts = new ArrayList<>(List.of("0", "-0", "+5", "5.", ".5", "007.50", "9007199254740991",
                "9007199254740992", "9007199254740993", "0.9007199254740993", "123456789012345.6", "1e5", "-2.5E-3",
                "1d", "0x1p3", "4.9e-324", "1.7976931348623157e308", "0.1", "0.30000000000000004",
                "0.000000000000000000000000000000000000001", "9007199254740993.5", "0.1000000000000000055511151231257827",
                "123456789012345678", "1234567890123456789", "0.00000000000000000000000000000000000000000001"));
        for (int k = 0; k < 20000; k++) {
            double v = random.nextGaussian() * Math.pow(10, random.nextInt(12) - 4);
            texts.add(Double.toString(v)); // up to 17 digits
            texts.add(String.format(java.util.Locale.ROOT, "%." + (1 + random.nextInt(15)) + "g", v)); // as R writes
            texts.add(String.format(java.util.Locale.ROOT, "%." + random.nextInt(10) + "f", v));
            texts.add(Long.toString(random.nextLong() >> random.nextInt(64)));
        }
        for (int k = 0; k < 50000; k++) { // plain decimals of 1-18 significant digits over 1e-22..1e18
            double v = Math.pow(10, random.nextDouble() * 40 - 22) * (random.nextBoolean() ? 1 : -1);
            texts.add(new java.math.BigDecimal(v).round(new java.math.MathContext(1 + random.nextInt(18)))
                    .toPlainString());
            texts.add(Double.toString(Double.longBitsToDouble(random.nextLong() & 0x7FEFFFFFFFFFFFFFL)));
        }
        for (String text : texts) {
            byte[] bytes = ("," + text + ",").getBytes(StandardCharsets.US_ASCII);
            double parsed = PanelReader.number(bytes, 1, bytes.length - 1);
            assertThat(Double.doubleToRawLongBits(parsed)).as(text)
                    .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
        }
        for (String bad : List.of("", "-", ".", "1.2.3", "1,5", "abc", "1e", "--1")) {
            byte[] bytes = bad.getBytes(StandardCharsets.US_ASCII);
            assertThat(PanelReader.number(bytes, 0, bytes.length)).as(bad).isNaN();
        }
    }

    private static String value(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> "NA";
            case 1 -> "";
            case 2 -> "\"" + random.nextInt(100) + "\"";
            case 3 -> " " + (random.nextGaussian() * 1e-5) + " ";
            case 4 -> Double.toString(random.nextDouble() * 1e6);
            case 5 -> Long.toString(random.nextLong() % 100000);
            case 6 -> String.format(java.util.Locale.ROOT, "%.15g", random.nextGaussian());
            default -> Double.toString(random.nextGaussian());
        };
    }

    /** Reads with the text reader and the streaming reader (one range and several): all three panels equal. */
    private Panel readBothWays(String text) throws IOException {
        Panel expected = CoinrFiles.panel(Csv.parse(text, "data.csv"), FRAMEWORK);
        for (int threads : new int[] {1, 2, 5}) {
            Panel actual = read(text, threads);
            assertThat(actual.units()).isEqualTo(expected.units());
            assertThat(actual.unitNames()).isEqualTo(expected.unitNames());
            assertThat(actual.periods()).isEqualTo(expected.periods());
            assertThat(actual.values()).as(text).isDeepEqualTo(expected.values());
        }
        return expected;
    }

    private Panel read(String text, int threads) throws IOException {
        Path file = Files.writeString(dir.resolve("data.csv"), text);
        return PanelReader.read(file, "data.csv", FRAMEWORK, threads, 0);
    }

    private static String textReaderError(String text) {
        try {
            CoinrFiles.panel(Csv.parse(text, "data.csv"), FRAMEWORK);
            return null;
        }
        catch (InputFileException e) {
            return e.getMessage();
        }
    }
}

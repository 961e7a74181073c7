package org.nqpf.indicator.ingest.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.nqpf.indicator.ingest.ObservationRow;
import org.nqpf.indicator.ingest.ObservationValidator;
import org.springframework.http.MediaType;

/**
 * Generated hostile rows, at the unit level (the platform-wide suite is nqpf-launcher's HostileInputIT): each is
 * refused naming its field, and no guess is stored.
 */
class HostileRowsTest {

    private static final List<String> TEXT_FIELDS = List.of("entity", "indicator", "period", "unit", "source",
            "action", "revisedAt");
    /** The cells of a CSV row in these tests, by the field a rejection names. */
    private static final List<String> TEXT_OR_VALUE = List.of("entity", "indicator", "period", "value", "unit",
            "source");

    @Property(tries = 300)
    void should_RefuseTheRowNamingTheField_When_AFieldHasTheWrongJsonType(
            @ForAll("fields") String field, @ForAll("wrongJson") String wrong) {
        if (field.equals("value") ? wrong.matches("-?\\d.*") : wrong.startsWith("\"")) {
            return; // the right type after all: a number for value, a string for the others
        }
        ObservationRow row = readJson(rowWith(field, wrong));
        assertThat(row.problem()).as("%s = %s", field, wrong).isNotNull();
        assertThat(row.problem().field()).isEqualTo(field);
    }

    @Property(tries = 300)
    void should_RefuseTheValue_When_ItIsNotInDecimalNotation(@ForAll("notDecimal") String value) {
        ObservationRow row = readCsv("entity,indicator,period,value\nCN-11,RD_INTENSITY,2024," + value + "\n");
        assertThat(row.problem()).as(value).isNotNull();
        assertThat(row.problem().field()).isEqualTo("value");
    }

    @Property(tries = 300)
    void should_ReadTheSameNumber_When_TheValueIsInDecimalNotation(@ForAll("decimal") String value) {
        ObservationRow row = readCsv("entity,indicator,period,value\nCN-11,RD_INTENSITY,2024," + value + "\n");
        assertThat(row.problem()).as(value).isNull();
        assertThat(row.value()).isEqualTo(Double.parseDouble(value));
    }

    @Property(tries = 300)
    void should_RefuseTheRowNamingTheField_When_ItsTextHoldsWhatPostgresqlCannotStore(
            @ForAll("storedFields") String field, @ForAll("unstorable") String text) {
        Map<String, String> cells = new LinkedHashMap<>(Map.of("entity", "CN-11", "indicator", "RD_INTENSITY",
                "period", "2024", "unit", "%", "source", "nbs"));
        cells.put(field, text);
        ObservationRow row = ObservationValidator.screened(ObservationRow.of(1, cells.get("entity"),
                cells.get("indicator"), cells.get("period"), 1.0, cells.get("unit"), cells.get("source")));
        assertThat(row.problem()).isNotNull();
        assertThat(row.problem().field()).isEqualTo(field);
    }

    @Property(tries = 100)
    void should_RefuseTheBatch_When_ARowNamesAFieldTwice(@ForAll("fields") String field) {
        String json = "{\"observations\": [{\"" + field + "\": \"a\", \"entity\": \"CN-11\", \"" + field
                + "\": \"b\"}]}";
        assertThatThrownBy(() -> readJson(json)).isInstanceOf(UnreadableInputException.class)
                .hasMessageContaining("Duplicate");
    }

    @Property(tries = 100)
    void should_RefuseTheRowNamingTheField_When_ItIsUnknown(@ForAll("unknownFields") String field) {
        ObservationRow row = readJson("{\"observations\": [{\"entity\": \"CN-11\", \"indicator\": \"RD_INTENSITY\","
                + " \"period\": \"2024\", \"value\": 1, \"" + field + "\": \"x\"}]}");
        assertThat(row.problem()).isNotNull();
        assertThat(row.problem().field()).isEqualTo(field);
    }

    /**
     * The CSV parser trims every character up to U+0020 off a cell's ends: a cell of NULs alone would otherwise
     * arrive blank, and the row be stored as one without its unit or source.
     */
    @Property(tries = 300)
    void should_RefuseTheRowNamingTheField_And_ReadTheRowsBeside_When_ACsvCellHoldsANul(
            @ForAll("csvColumns") int column, @ForAll("withNul") String cell, @ForAll boolean sdmx) {
        String[] good = {"CN-11", "RD_INTENSITY", "2024", "1.5", "%", "nbs"};
        String[] bad = good.clone();
        bad[column] = cell;
        String csv = sdmx
                ? "STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,SOURCE\n"
                        + "dataflow,A:B(1.0),R," + String.join(",", good) + "\n"
                        + "dataflow,A:B(1.0),R," + String.join(",", bad) + "\n"
                        + "dataflow,A:B(1.0),R," + String.join(",", good) + "\n"
                : "entity,indicator,period,value,unit,source\n" + String.join(",", good) + "\n"
                        + String.join(",", bad) + "\n" + String.join(",", good) + "\n";
        List<ObservationRow> rows = readAll(MediaType.parseMediaType(sdmx
                ? "application/vnd.sdmx.data+csv; version=2.0.0" : "text/csv"), csv);

        assertThat(rows).hasSize(3);
        assertThat(rows.get(1).problem()).as("%s", cell.replace("\u0000", "\\0")).isNotNull();
        assertThat(rows.get(1).problem().field()).isEqualTo(TEXT_OR_VALUE.get(column));
        assertThat(rows.get(1).problem().detail()).contains("NUL");
        assertThat(rows.get(0).problem()).isNull();
        assertThat(rows.get(2).problem()).isNull();
        assertThat(rows.get(2).unit()).isEqualTo("%");
    }

    @Property(tries = 50)
    void should_RefuseTheBatchNamingWhereItEnded_When_ContentFollowsIt(@ForAll("afterBatch") String after) {
        String json = "{\"observations\": [{\"entity\": \"CN-11\", \"indicator\": \"RD_INTENSITY\","
                + " \"period\": \"2024\", \"value\": 1}]}";
        assertThatThrownBy(() -> readAll(MediaType.APPLICATION_JSON, json + after))
                .isInstanceOf(UnreadableInputException.class)
                .hasMessageContaining("content after the batch (from line 1, column " + (json.length() + 1) + ")");
    }

    @Provide
    Arbitrary<String> fields() {
        return Arbitraries.of("entity", "indicator", "period", "value", "unit", "source", "action", "revisedAt");
    }

    @Provide
    Arbitrary<String> storedFields() {
        return Arbitraries.of("entity", "indicator", "period", "unit", "source");
    }

    @Provide
    Arbitrary<String> wrongJson() {
        return Arbitraries.oneOf(Arbitraries.of("true", "false", "{}", "[]", "[\"CN-11\"]", "{\"a\": 1}", "\"1.5\""),
                Arbitraries.integers().map(String::valueOf));
    }

    @Provide
    Arbitrary<String> notDecimal() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(0, 1 << 20).map(i -> "0x" + Integer.toHexString(i)),
                Arbitraries.of("0x1p3", "1d", "1f", "1D", "NaN", "Infinity", "-Infinity", "1_000", "١٢", "1e",
                        "--1", "0b101", "1.2.3", "1e+", "e5", "."),
                Arbitraries.doubles().map(d -> d + "d"));
    }

    @Provide
    Arbitrary<String> decimal() {
        return Combinators.combine(Arbitraries.of("", "-", "+"), Arbitraries.integers().between(0, 1_000_000),
                Arbitraries.integers().between(0, 9999), Arbitraries.of("", "e3", "E-2", "e+1"))
                .as((sign, whole, fraction, exponent) -> sign + whole + "." + fraction + exponent);
    }

    @Provide
    Arbitrary<String> unstorable() {
        Arbitrary<String> around = Arbitraries.strings().alpha().ofMaxLength(8);
        Arbitrary<Character> bad = Arbitraries.of('\u0000', '\ud800', '\udbff', '\udc00', '\udfff');
        return Combinators.combine(around, bad, around).as((a, c, b) -> a + c + b);
    }

    @Provide
    Arbitrary<Integer> csvColumns() {
        return Arbitraries.integers().between(0, TEXT_OR_VALUE.size() - 1);
    }

    @Provide
    Arbitrary<String> withNul() {
        Arbitrary<String> around = Arbitraries.strings().alpha().ofMaxLength(4);
        Arbitrary<String> nuls = Arbitraries.strings().withChars('\u0000').ofMinLength(1).ofMaxLength(3);
        return Combinators.combine(around, nuls, around, Arbitraries.of("", " ")).as((a, n, b, space) -> space + a + n
                + b + space);
    }

    @Provide
    Arbitrary<String> afterBatch() {
        return Arbitraries.of("}", " trailing", "{\"observations\": []}", "\n[]", "  ,", "1", "null", "\"x\"");
    }

    @Provide
    Arbitrary<String> unknownFields() {
        return Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(20)
                .filter(f -> !TEXT_FIELDS.contains(f) && !f.equals("value"));
    }

    private static String rowWith(String field, String rawJson) {
        Map<String, String> members = new LinkedHashMap<>();
        members.put("entity", "\"CN-11\"");
        members.put("indicator", "\"RD_INTENSITY\"");
        members.put("period", "\"2024\"");
        members.put("value", "1.5");
        members.put(field, rawJson);
        StringBuilder json = new StringBuilder("{\"observations\": [{");
        members.forEach((k, v) -> json.append('"').append(k).append("\": ").append(v).append(','));
        json.setLength(json.length() - 1);
        return json.append("}]}").toString();
    }

    private static ObservationRow readJson(String json) {
        return read(MediaType.APPLICATION_JSON, json);
    }

    private static ObservationRow readCsv(String csv) {
        return read(MediaType.parseMediaType("text/csv"), csv);
    }

    private static List<ObservationRow> readAll(MediaType type, String body) {
        List<ObservationRow> rows = new java.util.ArrayList<>();
        try (RowReader reader = Formats.open(type, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))) {
            reader.forEachRemaining(rows::add);
        }
        return rows;
    }

    private static ObservationRow read(MediaType type, String body) {
        try (RowReader reader = Formats.open(type, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))) {
            assertThat(reader.hasNext()).isTrue();
            return reader.next();
        }
    }
}

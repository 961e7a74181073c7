package org.nqpf.indicator.ingest.format;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import org.nqpf.indicator.ingest.ObservationRow;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;

/**
 * Streams CSV rows. Two dialects: the platform's own columns ({@code entity, indicator, period, value, unit, source,
 * action, revisedAt}) and SDMX-CSV 2.0 ({@code STRUCTURE, STRUCTURE_ID, ACTION, REF_AREA, INDICATOR, TIME_PERIOD,
 * OBS_VALUE, UNIT_MEASURE}, plus {@code SOURCE} or {@code DATA_SOURCE} if present). Column names are matched without
 * regard to case, and SDMX's "CODE: label" headers and cells are read by their code.
 */
final class CsvRowReader implements RowReader {

    enum Dialect { PLAIN, SDMX }

    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvReadFeature.WRAP_AS_ARRAY)
            .enable(CsvReadFeature.TRIM_SPACES).build();

    private final Dialect dialect;
    private final CountingInputStream in;
    private final MappingIterator<String[]> lines;
    private final Map<String, Integer> columns = new HashMap<>();
    private int n;
    private int line = 1;

    CsvRowReader(InputStream body, Dialect dialect) {
        this.dialect = dialect;
        this.in = new CountingInputStream(body);
        try {
            this.lines = CSV.readerFor(String[].class).readValues(new StrictUtf8Reader(in));
            if (!lines.hasNext()) {
                throw new UnreadableInputException("empty CSV: expected a header line");
            }
            String[] header = lines.next();
            for (int i = 0; i < header.length; i++) {
                columns.putIfAbsent(code(header[i]).toUpperCase(Locale.ROOT), i);
            }
        }
        catch (JacksonException e) {
            throw unreadable("header", e);
        }
        List<String> required = dialect == Dialect.SDMX
                ? List.of("REF_AREA", "INDICATOR", "TIME_PERIOD", "OBS_VALUE")
                : List.of("ENTITY", "INDICATOR", "PERIOD", "VALUE");
        List<String> missing = new ArrayList<>(required.stream().filter(c -> !columns.containsKey(c)).toList());
        if (!missing.isEmpty()) {
            throw new UnreadableInputException("line 1: the header lacks the column(s) " + missing + "; it has "
                    + Arrays.toString(columns.keySet().stream().sorted().toArray()));
        }
    }

    @Override
    public boolean hasNext() {
        try {
            return lines.hasNext();
        }
        catch (JacksonException e) {
            throw unreadable("after line " + line, e);
        }
    }

    @Override
    public ObservationRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        String[] cells;
        try {
            cells = lines.next();
        }
        catch (JacksonException e) {
            throw unreadable("after line " + line, e);
        }
        n++;
        line++;
        if (dialect == Dialect.SDMX) {
            String source = cell(cells, "SOURCE");
            if (source == null) {
                source = cell(cells, "DATA_SOURCE");
            }
            if (source == null) {
                source = agency(cell(cells, "STRUCTURE_ID"));
            }
            return Cells.row(n, code(cell(cells, "REF_AREA")), code(cell(cells, "INDICATOR")),
                    code(cell(cells, "TIME_PERIOD")), cell(cells, "OBS_VALUE"), code(cell(cells, "UNIT_MEASURE")),
                    source, code(cell(cells, "ACTION")), null);
        }
        return Cells.row(n, cell(cells, "ENTITY"), cell(cells, "INDICATOR"), cell(cells, "PERIOD"),
                cell(cells, "VALUE"), cell(cells, "UNIT"), cell(cells, "SOURCE"), cell(cells, "ACTION"),
                cell(cells, "REVISEDAT"));
    }

    /** The cell as sent, NULs included: {@link Cells#row} refuses the row naming the field. */
    private String cell(String[] cells, String column) {
        Integer i = columns.get(column);
        if (i == null || i >= cells.length) {
            return null;
        }
        String v = StrictUtf8Reader.unmarked(cells[i]);
        return Cells.blank(v) ? null : v;
    }

    /**
     * SDMX writes "CODE: label" when labels are included; the code is what identifies. Stripped of white space only:
     * {@code trim()} would also drop a NUL at either end, and the row would be stored without it.
     */
    private static String code(String s) {
        if (s == null) {
            return null;
        }
        int colon = s.indexOf(": ");
        return (colon > 0 ? s.substring(0, colon) : s).strip();
    }

    private static UnreadableInputException unreadable(String where, JacksonException e) {
        if (e.getCause() instanceof java.nio.charset.CharacterCodingException) {
            return new UnreadableInputException("the body is not valid UTF-8 (CSV " + where + ")", e);
        }
        return new UnreadableInputException("malformed CSV " + where + ": " + e.getOriginalMessage(), e);
    }

    /** {@code NBS:DF_NQPF(1.0)} was published by the agency {@code NBS}. */
    private static String agency(String structureId) {
        if (structureId == null) {
            return null;
        }
        int colon = structureId.indexOf(':');
        return colon > 0 ? structureId.substring(0, colon) : null;
    }

    @Override
    public long bytesRead() {
        return in.count();
    }

    @Override
    public void close() {
        lines.close();
    }
}

package org.nqpf.engine.coin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A CSV file as R's {@code write.csv} and spreadsheets write it: a header row, commas, fields optionally in double
 * quotes (doubled quotes inside), a UTF-8 byte-order mark tolerated. Rows remember their line number for errors.
 */
public final class Csv {

    /** One data row: {@code line} is its 1-based line in the file. */
    public record Row(int line, Map<String, String> cells) {
        public String get(String column) {
            return cells.get(column);
        }
    }

    private final String name;
    private final List<String> header;
    private final List<Row> rows;

    private Csv(String name, List<String> header, List<Row> rows) {
        this.name = name;
        this.header = header;
        this.rows = rows;
    }

    /** @param name how the file is named in error messages */
    public static Csv read(Path path, String name) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        }
        catch (java.nio.charset.MalformedInputException e) {
            throw new InputFileException(name, 0, "is not UTF-8 text");
        }
        catch (IOException e) {
            throw new InputFileException(name, 0, "cannot be read (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")");
        }
        return parse(text, name);
    }

    public static Csv parse(String text, String name) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String[] lines = text.split("\r?\n", -1);
        int first = 0;
        while (first < lines.length && lines[first].isBlank()) {
            first++;
        }
        if (first == lines.length) {
            throw new InputFileException(name, 0, "is empty: a header row is needed");
        }
        List<String> header = header(lines[first], name, first + 1);
        List<Row> rows = new ArrayList<>();
        for (int n = first + 1; n < lines.length; n++) {
            if (lines[n].isBlank()) {
                continue;
            }
            List<String> cells = fields(lines[n], name, n + 1);
            if (cells.size() != header.size()) {
                throw new InputFileException(name, n + 1, "has " + cells.size() + " fields but the header has "
                        + header.size());
            }
            Map<String, String> row = new HashMap<>();
            for (int k = 0; k < header.size(); k++) {
                row.put(header.get(k), cells.get(k).trim());
            }
            rows.add(new Row(n + 1, row));
        }
        return new Csv(name, List.copyOf(header), List.copyOf(rows));
    }

    /** The header row's column names, trimmed; each must be named once. */
    static List<String> header(String line, String name, int number) {
        List<String> header = fields(line, name, number);
        Map<String, Integer> seen = new HashMap<>();
        for (int k = 0; k < header.size(); k++) {
            String column = header.get(k).trim();
            header.set(k, column);
            if (column.isEmpty()) {
                throw new InputFileException(name, number, "column " + (k + 1) + " of the header has no name");
            }
            if (seen.put(column, k) != null) {
                throw new InputFileException(name, number, "column " + column + " appears twice in the header");
            }
        }
        return header;
    }

    /** One line's fields, untrimmed; {@link PanelReader} parses lines with quotes or non-ASCII text with it too. */
    static List<String> fields(String line, String name, int number) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int k = 0; k < line.length(); k++) {
            char ch = line.charAt(k);
            if (quoted) {
                if (ch == '"' && k + 1 < line.length() && line.charAt(k + 1) == '"') {
                    field.append('"');
                    k++;
                }
                else if (ch == '"') {
                    quoted = false;
                }
                else {
                    field.append(ch);
                }
            }
            else if (ch == '"') {
                quoted = true;
            }
            else if (ch == ',') {
                fields.add(field.toString());
                field.setLength(0);
            }
            else {
                field.append(ch);
            }
        }
        if (quoted) {
            throw new InputFileException(name, number, "a quoted field is not closed (fields may not span lines)");
        }
        fields.add(field.toString());
        return fields;
    }

    public String name() {
        return name;
    }

    public List<String> header() {
        return header;
    }

    public boolean has(String column) {
        return header.contains(column);
    }

    public List<Row> rows() {
        return rows;
    }

    /** COINr writes a missing value as {@code NA}; spreadsheets leave the cell empty. */
    public static boolean missing(String cell) {
        return cell == null || cell.isEmpty() || cell.equals("NA") || cell.equals("NaN");
    }
}

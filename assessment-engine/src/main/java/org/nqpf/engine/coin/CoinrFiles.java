package org.nqpf.engine.coin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nqpf.engine.Hierarchy;
import org.nqpf.engine.pipeline.Framework;
import org.nqpf.engine.pipeline.Panel;

/**
 * Reads COINr's two input tables (Becker et al. 2022, {@code new_coin(iData, iMeta)}) written as CSV.
 * <ul>
 * <li>iMeta: {@code Level, iCode, iName, Direction, Weight, Parent, Type}; Type {@code Indicator} or
 * {@code Aggregate} builds the hierarchy; {@code Group}, {@code Denominator} and {@code Other} rows are accepted and,
 * as in COINr, are no indicators. Optional: {@code Subsystem}, {@code Mechanism} (the paper's tags), {@code Target},
 * {@code GPlow}, {@code GPhigh} (goalposts).</li>
 * <li>iData: {@code uCode}, optional {@code uName} and {@code Time}, one column per indicator; other columns
 * (groups, denominators) are ignored. Missing values are {@code NA} or empty.</li>
 * </ul>
 */
public final class CoinrFiles {

    private static final Set<String> IGNORED_TYPES = Set.of("Group", "Denominator", "Other");

    private CoinrFiles() {
    }

    public static Framework framework(Path meta, String name) {
        return framework(Csv.read(meta, name));
    }

    public static Framework framework(Csv meta) {
        String file = meta.name();
        for (String column : List.of("iCode", "Direction", "Weight", "Parent", "Type")) {
            if (!meta.has(column)) {
                throw new InputFileException(file, 1, "the header lacks column " + column
                        + " (COINr iMeta needs Level, iCode, iName, Direction, Weight, Parent, Type)");
            }
        }
        Map<String, Csv.Row> rows = new LinkedHashMap<>();
        Map<String, String> types = new HashMap<>();
        for (Csv.Row row : meta.rows()) {
            String code = row.get("iCode");
            String type = row.get("Type");
            if (Csv.missing(code)) {
                throw new InputFileException(file, row.line(), "iCode is empty");
            }
            if (!type.equals("Indicator") && !type.equals("Aggregate") && !IGNORED_TYPES.contains(type)) {
                throw new InputFileException(file, row.line(), "Type '" + type + "' of " + code
                        + " is unknown; COINr types are Indicator, Aggregate, Group, Denominator, Other");
            }
            if (rows.containsKey(code) || types.containsKey(code)) {
                throw new InputFileException(file, row.line(), "iCode " + code + " appears twice");
            }
            types.put(code, type);
            if (type.equals("Indicator") || type.equals("Aggregate")) {
                rows.put(code, row);
            }
        }
        if (rows.isEmpty()) {
            throw new InputFileException(file, 0, "has no rows of Type Indicator");
        }
        Hierarchy.Builder builder = Hierarchy.builder();
        Map<String, Framework.NodeInfo> infos = new LinkedHashMap<>();
        for (Csv.Row row : rows.values()) {
            String code = row.get("iCode");
            boolean indicator = types.get(code).equals("Indicator");
            String parent = Csv.missing(row.get("Parent")) ? null : row.get("Parent");
            if (parent != null && !rows.containsKey(parent)) {
                throw new InputFileException(file, row.line(), code + " names Parent " + parent
                        + ", which is no Indicator or Aggregate row");
            }
            if (parent != null && types.get(parent).equals("Indicator")) {
                throw new InputFileException(file, row.line(), code + " names Parent " + parent
                        + ", an Indicator; a parent must be an Aggregate");
            }
            if (indicator && parent == null) {
                throw new InputFileException(file, row.line(), "indicator " + code + " has no Parent");
            }
            double weight = number(row, "Weight", file, indicator || !Csv.missing(row.get("Weight")), 1);
            if (weight < 0) {
                throw new InputFileException(file, row.line(), "Weight " + weight + " of " + code + " is negative");
            }
            if (indicator) {
                String direction = row.get("Direction");
                if (!"1".equals(direction) && !"-1".equals(direction)) {
                    throw new InputFileException(file, row.line(), "Direction '" + direction + "' of " + code
                            + " must be 1 or -1");
                }
                builder.indicator(code, parent, Integer.parseInt(direction), weight);
            }
            else {
                builder.aggregate(code, parent, weight);
            }
            infos.put(code, new Framework.NodeInfo(
                    meta.has("iName") && !Csv.missing(row.get("iName")) ? row.get("iName") : code,
                    tag(meta, row, "Subsystem"), tag(meta, row, "Mechanism"),
                    optionalNumber(meta, row, "Target", file), optionalNumber(meta, row, "GPlow", file),
                    optionalNumber(meta, row, "GPhigh", file)));
        }
        try {
            return new Framework(builder.build(), infos);
        }
        catch (IllegalArgumentException e) {
            throw new InputFileException(file, 0, "the hierarchy is not valid: " + e.getMessage());
        }
    }

    private static String tag(Csv meta, Csv.Row row, String column) {
        return meta.has(column) && !Csv.missing(row.get(column)) ? row.get(column) : null;
    }

    private static double optionalNumber(Csv meta, Csv.Row row, String column, String file) {
        return meta.has(column) && !Csv.missing(row.get(column)) ? number(row, column, file, true, Double.NaN)
                : Double.NaN;
    }

    private static double number(Csv.Row row, String column, String file, boolean required, double fallback) {
        String cell = row.get(column);
        if (Csv.missing(cell)) {
            if (required) {
                throw new InputFileException(file, row.line(), column + " is missing");
            }
            return fallback;
        }
        try {
            double v = Double.parseDouble(cell);
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        }
        catch (NumberFormatException e) {
            throw new InputFileException(file, row.line(), column + " '" + cell + "' is not a number");
        }
    }

    /** Streams the file into the panel's arrays ({@link PanelReader}): same rules and messages as below. */
    public static Panel panel(Path data, String name, Framework framework) {
        return PanelReader.read(data, name, framework);
    }

    /** The iData header has uCode and a column for every indicator of the framework (both readers check it). */
    static void checkDataHeader(String file, java.util.function.Predicate<String> has, Framework framework) {
        if (!has.test("uCode")) {
            throw new InputFileException(file, 1, "the header lacks column uCode (COINr iData needs uCode and one "
                    + "column per indicator)");
        }
        List<String> absent = framework.hierarchy().indicators().stream().filter(code -> !has.test(code)).toList();
        if (!absent.isEmpty()) {
            throw new InputFileException(file, 1, "the header lacks the column(s) of indicator(s) " + absent);
        }
    }

    /** Units in order of first appearance; periods in numeric order when all are numbers, else as they appear. */
    public static Panel panel(Csv data, Framework framework) {
        String file = data.name();
        checkDataHeader(file, data::has, framework);
        List<String> indicators = framework.hierarchy().indicators();
        boolean timed = data.has("Time");
        Set<String> units = new LinkedHashSet<>();
        Set<String> periodsSeen = new LinkedHashSet<>();
        Map<String, String> names = new HashMap<>();
        for (Csv.Row row : data.rows()) {
            String unit = row.get("uCode");
            if (Csv.missing(unit)) {
                throw new InputFileException(file, row.line(), "uCode is empty");
            }
            units.add(unit);
            if (data.has("uName") && !Csv.missing(row.get("uName"))) {
                names.putIfAbsent(unit, row.get("uName"));
            }
            String period = timed ? row.get("Time") : "";
            if (timed && Csv.missing(period)) {
                throw new InputFileException(file, row.line(), "Time is empty for " + unit);
            }
            periodsSeen.add(period);
        }
        if (units.isEmpty()) {
            throw new InputFileException(file, 0, "has no data rows");
        }
        List<String> periods = chronological(periodsSeen);
        List<String> unitList = new ArrayList<>(units);
        Map<String, Integer> unitIndex = new HashMap<>();
        for (int i = 0; i < unitList.size(); i++) {
            unitIndex.put(unitList.get(i), i);
        }
        Map<String, Integer> periodIndex = new HashMap<>();
        for (int t = 0; t < periods.size(); t++) {
            periodIndex.put(periods.get(t), t);
        }
        double[][][] values = new double[periods.size()][unitList.size()][indicators.size()];
        for (double[][] slice : values) {
            for (double[] row : slice) {
                Arrays.fill(row, Double.NaN);
            }
        }
        boolean[][] seen = new boolean[periods.size()][unitList.size()];
        for (Csv.Row row : data.rows()) {
            int i = unitIndex.get(row.get("uCode"));
            int t = periodIndex.get(timed ? row.get("Time") : "");
            if (seen[t][i]) {
                throw new InputFileException(file, row.line(), "unit " + row.get("uCode")
                        + (timed ? " has a second row for Time " + row.get("Time") : " appears twice (add a Time column for panels)"));
            }
            seen[t][i] = true;
            for (int j = 0; j < indicators.size(); j++) {
                String cell = row.get(indicators.get(j));
                if (Csv.missing(cell)) {
                    continue;
                }
                try {
                    double v = Double.parseDouble(cell);
                    if (!Double.isFinite(v)) {
                        throw new NumberFormatException();
                    }
                    values[t][i][j] = v;
                }
                catch (NumberFormatException e) {
                    throw new InputFileException(file, row.line(), "value '" + cell + "' of " + indicators.get(j)
                            + " for " + row.get("uCode") + " is not a number (write NA or leave it empty when missing)");
                }
            }
        }
        List<String> unitNames = unitList.stream().map(u -> names.getOrDefault(u, u)).toList();
        return new Panel(unitList, unitNames, timed ? periods : List.of("all"), values);
    }

    /** Periods in numeric order when all are numbers (years), else in the order they appeared. */
    static List<String> chronological(java.util.Collection<String> appeared) {
        List<String> periods = new ArrayList<>(appeared);
        if (periods.stream().allMatch(CoinrFiles::numeric)) {
            periods.sort((a, b) -> Double.compare(Double.parseDouble(a), Double.parseDouble(b)));
        }
        return periods;
    }

    private static boolean numeric(String s) {
        try {
            Double.parseDouble(s);
            return true;
        }
        catch (NumberFormatException e) {
            return false;
        }
    }
}

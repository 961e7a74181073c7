package org.nqpf.engine.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.NumberOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.nqpf.engine.Ahp;
import org.nqpf.engine.Coupling;
import org.nqpf.engine.Hierarchy;
import org.nqpf.engine.coin.CoinrFiles;
import org.nqpf.engine.coin.InputFileException;
import org.nqpf.engine.pipeline.Assessor;
import org.nqpf.engine.pipeline.Framework;
import org.nqpf.engine.pipeline.Panel;
import org.nqpf.engine.pipeline.PanelResult;
import org.nqpf.engine.profile.Profile;
import org.nqpf.engine.profile.ProfileException;

/**
 * {@code ./nqpf assess --meta META.csv --data DATA.csv [--profile PROFILE.json] [--format csv|json]}: runs the
 * engine on COINr-style files, no server needed, and writes the result to standard output. Exit status 0 on success,
 * 1 for bad input (the message names the file, the line and the problem), 2 for a bad command line.
 */
public final class AssessCommand {

    static final String USAGE = "usage: ./nqpf assess --meta META.csv --data DATA.csv [--profile PROFILE.json] "
            + "[--format csv|json]";

    private AssessCommand() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false,
                StandardCharsets.UTF_8);
        int status = run(args, out, System.err);
        out.flush();
        System.exit(status);
    }

    /** The command without {@code System.exit}, for tests and embedding. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int k = 0; k < args.length; k++) {
            String arg = args[k];
            if (arg.equals("-h") || arg.equals("--help")) {
                out.println(USAGE);
                return 0;
            }
            if (!List.of("--meta", "--data", "--profile", "--format").contains(arg)) {
                err.println("nqpf assess: unknown argument '" + arg + "'\n" + USAGE);
                return 2;
            }
            if (k + 1 >= args.length) {
                err.println("nqpf assess: " + arg + " needs a value\n" + USAGE);
                return 2;
            }
            options.put(arg, args[++k]);
        }
        if (!options.containsKey("--meta") || !options.containsKey("--data")) {
            err.println("nqpf assess: --meta and --data are required\n" + USAGE);
            return 2;
        }
        String format = options.getOrDefault("--format", "json");
        if (!format.equals("json") && !format.equals("csv")) {
            err.println("nqpf assess: --format must be csv or json, not '" + format + "'");
            return 2;
        }
        try {
            Timing timing = Boolean.getBoolean("nqpf.timing") ? new Timing() : null;
            Path metaPath = existing(options.get("--meta"));
            Path dataPath = existing(options.get("--data"));
            Profile profile = Profile.defaults();
            if (options.containsKey("--profile")) {
                Path profilePath = existing(options.get("--profile"));
                profile = Profile.parse(Files.readString(profilePath, StandardCharsets.UTF_8),
                        profilePath.getFileName().toString());
            }
            String profiled = timing == null ? null : timing.lap("profile");
            Framework framework = CoinrFiles.framework(metaPath, metaPath.getFileName().toString());
            Panel panel = CoinrFiles.panel(dataPath, dataPath.getFileName().toString(), framework);
            String read = timing == null ? null : timing.lap("read");
            PanelResult result = new Assessor(profile).assess(framework, panel);
            String assessed = timing == null ? null : timing.lap("assess");
            if (format.equals("json")) {
                writeJson(result, out);
            }
            else {
                writeCsv(result, out);
            }
            out.flush();
            if (timing != null) { // -Dnqpf.timing=true: where the time goes, for the benchmark
                err.println("nqpf assess timing (wall/cpu of all threads): " + timing.started + ", " + profiled + ", "
                        + read + ", " + assessed + ", " + timing.lap("write"));
            }
            return 0;
        }
        catch (InputFileException | ProfileException e) {
            err.println("nqpf assess: " + e.getMessage());
            return 1;
        }
        catch (IllegalArgumentException | IllegalStateException e) {
            err.println("nqpf assess: cannot assess these files: " + e.getMessage());
            return 1;
        }
        catch (IOException e) {
            err.println("nqpf assess: " + e.getMessage());
            return 1;
        }
    }

    /** Wall time and the process's CPU time (all threads, JIT and GC included) per step. */
    private static final class Timing {
        private final com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        private long wall = System.nanoTime();
        private long cpu = os.getProcessCpuTime();
        /** From the JVM's start to the command's. */
        final String started = String.format(java.util.Locale.ROOT, "jvm start %d/%.0f ms",
                java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime(), cpu / 1e6);

        String lap(String step) {
            long w = System.nanoTime();
            long c = os.getProcessCpuTime();
            String text = String.format(java.util.Locale.ROOT, "%s %.0f/%.0f ms", step, (w - wall) / 1e6, (c - cpu) / 1e6);
            wall = w;
            cpu = c;
            return text;
        }
    }

    private static Path existing(String file) throws IOException {
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw new InputFileException(file, 0, Files.exists(path) ? "is not a file" : "does not exist");
        }
        return path;
    }

    /**
     * The JSON document, streamed unit by unit (no tree of maps for 60,000 unit-periods): weights once, then one entry
     * per unit and period. Doubles are written by Jackson's Schubfach writer: the shortest text that reads back as the
     * same double.
     */
    static void writeJson(PanelResult r, OutputStream target) throws IOException {
        JsonFactory factory = JsonFactory.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
                .disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();
        Hierarchy h = r.framework().hierarchy();
        try (JsonGenerator g = factory.createGenerator(target, JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("method", r.method());
            g.writeArrayFieldStart("periods");
            for (String period : r.periods()) {
                g.writeString(period);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("scoreRange");
            g.writeNumber(r.scoreRange().lower());
            g.writeNumber(r.scoreRange().upper());
            g.writeEndArray();

            g.writeArrayFieldStart("weights");
            Map<String, Double> effective = r.effectiveWeights();
            for (Hierarchy.Node node : h.nodes().values()) {
                Framework.NodeInfo info = r.framework().info(node.code());
                g.writeStartObject();
                g.writeStringField("iCode", node.code());
                g.writeStringField("iName", info.name());
                g.writeStringField("type", node.indicator() ? "Indicator" : "Aggregate");
                g.writeNumberField("level", h.level(node.code()));
                g.writeStringField("parent", node.parent());
                g.writeFieldName("weight");
                if (node.code().equals(h.root())) {
                    g.writeNull();
                }
                else {
                    number(g, r.weights().getOrDefault(node.code(), 0.0));
                }
                if (node.indicator()) {
                    g.writeNumberField("direction", node.direction());
                    g.writeFieldName("effectiveWeight");
                    number(g, effective.get(node.code()));
                    g.writeStringField("subsystem", info.subsystem());
                    g.writeStringField("mechanism", info.mechanism());
                    g.writeFieldName("coverage");
                    number(g, r.indicatorCoverage().get(node.code()));
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            if (!r.consistency().isEmpty()) {
                g.writeObjectFieldStart("ahpConsistency");
                for (Map.Entry<String, Ahp.Result> e : r.consistency().entrySet()) {
                    Ahp.Result a = e.getValue();
                    g.writeObjectFieldStart(e.getKey());
                    g.writeNumberField("lambdaMax", a.lambdaMax());
                    g.writeNumberField("CI", a.ci());
                    g.writeNumberField("RI", a.ri());
                    g.writeNumberField("CR", a.cr());
                    g.writeBooleanField("consistent", a.consistent());
                    g.writeEndObject();
                }
                g.writeEndObject();
            }

            g.writeObjectFieldStart("data");
            g.writeArrayFieldStart("screenedOut");
            for (PanelResult.Screened s : r.screened()) {
                g.writeStartObject();
                g.writeStringField("uCode", s.unit());
                g.writeStringField("period", s.period());
                g.writeNumberField("coverage", s.coverage());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeNumberField("imputed", r.imputed());
            g.writeArrayFieldStart("outliersTreated");
            for (PanelResult.Treated t : r.treated()) {
                g.writeStartObject();
                g.writeStringField("iCode", t.indicator());
                g.writeStringField("period", t.period());
                g.writeStringField("action", t.outcome().action().name().toLowerCase());
                g.writeNumberField("winsorisedPoints", t.outcome().winsorised());
                g.writeFieldName("skew");
                number(g, t.outcome().skewBefore());
                g.writeFieldName("kurtosis");
                number(g, t.outcome().kurtosisBefore());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();

            g.writeArrayFieldStart("disparity");
            for (String period : r.periods()) {
                g.writeStartObject();
                g.writeStringField("period", period);
                g.writeFieldName("gini");
                number(g, r.gini(period, h.root()));
                g.writeFieldName("theil");
                number(g, r.theil(period, h.root()));
                g.writeEndObject();
            }
            g.writeEndArray();

            PanelResult.Uncertainty u = r.uncertainty();
            g.writeArrayFieldStart("units");
            for (String period : r.periods()) {
                for (int i = 0; i < r.units().size(); i++) {
                    String unit = r.units().get(i);
                    if (r.included(period, unit)) {
                        writeUnit(g, r, h, u, period, i, unit);
                    }
                }
            }
            g.writeEndArray();
            if (r.periods().size() > 1) {
                g.writeObjectFieldStart("cagr");
                for (String unit : r.units()) {
                    g.writeFieldName(unit);
                    number(g, r.cagr(unit, h.root()));
                }
                g.writeEndObject();
            }
            if (u != null) {
                g.writeObjectFieldStart("uncertainty");
                g.writeStringField("period", u.period());
                g.writeNumberField("runs", u.runs());
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        target.write('\n');
    }

    private static void writeUnit(JsonGenerator g, PanelResult r, Hierarchy h, PanelResult.Uncertainty u,
            String period, int i, String unit) throws IOException {
        g.writeStartObject();
        g.writeStringField("uCode", unit);
        g.writeStringField("uName", r.unitNames().get(i));
        g.writeStringField("period", period);
        g.writeFieldName("coverage");
        number(g, r.coverage(period, unit));
        g.writeObjectFieldStart("scores");
        for (String aggregate : r.aggregates()) {
            g.writeFieldName(aggregate);
            number(g, r.score(period, unit, aggregate));
        }
        g.writeEndObject();
        if (r.hasTopsis()) {
            g.writeFieldName("topsis");
            number(g, r.topsis(period, unit));
        }
        g.writeObjectFieldStart("ranks");
        for (String aggregate : r.aggregates()) {
            g.writeNumberField(aggregate, r.rank(period, unit, aggregate));
        }
        g.writeEndObject();
        if (!r.subsystems().isEmpty()) {
            numbers(g, "subsystems", r.subsystemScores(period, unit));
        }
        Coupling c = r.coupling(period, unit);
        if (c != null) {
            g.writeObjectFieldStart("coupling");
            g.writeFieldName("C");
            number(g, c.c());
            g.writeFieldName("T");
            number(g, c.t());
            g.writeFieldName("D");
            number(g, c.d());
            g.writeStringField("grade", c.grade().name());
            g.writeStringField("gradeZh", c.grade().chinese());
            g.writeStringField("gradeEn", c.grade().english());
            g.writeStringField("lagging", r.lagging(period, unit));
            g.writeEndObject();
        }
        if (r.hasObstacles()) {
            g.writeObjectFieldStart("obstacles");
            numbers(g, "indicators", r.obstacles(period, unit));
            numbers(g, "aggregates", r.aggregateObstacles(period, unit));
            g.writeEndObject();
        }
        numbers(g, "contributions", r.contributions(period, unit));
        if (r.periods().size() > 1) {
            g.writeFieldName("growth");
            number(g, r.growth(period, unit, h.root()));
        }
        if (u != null && u.period().equals(period)) {
            g.writeObjectFieldStart("uncertainty");
            g.writeFieldName("medianRank");
            number(g, u.medianRank()[i]);
            g.writeFieldName("rank5");
            number(g, u.rank5()[i]);
            g.writeFieldName("rank95");
            number(g, u.rank95()[i]);
            g.writeEndObject();
        }
        if (r.hasFrontier()) {
            PanelResult.FrontierPosition f = r.frontier(period, unit);
            if (f == null) {
                g.writeNullField("frontier"); // lacks one of the frontier's indicators this period
            }
            else {
                g.writeObjectFieldStart("frontier");
                g.writeFieldName("efficiency");
                number(g, f.efficiency());
                numbers(g, "peers", f.peers());
                numbers(g, "targets", f.targets());
                numbers(g, "slacks", f.slacks());
                g.writeEndObject();
            }
        }
        if (r.hasProgress() && period.equals(r.periods().get(r.periods().size() - 1))) {
            // Progress runs from the base year to the latest period: once per unit, on its latest entry.
            g.writeObjectFieldStart("progress");
            for (Map.Entry<String, org.nqpf.engine.Progress.Result> e : r.progress(unit).entrySet()) {
                org.nqpf.engine.Progress.Result p = e.getValue();
                g.writeObjectFieldStart(e.getKey());
                g.writeFieldName("cagrObserved");
                number(g, p.cagrObserved());
                g.writeFieldName("cagrRequired");
                number(g, p.cagrRequired());
                g.writeFieldName("ratio");
                number(g, p.ratio());
                g.writeStringField("status", p.status().name());
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void numbers(JsonGenerator g, String field, Map<String, Double> values) throws IOException {
        g.writeObjectFieldStart(field);
        for (Map.Entry<String, Double> e : values.entrySet()) {
            g.writeFieldName(e.getKey());
            number(g, e.getValue());
        }
        g.writeEndObject();
    }

    /** JSON has no NaN: a missing number is null. */
    private static void number(JsonGenerator g, Double v) throws IOException {
        if (v == null || Double.isNaN(v) || Double.isInfinite(v)) {
            g.writeNull();
        }
        else {
            g.writeNumber(v);
        }
    }

    /**
     * One row per unit and period: scores and ranks of every aggregate, subsystems and coupling coordination. Written
     * through one buffer; numbers as the shortest text that reads back as the same double.
     */
    static void writeCsv(PanelResult r, OutputStream target) throws IOException {
        Writer out = new BufferedWriter(new OutputStreamWriter(target, StandardCharsets.UTF_8), 1 << 16);
        List<String> header = new ArrayList<>(List.of("uCode", "uName", "Time"));
        for (String aggregate : r.aggregates()) {
            header.add(aggregate);
            header.add(aggregate + ".rank");
        }
        header.addAll(r.subsystems());
        boolean coupling = r.subsystems().size() >= 2;
        if (coupling) {
            header.addAll(List.of("C", "T", "D", "grade", "lagging"));
        }
        out.write(String.join(",", header.stream().map(AssessCommand::csv).toList()));
        out.write('\n');
        // Unit fields quoted once, not once per period.
        String[] unitFields = new String[r.units().size()];
        for (int i = 0; i < unitFields.length; i++) {
            unitFields[i] = csv(r.units().get(i)) + "," + csv(r.unitNames().get(i)) + ",";
        }
        // Periods are formatted in parallel, a few at a time (bounded memory), and written in order.
        List<String> periods = r.periods();
        int window = 2 * Runtime.getRuntime().availableProcessors();
        for (int from = 0; from < periods.size(); from += window) {
            String[] blocks = new String[Math.min(window, periods.size() - from)];
            int first = from;
            IntStream.range(0, blocks.length).parallel()
                    .forEach(k -> blocks[k] = csvRows(r, periods.get(first + k), unitFields, coupling));
            for (String block : blocks) {
                out.write(block);
            }
        }
        out.flush();
    }

    private static String csvRows(PanelResult r, String period, String[] unitFields, boolean coupling) {
        List<String> aggregates = r.aggregates();
        String periodField = csv(period);
        double[][] scores = new double[aggregates.size()][];
        int[][] ranks = new int[aggregates.size()][];
        for (int k = 0; k < scores.length; k++) {
            scores[k] = r.scores(period, aggregates.get(k));
            ranks[k] = r.ranks(period, aggregates.get(k));
        }
        StringBuilder rows = new StringBuilder(unitFields.length * 32 * (1 + scores.length));
        for (int i = 0; i < unitFields.length; i++) {
            String unit = r.units().get(i);
            if (!r.included(period, unit)) {
                continue;
            }
            rows.append(unitFields[i]).append(periodField);
            for (int k = 0; k < scores.length; k++) {
                rows.append(',');
                csvNumber(rows, scores[k][i]);
                rows.append(',').append(ranks[k][i]);
            }
            if (!r.subsystems().isEmpty()) {
                for (double v : r.subsystemScores(period, unit).values()) {
                    rows.append(',');
                    csvNumber(rows, v);
                }
            }
            if (coupling) {
                Coupling c = r.coupling(period, unit);
                if (c == null) {
                    rows.append(",NA,NA,NA,NA");
                }
                else {
                    rows.append(',');
                    csvNumber(rows, c.c());
                    rows.append(',');
                    csvNumber(rows, c.t());
                    rows.append(',');
                    csvNumber(rows, c.d());
                    rows.append(',').append(c.grade().name());
                }
                String lag = r.lagging(period, unit);
                rows.append(',').append(lag == null ? "" : csv(lag));
            }
            rows.append('\n');
        }
        return rows.toString();
    }

    private static void csvNumber(StringBuilder row, double v) {
        row.append(Double.isNaN(v) ? "NA" : NumberOutput.toString(v, true));
    }

    private static String csv(String field) {
        return field.contains(",") || field.contains("\"") ? "\"" + field.replace("\"", "\"\"") + "\"" : field;
    }
}

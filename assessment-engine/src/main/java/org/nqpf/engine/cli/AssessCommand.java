package org.nqpf.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
            Path metaPath = existing(options.get("--meta"));
            Path dataPath = existing(options.get("--data"));
            Profile profile = Profile.defaults();
            if (options.containsKey("--profile")) {
                Path profilePath = existing(options.get("--profile"));
                profile = Profile.parse(Files.readString(profilePath, StandardCharsets.UTF_8),
                        profilePath.getFileName().toString());
            }
            Framework framework = CoinrFiles.framework(metaPath, metaPath.getFileName().toString());
            Panel panel = CoinrFiles.panel(dataPath, dataPath.getFileName().toString(), framework);
            PanelResult result = new Assessor(profile).assess(framework, panel);
            if (format.equals("json")) {
                ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
                out.println(json.writeValueAsString(toJson(result)));
            }
            else {
                writeCsv(result, out);
            }
            out.flush();
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

    private static Path existing(String file) throws IOException {
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw new InputFileException(file, 0, Files.exists(path) ? "is not a file" : "does not exist");
        }
        return path;
    }

    /** The JSON document: weights once, then one entry per unit and period. */
    static Map<String, Object> toJson(PanelResult r) {
        Hierarchy h = r.framework().hierarchy();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("method", r.method());
        doc.put("periods", r.periods());
        doc.put("scoreRange", List.of(r.scoreRange().lower(), r.scoreRange().upper()));

        List<Map<String, Object>> weights = new ArrayList<>();
        Map<String, Double> effective = r.effectiveWeights();
        for (Hierarchy.Node node : h.nodes().values()) {
            Map<String, Object> w = new LinkedHashMap<>();
            Framework.NodeInfo info = r.framework().info(node.code());
            w.put("iCode", node.code());
            w.put("iName", info.name());
            w.put("type", node.indicator() ? "Indicator" : "Aggregate");
            w.put("level", h.level(node.code()));
            w.put("parent", node.parent());
            w.put("weight", node.code().equals(h.root()) ? null : number(r.weights().getOrDefault(node.code(), 0.0)));
            if (node.indicator()) {
                w.put("direction", node.direction());
                w.put("effectiveWeight", number(effective.get(node.code())));
                w.put("subsystem", info.subsystem());
                w.put("mechanism", info.mechanism());
                w.put("coverage", number(r.indicatorCoverage().get(node.code())));
            }
            weights.add(w);
        }
        doc.put("weights", weights);
        if (!r.consistency().isEmpty()) {
            Map<String, Object> consistency = new LinkedHashMap<>();
            r.consistency().forEach((aggregate, a) -> consistency.put(aggregate, ahp(a)));
            doc.put("ahpConsistency", consistency);
        }

        Map<String, Object> data = new LinkedHashMap<>();
        data.put("screenedOut", r.screened().stream().map(s -> Map.of("uCode", s.unit(), "period", s.period(),
                "coverage", s.coverage())).toList());
        data.put("imputed", r.imputed());
        data.put("outliersTreated", r.treated().stream().map(t -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("iCode", t.indicator());
            m.put("period", t.period());
            m.put("action", t.outcome().action().name().toLowerCase());
            m.put("winsorisedPoints", t.outcome().winsorised());
            m.put("skew", number(t.outcome().skewBefore()));
            m.put("kurtosis", number(t.outcome().kurtosisBefore()));
            return m;
        }).toList());
        doc.put("data", data);

        List<Map<String, Object>> disparity = new ArrayList<>();
        for (String period : r.periods()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("period", period);
            d.put("gini", number(r.gini(period, h.root())));
            d.put("theil", number(r.theil(period, h.root())));
            disparity.add(d);
        }
        doc.put("disparity", disparity);

        PanelResult.Uncertainty u = r.uncertainty();
        List<Map<String, Object>> units = new ArrayList<>();
        for (String period : r.periods()) {
            for (int i = 0; i < r.units().size(); i++) {
                String unit = r.units().get(i);
                if (!r.included(period, unit)) {
                    continue;
                }
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("uCode", unit);
                e.put("uName", r.unitNames().get(i));
                e.put("period", period);
                e.put("coverage", number(r.coverage(period, unit)));
                Map<String, Object> scores = new LinkedHashMap<>();
                Map<String, Object> ranks = new LinkedHashMap<>();
                for (String aggregate : r.aggregates()) {
                    scores.put(aggregate, number(r.score(period, unit, aggregate)));
                    ranks.put(aggregate, r.rank(period, unit, aggregate));
                }
                e.put("scores", scores);
                if (r.hasTopsis()) {
                    e.put("topsis", number(r.topsis(period, unit)));
                }
                e.put("ranks", ranks);
                if (!r.subsystems().isEmpty()) {
                    Map<String, Object> subsystems = new LinkedHashMap<>();
                    r.subsystemScores(period, unit).forEach((s, v) -> subsystems.put(s, number(v)));
                    e.put("subsystems", subsystems);
                }
                Coupling c = r.coupling(period, unit);
                if (c != null) {
                    Map<String, Object> coupling = new LinkedHashMap<>();
                    coupling.put("C", number(c.c()));
                    coupling.put("T", number(c.t()));
                    coupling.put("D", number(c.d()));
                    coupling.put("grade", c.grade().name());
                    coupling.put("gradeZh", c.grade().chinese());
                    coupling.put("gradeEn", c.grade().english());
                    coupling.put("lagging", r.lagging(period, unit));
                    e.put("coupling", coupling);
                }
                if (r.hasObstacles()) {
                    Map<String, Object> obstacles = new LinkedHashMap<>();
                    obstacles.put("indicators", numbers(r.obstacles(period, unit)));
                    obstacles.put("aggregates", numbers(r.aggregateObstacles(period, unit)));
                    e.put("obstacles", obstacles);
                }
                e.put("contributions", numbers(r.contributions(period, unit)));
                if (r.periods().size() > 1) {
                    e.put("growth", number(r.growth(period, unit, h.root())));
                }
                if (u != null && u.period().equals(period)) {
                    e.put("uncertainty", Map.of("medianRank", number(u.medianRank()[i]), "rank5", number(u.rank5()[i]),
                            "rank95", number(u.rank95()[i])));
                }
                units.add(e);
            }
        }
        doc.put("units", units);
        if (r.periods().size() > 1) {
            Map<String, Object> cagr = new LinkedHashMap<>();
            for (String unit : r.units()) {
                cagr.put(unit, number(r.cagr(unit, h.root())));
            }
            doc.put("cagr", cagr);
        }
        if (u != null) {
            doc.put("uncertainty", Map.of("period", u.period(), "runs", u.runs()));
        }
        return doc;
    }

    private static Map<String, Object> ahp(Ahp.Result a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lambdaMax", a.lambdaMax());
        m.put("CI", a.ci());
        m.put("RI", a.ri());
        m.put("CR", a.cr());
        m.put("consistent", a.consistent());
        return m;
    }

    private static Map<String, Object> numbers(Map<String, Double> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, number(v)));
        return out;
    }

    /** JSON has no NaN: a missing number is null. */
    private static Double number(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
    }

    /** One row per unit and period: scores and ranks of every aggregate, subsystems and coupling coordination. */
    static void writeCsv(PanelResult r, PrintStream out) {
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
        out.println(String.join(",", header.stream().map(AssessCommand::csv).toList()));
        for (String period : r.periods()) {
            for (int i = 0; i < r.units().size(); i++) {
                String unit = r.units().get(i);
                if (!r.included(period, unit)) {
                    continue;
                }
                List<String> row = new ArrayList<>(List.of(unit, r.unitNames().get(i), period));
                for (String aggregate : r.aggregates()) {
                    row.add(csvNumber(r.score(period, unit, aggregate)));
                    row.add(Integer.toString(r.rank(period, unit, aggregate)));
                }
                r.subsystemScores(period, unit).values().forEach(v -> row.add(csvNumber(v)));
                if (coupling) {
                    Coupling c = r.coupling(period, unit);
                    row.add(c == null ? "NA" : csvNumber(c.c()));
                    row.add(c == null ? "NA" : csvNumber(c.t()));
                    row.add(c == null ? "NA" : csvNumber(c.d()));
                    row.add(c == null ? "NA" : c.grade().name());
                    String lag = r.lagging(period, unit);
                    row.add(lag == null ? "" : lag);
                }
                out.println(String.join(",", row.stream().map(AssessCommand::csv).toList()));
            }
        }
    }

    private static String csvNumber(double v) {
        return Double.isNaN(v) ? "NA" : Double.toString(v);
    }

    private static String csv(String field) {
        return field.contains(",") || field.contains("\"") ? "\"" + field.replace("\"", "\"\"") + "\"" : field;
    }
}

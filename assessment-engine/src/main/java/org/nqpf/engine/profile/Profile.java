package org.nqpf.engine.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.nqpf.engine.AhpWeights;
import org.nqpf.engine.CombinedWeights;
import org.nqpf.engine.CouplingCoordination;
import org.nqpf.engine.EntropyWeights;
import org.nqpf.engine.Goalposts;
import org.nqpf.engine.Range;
import org.nqpf.engine.data.Imputation;

/**
 * The methods of one assessment and their parameters, step by step along the OECD/JRC checklist. Parsed from JSON
 * (the {@code --profile} file of {@code ./nqpf assess}); every part is optional and defaults to COINr's published
 * ASEM method: no screening, no imputation, no outlier treatment, min-max into [0, 100] over each period, the
 * framework's weights, arithmetic means, standard coupling with equal α.
 * <pre>{@code
 * {"screen": {"threshold": 0.66},
 *  "impute": {"method": "none|mean|median|latest|linear|linear-constant"},
 *  "outliers": {"method": "none|coinr", "winmax": 5, "skew": 2, "kurtosis": 3.5},
 *  "normalise": {"method": "none|minmax|zscore|goalposts|rank|vector", "range": [0, 100], "over": "period|panel",
 *                "mean": 0, "sd": 1, "goalposts": {"IND": [low, high]}},
 *  "weights": {"method": "meta|equal|entropy|critic|ahp|combined", "on": "normalised|raw",
 *              "matrices": {"AGGREGATE": {"order": ["A", "B"], "matrix": [[1, 3], [0.333, 1]]}},
 *              "subjective": {...weights...}, "objective": {...weights...}, "combine": "multiplicative|linear", "alpha": 0.5},
 *  "aggregate": {"method": "amean|gmean|hmean|topsis", "topsis": false},
 *  "coupling": {"method": "standard|corrected", "alpha": {"AI": 0.5, "NQPF": 0.5}},
 *  "frontier": {"model": "ccr|bcc", "orientation": "input|output", "inputs": ["IND", ...], "outputs": ["IND", ...]},
 *  "progress": {"base": "2015", "targetYear": "2030"},
 *  "uncertainty": {"runs": 200, "seed": 1, "weightNoise": 0.25, "normalise": ["minmax", "rank"], "aggregate": ["amean", "gmean"],
 *                  "period": "2023"}}
 * }</pre>
 */
public record Profile(Screen screen, Impute impute, Outliers outliers, Normalise normalise, Weights weights,
        Aggregate aggregate, Coupling coupling, Uncertainty uncertainty, Frontier frontier, ProgressSpec progress) {

    /**
     * The efficiency frontier by data envelopment analysis on the raw values of the named indicators, per period.
     *
     * @param inputs  indicator codes taken as inputs (e.g. the AI side)
     * @param outputs indicator codes taken as outputs (e.g. the NQPF side)
     */
    public record Frontier(org.nqpf.engine.frontier.Dea.Model model, org.nqpf.engine.frontier.Dea.Orientation orientation,
            List<String> inputs, List<String> outputs) {
    }

    /**
     * Progress of each indicator toward its target (iMeta {@code Target}) by the Open SDG measure.
     *
     * @param base       the base year (the first year with data from it on is used)
     * @param targetYear the year the targets are due
     */
    public record ProgressSpec(double base, double targetYear) {
    }

    /** @param threshold units (per period) with a smaller share of available indicators are left out; 0 keeps all */
    public record Screen(double threshold) {
    }

    public record Impute(Imputation method) {
    }

    /** @param enabled COINr's winsorisation-then-log rule when true */
    public record Outliers(boolean enabled, int winmax, double skew, double kurtosis) {
    }

    public enum NormaliseMethod { NONE, MINMAX, ZSCORE, GOALPOSTS, RANK, VECTOR }

    /** Whether normalisation bounds come from each period or from the whole panel (time trends stay comparable). */
    public enum Over { PERIOD, PANEL }

    /**
     * @param range         target range of minmax, goalposts and rank; with none, the scale the data already lie on
     * @param rangeDeclared  the profile gave {@code range} (not the default): with none, only a declared range is a
     *                       scale the data can be read on
     * @param goalposts      per-indicator goalposts; indicators not listed take theirs from the metadata
     */
    public record Normalise(NormaliseMethod method, Range range, boolean rangeDeclared, Over over, double mean,
            double sd, Map<String, Goalposts.Posts> goalposts) {
    }

    public enum WeightsMethod { META, EQUAL, ENTROPY, CRITIC, AHP, COMBINED }

    /**
     * @param on         the data entropy weights are computed on
     * @param matrices   AHP: aggregate → pairwise comparison of its children
     * @param subjective combined: the subjective scheme (meta or ahp)
     * @param objective  combined: the objective scheme (entropy or critic)
     */
    public record Weights(WeightsMethod method, EntropyWeights.Basis on, Map<String, AhpWeights.Comparison> matrices,
            Weights subjective, Weights objective, CombinedWeights.Mode combine, double alpha) {
    }

    public enum AggregateMethod { AMEAN, GMEAN, HMEAN, TOPSIS }

    /**
     * @param topsis also compute each unit's TOPSIS closeness over all indicators (with their effective weights) next
     *               to the mean-based scores, as entropy-TOPSIS studies report it
     */
    public record Aggregate(AggregateMethod method, boolean topsis) {
    }

    /** @param alpha subsystem → contribution α_i; empty for equal contributions */
    public record Coupling(CouplingCoordination.Model model, Map<String, Double> alpha) {
    }

    /**
     * Monte Carlo over weights and method choices.
     *
     * @param weightNoise each weight is multiplied by a uniform factor in [1 - noise, 1 + noise]
     * @param normalise   normalisation methods drawn from (empty: the profile's own)
     * @param aggregate   aggregation methods drawn from (empty: the profile's own)
     * @param period      the period whose ranks are analysed; null for the latest
     */
    public record Uncertainty(int runs, long seed, double weightNoise, List<NormaliseMethod> normalise,
            List<AggregateMethod> aggregate, String period) {
    }

    /** The same methods with another uncertainty analysis (null: none). */
    public Profile withUncertainty(Uncertainty analysis) {
        return new Profile(screen, impute, outliers, normalise, weights, aggregate, coupling, analysis, frontier,
                progress);
    }

    // A key given twice is refused: which of the two a lenient parser keeps is not what the author meant
    private static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** The default profile: {@code {"normalise": {"method": "minmax", "range": [0, 100]}, "weights": {"method": "meta"}, "aggregate": {"method": "amean"}}}. */
    public static Profile defaults() {
        return parse("{}", "default profile");
    }

    /**
     * @param source names the file in error messages
     * @throws ProfileException naming the source, the line of a syntax error, or the path of a bad value
     */
    public static Profile parse(String json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        }
        catch (JsonProcessingException e) {
            // A limit the parser enforces (nesting depth, length) has no location
            String where = e.getLocation() == null ? "" : " line " + e.getLocation().getLineNr();
            throw new ProfileException(source + where + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            root = JSON.createObjectNode();
        }
        Reader r = new Reader(source);
        ObjectNode top = r.object(root, "");
        r.only(top, "", Set.of("screen", "impute", "outliers", "normalise", "weights", "aggregate", "coupling",
                "uncertainty", "frontier", "progress", "name", "description"));
        ObjectNode screen = r.section(top, "screen", Set.of("threshold"));
        ObjectNode impute = r.section(top, "impute", Set.of("method"));
        ObjectNode outliers = r.section(top, "outliers", Set.of("method", "winmax", "skew", "kurtosis"));
        ObjectNode normalise = r.section(top, "normalise", Set.of("method", "range", "over", "mean", "sd", "goalposts"));
        ObjectNode aggregate = r.section(top, "aggregate", Set.of("method", "topsis"));
        ObjectNode coupling = r.section(top, "coupling", Set.of("method", "alpha"));

        double threshold = r.number(screen, "screen.threshold", 0);
        if (threshold < 0 || threshold > 1) {
            throw ProfileException.at(source, "screen.threshold", " " + threshold + " must lie in [0, 1]");
        }
        Imputation imputation = r.choice(impute, "impute.method", "none", Imputation.class);
        String outlierMethod = r.text(outliers, "outliers.method", "none");
        if (!outlierMethod.equals("none") && !outlierMethod.equals("coinr")) {
            throw ProfileException.at(source, "outliers.method", " '" + outlierMethod + "' is unknown; use none or coinr");
        }
        Outliers outlierSpec = new Outliers(outlierMethod.equals("coinr"), (int) r.number(outliers, "outliers.winmax", 5),
                r.number(outliers, "outliers.skew", 2), r.number(outliers, "outliers.kurtosis", 3.5));

        NormaliseMethod method = r.choice(normalise, "normalise.method", "minmax", NormaliseMethod.class);
        Range range = r.range(normalise, "normalise.range", method == NormaliseMethod.VECTOR ? Range.UNIT : Range.PERCENT);
        Over over = r.choice(normalise, "normalise.over", "period", Over.class);
        double sd = r.number(normalise, "normalise.sd", 1);
        if (!(sd > 0)) {
            throw ProfileException.at(source, "normalise.sd", " " + sd + " must be > 0");
        }
        Map<String, Goalposts.Posts> goalposts = new LinkedHashMap<>();
        if (normalise.has("goalposts")) {
            ObjectNode gp = r.object(normalise.get("goalposts"), "normalise.goalposts");
            for (Iterator<String> it = gp.fieldNames(); it.hasNext();) {
                String indicator = it.next();
                Range posts = r.range(gp, "normalise.goalposts." + indicator, null);
                goalposts.put(indicator, new Goalposts.Posts(posts.lower(), posts.upper()));
            }
        }
        Normalise normaliseSpec = new Normalise(method, range, normalise.has("range") && !normalise.get("range").isNull(), over, r.number(normalise, "normalise.mean", 0), sd,
                goalposts);

        Weights weights = r.weights(top.has("weights") ? top.get("weights") : JSON.createObjectNode(), "weights", true);

        CouplingCoordination.Model model = switch (r.text(coupling, "coupling.method", "standard")) {
            case "standard" -> CouplingCoordination.Model.CLASSIC;
            case "corrected" -> CouplingCoordination.Model.CORRECTED;
            default -> throw ProfileException.at(source, "coupling.method", " '" + coupling.get("method").asText()
                    + "' is unknown; use standard or corrected");
        };
        Map<String, Double> alpha = new LinkedHashMap<>();
        if (coupling.has("alpha")) {
            ObjectNode a = r.object(coupling.get("alpha"), "coupling.alpha");
            for (Iterator<String> it = a.fieldNames(); it.hasNext();) {
                String subsystem = it.next();
                double value = r.number(a, "coupling.alpha." + subsystem, Double.NaN);
                if (!(value >= 0)) {
                    throw ProfileException.at(source, "coupling.alpha." + subsystem, " must be a number >= 0");
                }
                alpha.put(subsystem, value);
            }
        }

        Uncertainty uncertainty = null;
        if (top.has("uncertainty")) {
            ObjectNode u = r.section(top, "uncertainty", Set.of("runs", "seed", "weightNoise", "normalise", "aggregate",
                    "period"));
            int runs = (int) r.number(u, "uncertainty.runs", 200);
            double noise = r.number(u, "uncertainty.weightNoise", 0.25);
            if (runs < 1 || noise < 0 || noise >= 1) {
                throw ProfileException.at(source, "uncertainty", " needs runs >= 1 and weightNoise in [0, 1)");
            }
            uncertainty = new Uncertainty(runs, (long) r.number(u, "uncertainty.seed", 1), noise,
                    r.choices(u, "uncertainty.normalise", NormaliseMethod.class),
                    r.choices(u, "uncertainty.aggregate", AggregateMethod.class),
                    r.text(u, "uncertainty.period", null));
        }
        Frontier frontier = null;
        if (top.has("frontier")) {
            ObjectNode f = r.section(top, "frontier", Set.of("model", "orientation", "inputs", "outputs"));
            List<String> inputs = r.codes(f, "frontier.inputs");
            List<String> outputs = r.codes(f, "frontier.outputs");
            frontier = new Frontier(r.choice(f, "frontier.model", "ccr", org.nqpf.engine.frontier.Dea.Model.class),
                    r.choice(f, "frontier.orientation", "input", org.nqpf.engine.frontier.Dea.Orientation.class),
                    inputs, outputs);
        }
        ProgressSpec progress = null;
        if (top.has("progress")) {
            ObjectNode g = r.section(top, "progress", Set.of("base", "targetYear"));
            double base = r.year(g, "progress.base", 2015);
            double due = r.year(g, "progress.targetYear", 2030);
            if (!(due > base)) {
                throw ProfileException.at(source, "progress.targetYear", " " + (long) due + " must come after the base year "
                        + (long) base);
            }
            progress = new ProgressSpec(base, due);
        }
        return new Profile(new Screen(threshold), new Impute(imputation), outlierSpec, normaliseSpec, weights,
                new Aggregate(r.choice(aggregate, "aggregate.method", "amean", AggregateMethod.class),
                        r.bool(aggregate, "aggregate.topsis", false)),
                new Coupling(model, alpha), uncertainty, frontier, progress);
    }

    /** JSON access with errors that name the source and the path. */
    private record Reader(String source) {

        ObjectNode object(JsonNode node, String path) {
            if (!(node instanceof ObjectNode object)) {
                throw new ProfileException(source + ": " + (path.isEmpty() ? "the profile" : path)
                        + " must be a JSON object");
            }
            return object;
        }

        ObjectNode section(ObjectNode top, String name, Set<String> allowed) {
            ObjectNode section = top.has(name) ? object(top.get(name), name) : JSON.createObjectNode();
            only(section, name, allowed);
            return section;
        }

        void only(ObjectNode node, String path, Set<String> allowed) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
                String field = it.next();
                if (!allowed.contains(field)) {
                    String setting = (path.isEmpty() ? "" : path + ".") + field;
                    throw ProfileException.at(source, setting, " is an unknown setting (unknown setting " + setting
                            + "); known: " + String.join(", ", allowed.stream().sorted().toList()));
                }
            }
        }

        String text(ObjectNode node, String path, String fallback) {
            JsonNode value = node.get(last(path));
            if (value == null || value.isNull()) {
                return fallback;
            }
            if (!value.isTextual()) {
                throw ProfileException.at(source, path, " must be a string");
            }
            return value.asText();
        }

        double number(ObjectNode node, String path, double fallback) {
            JsonNode value = node.get(last(path));
            if (value == null || value.isNull()) {
                return fallback;
            }
            if (!value.isNumber()) {
                throw ProfileException.at(source, path, " must be a number, got " + value);
            }
            return value.asDouble();
        }

        boolean bool(ObjectNode node, String path, boolean fallback) {
            JsonNode value = node.get(last(path));
            if (value == null || value.isNull()) {
                return fallback;
            }
            if (!value.isBoolean()) {
                throw ProfileException.at(source, path, " must be true or false");
            }
            return value.asBoolean();
        }

        <E extends Enum<E>> E choice(ObjectNode node, String path, String fallback, Class<E> type) {
            return choiceOf(text(node, path, fallback), path, type);
        }

        <E extends Enum<E>> E choiceOf(String name, String path, Class<E> type) {
            String constant = name.toUpperCase(Locale.ROOT).replace('-', '_');
            for (E e : type.getEnumConstants()) {
                if (e.name().equals(constant)) {
                    return e;
                }
            }
            List<String> known = new ArrayList<>();
            for (E e : type.getEnumConstants()) {
                known.add(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            }
            throw ProfileException.at(source, path, " '" + name + "' is unknown; use one of "
                    + String.join(", ", known));
        }

        <E extends Enum<E>> List<E> choices(ObjectNode node, String path, Class<E> type) {
            JsonNode value = node.get(last(path));
            List<E> out = new ArrayList<>();
            if (value == null || value.isNull()) {
                return out;
            }
            if (!value.isArray()) {
                throw ProfileException.at(source, path, " must be an array of method names");
            }
            for (JsonNode item : value) {
                out.add(choiceOf(item.asText(), path, type));
            }
            return out;
        }

        /** A non-empty array of indicator codes. */
        List<String> codes(ObjectNode node, String path) {
            JsonNode value = node.get(last(path));
            if (value == null || !value.isArray() || value.isEmpty()) {
                throw ProfileException.at(source, path, " must be a non-empty array of indicator codes");
            }
            List<String> out = new ArrayList<>();
            for (JsonNode item : value) {
                if (!item.isTextual() || item.asText().isBlank()) {
                    throw ProfileException.at(source, path, " must hold indicator codes, got " + item);
                }
                out.add(item.asText());
            }
            return out;
        }

        /** A year given as a number or as text ("2015"). */
        double year(ObjectNode node, String path, double fallback) {
            JsonNode value = node.get(last(path));
            if (value == null || value.isNull()) {
                return fallback;
            }
            try {
                double year = value.isNumber() ? value.asDouble() : Double.parseDouble(value.asText());
                if (year != Math.rint(year)) {
                    throw new NumberFormatException();
                }
                return year;
            }
            catch (NumberFormatException e) {
                throw ProfileException.at(source, path, " must be a year such as \"2015\", got " + value);
            }
        }

        Range range(ObjectNode node, String path, Range fallback) {
            JsonNode value = node.get(last(path));
            if (value == null || value.isNull()) {
                if (fallback == null) {
                    throw ProfileException.at(source, path, " is required");
                }
                return fallback;
            }
            if (!value.isArray() || value.size() != 2 || !value.get(0).isNumber() || !value.get(1).isNumber()) {
                throw ProfileException.at(source, path, " must be [lower, upper], got " + value);
            }
            try {
                return new Range(value.get(0).asDouble(), value.get(1).asDouble());
            }
            catch (IllegalArgumentException e) {
                throw ProfileException.at(source, path, ": " + e.getMessage());
            }
        }

        Weights weights(JsonNode node, String path, boolean top) {
            ObjectNode w = object(node, path);
            only(w, path, Set.of("method", "on", "matrices", "subjective", "objective", "combine", "alpha"));
            WeightsMethod method = choice(w, path + ".method", "meta", WeightsMethod.class);
            EntropyWeights.Basis on = switch (text(w, path + ".on", "normalised")) {
                case "normalised", "normalized" -> EntropyWeights.Basis.NORMALISED;
                case "raw" -> EntropyWeights.Basis.RAW;
                default -> throw ProfileException.at(source, path, ".on must be normalised or raw");
            };
            Map<String, AhpWeights.Comparison> matrices = new LinkedHashMap<>();
            if (w.has("matrices")) {
                ObjectNode m = object(w.get("matrices"), path + ".matrices");
                for (Iterator<String> it = m.fieldNames(); it.hasNext();) {
                    String aggregate = it.next();
                    matrices.put(aggregate, comparison(m.get(aggregate), path + ".matrices." + aggregate));
                }
            }
            if (method == WeightsMethod.AHP && matrices.isEmpty()) {
                throw ProfileException.at(source, path, " method ahp needs matrices");
            }
            Weights subjective = null;
            Weights objective = null;
            if (method == WeightsMethod.COMBINED) {
                if (!top) {
                    throw ProfileException.at(source, path, " cannot nest combined weights");
                }
                subjective = weights(w.has("subjective") ? w.get("subjective") : JSON.createObjectNode(),
                        path + ".subjective", false);
                objective = weights(w.has("objective") ? w.get("objective")
                        : JSON.createObjectNode().put("method", "entropy"), path + ".objective", false);
                // Combining is defined for one judgement-based and one data-based scheme (Ma et al.'s game theory,
                // the literature's multiplicative synthesis); two of a kind would count one source twice.
                if (!Set.of(WeightsMethod.META, WeightsMethod.EQUAL, WeightsMethod.AHP).contains(subjective.method())) {
                    throw ProfileException.at(source, path, ".subjective.method "
                            + subjective.method().name().toLowerCase(Locale.ROOT)
                            + " is not a subjective scheme; use equal, meta or ahp");
                }
                if (!Set.of(WeightsMethod.ENTROPY, WeightsMethod.CRITIC).contains(objective.method())) {
                    throw ProfileException.at(source, path, ".objective.method "
                            + objective.method().name().toLowerCase(Locale.ROOT)
                            + " is not an objective scheme; use entropy or critic");
                }
            }
            CombinedWeights.Mode combine = switch (text(w, path + ".combine", "multiplicative")) {
                case "multiplicative" -> CombinedWeights.Mode.MULTIPLICATIVE;
                case "linear" -> CombinedWeights.Mode.LINEAR;
                default -> throw ProfileException.at(source, path, ".combine must be multiplicative or linear");
            };
            double alpha = number(w, path + ".alpha", 0.5);
            if (alpha < 0 || alpha > 1) {
                throw ProfileException.at(source, path, ".alpha " + alpha + " must lie in [0, 1]");
            }
            return new Weights(method, on, matrices, subjective, objective, combine, alpha);
        }

        AhpWeights.Comparison comparison(JsonNode node, String path) {
            ObjectNode c = object(node, path);
            only(c, path, Set.of("order", "matrix"));
            JsonNode order = c.get("order");
            JsonNode matrix = c.get("matrix");
            if (order == null || !order.isArray() || matrix == null || !matrix.isArray()
                    || matrix.size() != order.size()) {
                throw ProfileException.at(source, path, " needs \"order\" (the children) and a square "
                        + "\"matrix\" with one row per child");
            }
            List<String> names = new ArrayList<>();
            order.forEach(n -> names.add(n.asText()));
            double[][] a = new double[names.size()][names.size()];
            for (int i = 0; i < a.length; i++) {
                JsonNode row = matrix.get(i);
                if (!row.isArray() || row.size() != a.length) {
                    throw ProfileException.at(source, path, ".matrix row " + (i + 1) + " needs " + a.length
                            + " numbers");
                }
                for (int j = 0; j < a.length; j++) {
                    if (!row.get(j).isNumber()) {
                        throw ProfileException.at(source, path, ".matrix[" + (i + 1) + "][" + (j + 1)
                                + "] must be a number");
                    }
                    a[i][j] = row.get(j).asDouble();
                }
            }
            return new AhpWeights.Comparison(names, a);
        }

        private static String last(String path) {
            return path.substring(path.lastIndexOf('.') + 1);
        }
    }
}

package org.nqpf.engine.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.nqpf.engine.Aggregation;
import org.nqpf.engine.AhpWeights;
import org.nqpf.engine.ArithmeticMean;
import org.nqpf.engine.BoundedNormalisation;
import org.nqpf.engine.CombinedWeights;
import org.nqpf.engine.Coupling;
import org.nqpf.engine.CouplingCoordination;
import org.nqpf.engine.CriticWeights;
import org.nqpf.engine.EntropyWeights;
import org.nqpf.engine.GeometricMean;
import org.nqpf.engine.Goalposts;
import org.nqpf.engine.HarmonicMean;
import org.nqpf.engine.Identity;
import org.nqpf.engine.MinMax;
import org.nqpf.engine.Normalisation;
import org.nqpf.engine.ObstacleDegree;
import org.nqpf.engine.Range;
import org.nqpf.engine.RankScaling;
import org.nqpf.engine.Ranks;
import org.nqpf.engine.Topsis;
import org.nqpf.engine.VectorNormalisation;
import org.nqpf.engine.Weighting;
import org.nqpf.engine.ZScore;
import org.nqpf.engine.data.DataCoverage;
import org.nqpf.engine.data.Imputation;
import org.nqpf.engine.data.OutlierTreatment;
import org.nqpf.engine.frontier.Dea;
import org.nqpf.engine.profile.Profile;
import org.nqpf.engine.profile.ProfileException;

/**
 * Runs a whole assessment on a panel, step by step as the OECD/JRC checklist orders them: data screening,
 * imputation, outlier treatment, normalisation (per period or over the panel), weighting, aggregation through every
 * level (or TOPSIS), ranks, subsystem scores and their coupling coordination, obstacle degrees, and, when the profile
 * asks, a Monte Carlo uncertainty analysis of the latest period's ranks. Plain Java, no state between runs: one
 * assessor may serve many panels. Normalisation (per indicator) and the period-by-period step run on the common
 * fork-join pool, one task per core.
 */
public final class Assessor {

    private final Profile profile;
    /** Built once: building it checks the judgements (an AHP matrix Saaty would send back is refused here). */
    private final Weighting weighting;

    /**
     * @throws org.nqpf.engine.profile.ProfileException when the profile cannot be run whatever the data: AHP
     *         judgements Saaty would send back (CR above 0.1), a geometric or harmonic mean over a scale with zero
     */
    public Assessor(Profile profile) {
        this.profile = profile;
        this.weighting = weighting(profile.weights(), "weights");
        Profile.AggregateMethod a = profile.aggregate().method();
        if (a == Profile.AggregateMethod.GMEAN || a == Profile.AggregateMethod.HMEAN) {
            Profile.NormaliseMethod n = profile.normalise().method();
            // Vector values are never negative; the others lie on their range, which must start above zero.
            boolean positive = n == Profile.NormaliseMethod.VECTOR || (n != Profile.NormaliseMethod.ZSCORE
                    && (n != Profile.NormaliseMethod.NONE || profile.normalise().rangeDeclared())
                    && profile.normalise().range().lower() > 0);
            if (!positive) {
                throw ProfileException.at(null, "aggregate.method", " " + a.name().toLowerCase() + " needs normalised values "
                        + "above zero, but normalise gives " + profile.normalise().method().name().toLowerCase()
                        + (n == Profile.NormaliseMethod.ZSCORE ? "" : " on " + profile.normalise().range())
                        + ": one zero would zero the whole mean; use a range such as [1, 100] (as COINr advises)");
            }
        }
    }

    /**
     * Refuses a profile whose scores have no fixed scale when coupling coordination is asked of them: its T and D
     * read the subsystem scores on [0, 1], which an unbounded normalisation (z-scores, none without a declared range)
     * does not give. TOPSIS closeness always lies on [0, 1], whatever the normalisation.
     */
    public void requireScale() {
        Profile.Normalise n = profile.normalise();
        if (profile.aggregate().method() != Profile.AggregateMethod.TOPSIS
                && n.method() == Profile.NormaliseMethod.ZSCORE) {
            throw ProfileException.at(null, "normalise.method", unscaled(" zscore gives scores without a fixed range"));
        }
    }

    static String unscaled(String why) {
        return why + ", so coupling coordination (T, D) and obstacle degrees have no scale to be read on: use minmax, "
                + "rank, goalposts or vector, or none with the range the data lie on (normalise.range, e.g. [0, 1])";
    }

    public Profile profile() {
        return profile;
    }

    /** Stable text naming the methods; equal texts mean equal computations. */
    public String describe() {
        return "screen=" + profile.screen().threshold() + ";impute=" + profile.impute().method() + ";outliers="
                + (profile.outliers().enabled() ? "coinr" : "none") + ";normalise=" + describeNormalisation() + "/"
                + profile.normalise().over().name().toLowerCase() + ";weights=" + describeWeighting() + ";aggregate="
                + describeAggregation() + ";coupling=" + profile.coupling().model();
    }

    /** The normalisation and its scale, e.g. {@code minmax[0,100]}; {@code none} without a declared scale. */
    public String describeNormalisation() {
        Profile.Normalise n = profile.normalise();
        boolean scaled = n.method() != Profile.NormaliseMethod.ZSCORE
                && (n.method() != Profile.NormaliseMethod.NONE || n.rangeDeclared());
        return n.method().name().toLowerCase() + (scaled ? n.range().toString() : "");
    }

    public String describeWeighting() {
        return weighting.describe();
    }

    public String describeAggregation() {
        return profile.aggregate().method().name().toLowerCase();
    }

    public PanelResult assess(Framework framework, Panel panel) {
        checkShape(framework, panel);
        int periods = panel.periods().size();
        int n = panel.units().size();
        int m = framework.hierarchy().indicators().size();
        List<String> indicators = framework.hierarchy().indicators();

        // The panel is never changed: steps that alter values (screening, imputation, outlier treatment) work on a
        // copy; without them the values are only read, and a large panel is not copied.
        boolean alters = profile.screen().threshold() > 0 || profile.impute().method() != Imputation.NONE
                || profile.outliers().enabled();
        double[][][] x = panel.values();
        if (alters) {
            x = new double[periods][n][];
            for (int t = 0; t < periods; t++) {
                for (int i = 0; i < n; i++) {
                    x[t][i] = panel.values()[t][i].clone();
                }
            }
        }

        // 1. Data availability and screening: a unit-period without enough data is left out of that period.
        boolean[][] included = new boolean[periods][n];
        double[][] coverage = new double[periods][];
        List<PanelResult.Screened> screened = new ArrayList<>();
        for (int t = 0; t < periods; t++) {
            coverage[t] = DataCoverage.perRow(x[t]);
            for (int i = 0; i < n; i++) {
                included[t][i] = coverage[t][i] > 0 && coverage[t][i] >= profile.screen().threshold() - 1e-12;
                if (!included[t][i] && coverage[t][i] > 0) { // a unit without any value is simply absent
                    screened.add(new PanelResult.Screened(panel.units().get(i), panel.periods().get(t),
                            coverage[t][i]));
                    Arrays.fill(x[t][i], Double.NaN);
                }
            }
        }
        double[] indicatorCoverage = DataCoverage.perColumn(includedRows(x, included));

        // 2. Imputation.
        int imputed = impute(profile.impute().method(), x, included, panel.times());

        // 3. Outlier treatment (per period, or over the panel when normalisation is).
        List<PanelResult.Treated> treated = new ArrayList<>();
        if (profile.outliers().enabled()) {
            OutlierTreatment treatment = new OutlierTreatment(profile.outliers().winmax(), profile.outliers().skew(),
                    profile.outliers().kurtosis());
            boolean pooled = profile.normalise().over() == Profile.Over.PANEL;
            for (int j = 0; j < m; j++) {
                for (int t = 0; t < (pooled ? 1 : periods); t++) {
                    int from = pooled ? 0 : t;
                    int to = pooled ? periods : t + 1;
                    double[] column = column(x, j, from, to);
                    OutlierTreatment.Outcome outcome = treatment.treat(column);
                    if (outcome.action() != OutlierTreatment.Action.NONE) {
                        setColumn(x, j, from, to, column);
                        treated.add(new PanelResult.Treated(indicators.get(j), pooled ? "panel" : panel.periods().get(t),
                                outcome));
                    }
                }
            }
        }

        // 4. Normalisation.
        Normalisation normalisation = normalisation(profile.normalise().method(), framework, x);
        double[][][] z = normalise(normalisation, framework, x, profile.normalise().over());
        if (normalisation == Identity.INSTANCE) {
            // Data given as they are, without a declared scale: [0, 1] when they all lie in it, else no scale.
            double[] outside = outsideUnit(z);
            if (outside == null) {
                normalisation = Identity.on(Range.UNIT);
            }
            else if (framework.subsystems().size() >= 2 && profile.aggregate().method() != Profile.AggregateMethod.TOPSIS) {
                int t = (int) outside[0];
                int i = (int) outside[1];
                int j = (int) outside[2];
                throw ProfileException.at(null, "normalise.method", unscaled(" none has no declared range and the data leave "
                        + "[0, 1] (" + indicators.get(j) + " = " + outside[3] + " for " + panel.units().get(i) + " in "
                        + panel.periods().get(t) + ")"));
            }
        }
        if (framework.subsystems().size() >= 2) {
            requireScale();
        }

        // 5. Weights, from all included unit-periods (so weights are one set for the whole panel).
        Map<String, Double> weights = weighting.weights(framework.hierarchy(), includedRows(z, included),
                includedRows(x, included));
        CompiledHierarchy compiled = new CompiledHierarchy(framework.hierarchy(), weights);
        Map<String, org.nqpf.engine.Ahp.Result> consistency = new LinkedHashMap<>();
        collectConsistency(weighting, consistency);

        // 6. Aggregation, ranks, subsystems, coupling, obstacles: period by period.
        Range scoreRange = scoreRange(normalisation);
        Aggregation aggregation = aggregation(profile.aggregate().method());
        List<String> subsystems = framework.subsystems();
        int[][] subsystemMembers = subsystems.stream()
                .map(s -> java.util.stream.IntStream.range(0, m)
                        .filter(j -> s.equals(framework.info(indicators.get(j)).subsystem())).toArray())
                .toArray(int[][]::new);
        double[] alpha = alpha(subsystems);
        Range bounded = normalisation instanceof BoundedNormalisation b ? b.range() : null;

        double[][][] scores = new double[periods][][];
        int[][][] ranks = new int[periods][compiled.nodeCount()][];
        double[][][] subsystemScores = new double[periods][subsystems.size()][n];
        Coupling[][] couplings = new Coupling[periods][n];
        String[][] lagging = new String[periods][n];
        double[][][] obstacles = bounded == null ? null : new double[periods][n][];
        double[][] topsis = profile.aggregate().topsis() ? new double[periods][] : null;
        int[] allIndicators = java.util.stream.IntStream.range(0, m).toArray();
        // Periods are independent (each writes only its own slots): one per core.
        IntStream.range(0, periods).parallel().forEach(t -> {
            scores[t] = aggregate(compiled, z[t], aggregation, scoreRange, compiled.childWeights);
            if (topsis != null) {
                topsis[t] = Topsis.closeness(z[t], allIndicators, compiled.effective);
            }
            for (int k = m; k < compiled.nodeCount(); k++) {
                ranks[t][k] = Ranks.descending(scores[t][k]);
            }
            // TOPSIS subsystems are cohort-wise; mean-based ones are computed unit by unit below.
            subsystemScores[t] = aggregation == null
                    ? topsisSubsystems(compiled, z[t], subsystemMembers, scoreRange) : new double[subsystems.size()][n];
            double[] share = new double[compiled.nodeCount()];
            double[] f = new double[m];
            double[] unitScore = new double[m];
            double[][] memberValues = new double[subsystemMembers.length][];
            double[][] memberWeights = new double[subsystemMembers.length][];
            for (int s = 0; s < subsystemMembers.length; s++) {
                memberValues[s] = new double[subsystemMembers[s].length];
                memberWeights[s] = new double[subsystemMembers[s].length];
            }
            double[] u = new double[subsystems.size()];
            for (int i = 0; i < n; i++) {
                if (Double.isNaN(scores[t][compiled.root][i])) {
                    if (aggregation != null) {
                        for (double[] sub : subsystemScores[t]) {
                            sub[i] = Double.NaN;
                        }
                    }
                    continue;
                }
                // F_j: each indicator's share of the root for this unit, weights re-scaled over what it has.
                compiled.shares(scores[t], i, share);
                double[] row = z[t][i];
                if (aggregation != null) {
                    for (int s = 0; s < subsystemMembers.length; s++) {
                        int[] js = subsystemMembers[s];
                        for (int k = 0; k < js.length; k++) {
                            memberValues[s][k] = row[js[k]];
                            memberWeights[s][k] = share[js[k]];
                        }
                        // A subsystem aggregates its own indicators with their factor contributions F_j as weights,
                        // so an indicator counts in its subsystem as it counts in the overall score.
                        subsystemScores[t][s][i] = aggregation.aggregate(memberValues[s], memberWeights[s]);
                    }
                }
                if (subsystems.size() >= 2) {
                    boolean complete = true;
                    for (int s = 0; s < u.length; s++) {
                        double v = subsystemScores[t][s][i];
                        complete &= !Double.isNaN(v);
                        u[s] = Math.max(0, Math.min(1, scoreRange.toUnit(v)));
                    }
                    if (complete) {
                        couplings[t][i] = CouplingCoordination.of(u, alpha, profile.coupling().model());
                        int lag = CouplingCoordination.lagging(u);
                        lagging[t][i] = lag < 0 ? null : subsystems.get(lag);
                    }
                }
                if (obstacles != null) {
                    System.arraycopy(share, 0, f, 0, m);
                    for (int j = 0; j < m; j++) {
                        unitScore[j] = bounded.toUnit(row[j]);
                    }
                    obstacles[t][i] = ObstacleDegree.of(f, unitScore, new double[m]);
                }
            }
        });

        PanelResult.Uncertainty uncertainty = profile.uncertainty() == null ? null
                : uncertainty(framework, panel, x, included, compiled, normalisation);
        Dea.Result[][] frontier = profile.frontier() == null ? null
                : frontier(profile.frontier(), indicators, panel);

        return new PanelResult(framework, panel, describe(), profile.normalise().over(), compiled, weights,
                consistency, included,
                coverage, indicatorCoverage, screened, imputed, treated, z, bounded, scoreRange, scores, ranks,
                subsystems, subsystemScores, couplings, lagging, obstacles, topsis, uncertainty, frontier,
                profile.frontier(), profile.progress());
    }

    // ---- steps ------------------------------------------------------------------------------------------------

    private static int impute(Imputation method, double[][][] x, boolean[][] included, double[] times) {
        int filled = 0;
        if (method == Imputation.MEAN || method == Imputation.MEDIAN) {
            for (int t = 0; t < x.length; t++) {
                filled += method.fillCohort(includedRows(new double[][][] {x[t]}, new boolean[][] {included[t]}));
            }
        }
        else if (method.panel()) {
            int periods = x.length;
            int n = periods == 0 ? 0 : x[0].length;
            int m = n == 0 ? 0 : x[0][0].length;
            double[] series = new double[periods];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    for (int t = 0; t < periods; t++) {
                        series[t] = x[t][i][j];
                    }
                    if (method.fillSeries(times, series) == 0) {
                        continue;
                    }
                    for (int t = 0; t < periods; t++) {
                        // Screened-out unit-periods stay out: imputation fills gaps, it does not revive a unit.
                        if (included[t][i] && Double.isNaN(x[t][i][j]) && !Double.isNaN(series[t])) {
                            x[t][i][j] = series[t];
                            filled++;
                        }
                    }
                }
            }
        }
        return filled;
    }

    /** The rows of included unit-periods, as references (no copy). */
    private static double[][] includedRows(double[][][] x, boolean[][] included) {
        int count = 0;
        for (boolean[] period : included) {
            for (boolean in : period) {
                count += in ? 1 : 0;
            }
        }
        double[][] rows = new double[count][];
        int k = 0;
        for (int t = 0; t < x.length; t++) {
            for (int i = 0; i < x[t].length; i++) {
                if (included[t][i]) {
                    rows[k++] = x[t][i];
                }
            }
        }
        return rows;
    }

    private static double[] column(double[][][] x, int j, int from, int to) {
        int n = x[0].length;
        double[] column = new double[(to - from) * n];
        for (int t = from; t < to; t++) {
            for (int i = 0; i < n; i++) {
                column[(t - from) * n + i] = x[t][i][j];
            }
        }
        return column;
    }

    private static void setColumn(double[][][] x, int j, int from, int to, double[] column) {
        int n = x[0].length;
        for (int t = from; t < to; t++) {
            for (int i = 0; i < n; i++) {
                x[t][i][j] = column[(t - from) * n + i];
            }
        }
    }

    static double[][][] normalise(Normalisation normalisation, Framework framework, double[][][] x, Profile.Over over) {
        int periods = x.length;
        int n = periods == 0 ? 0 : x[0].length;
        List<String> indicators = framework.hierarchy().indicators();
        int m = indicators.size();
        double[][][] z = new double[periods][n][m];
        int[] directions = indicators.stream().mapToInt(code -> framework.hierarchy().node(code).direction()).toArray();
        int blocks = over == Profile.Over.PANEL ? 1 : periods;
        for (int b = 0; b < blocks; b++) {
            int from = over == Profile.Over.PANEL ? 0 : b;
            int to = over == Profile.Over.PANEL ? periods : b + 1;
            double[][] columns = columns(x, from, to, m);
            IntStream.range(0, m).parallel() // columns are independent: one per core
                    .forEach(j -> columns[j] = normalisation.normalise(indicators.get(j), columns[j], directions[j]));
            fromColumns(z, from, to, columns);
        }
        return z;
    }

    /**
     * Periods [from, to) as one array per indicator. Rows are read in memory order and written to m sequential
     * streams: reading a column straight out of the row-major panel would stride through memory m times.
     */
    private static double[][] columns(double[][][] x, int from, int to, int m) {
        int n = x[0].length;
        double[][] columns = new double[m][(to - from) * n];
        IntStream.range(from, to).parallel().forEach(t -> { // periods fill disjoint parts: one per core
            for (int i = 0, k = (t - from) * n; i < n; i++, k++) {
                double[] row = x[t][i];
                for (int j = 0; j < m; j++) {
                    columns[j][k] = row[j];
                }
            }
        });
        return columns;
    }

    private static void fromColumns(double[][][] x, int from, int to, double[][] columns) {
        int n = x[0].length;
        int m = columns.length;
        IntStream.range(from, to).parallel().forEach(t -> {
            for (int i = 0, k = (t - from) * n; i < n; i++, k++) {
                double[] row = x[t][i];
                for (int j = 0; j < m; j++) {
                    row[j] = columns[j][k];
                }
            }
        });
    }

    /**
     * Scores of every node for one period: scores[node][unit]; indicators' are their normalised values.
     *
     * @param aggregation null for TOPSIS closeness over each aggregate's indicators
     */
    static double[][] aggregate(CompiledHierarchy c, double[][] z, Aggregation aggregation, Range scoreRange,
            double[][] childWeights) {
        int n = z.length;
        int m = c.indicators;
        double[][] scores = new double[c.nodeCount()][n];
        for (int i = 0; i < n; i++) {
            double[] row = z[i];
            for (int j = 0; j < m; j++) {
                scores[j][i] = row[j];
            }
        }
        if (aggregation == null) {
            double[] effective = effectiveWeights(c, childWeights);
            for (int a = m; a < c.nodeCount(); a++) {
                double[] closeness = Topsis.closeness(z, c.descendants[a], effective);
                for (int i = 0; i < n; i++) {
                    scores[a][i] = scoreRange.lower() + closeness[i] * scoreRange.width();
                }
            }
            return scores;
        }
        for (int a = m; a < c.nodeCount(); a++) {
            int[] kids = c.children[a];
            double[] w = childWeights[a];
            double[] values = new double[kids.length];
            double[] out = scores[a];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < kids.length; k++) {
                    values[k] = scores[kids[k]][i];
                }
                out[i] = aggregation.aggregate(values, w);
            }
        }
        return scores;
    }

    private static double[] effectiveWeights(CompiledHierarchy c, double[][] childWeights) {
        if (childWeights == c.childWeights) {
            return c.effective;
        }
        double[] effective = new double[c.indicators];
        for (int j = 0; j < c.indicators; j++) {
            double share = 1;
            for (int node = j; c.parent[node] >= 0; node = c.parent[node]) {
                int p = c.parent[node];
                double sum = 0;
                double own = 0;
                for (int k = 0; k < c.children[p].length; k++) {
                    sum += childWeights[p][k];
                    own += c.children[p][k] == node ? childWeights[p][k] : 0;
                }
                share *= sum == 0 ? 0 : own / sum;
            }
            effective[j] = share;
        }
        return effective;
    }

    /** TOPSIS closeness of every unit over each subsystem's indicators, with their effective weights. */
    private static double[][] topsisSubsystems(CompiledHierarchy c, double[][] z, int[][] members, Range scoreRange) {
        double[][] out = new double[members.length][];
        for (int s = 0; s < members.length; s++) {
            out[s] = Topsis.closeness(z, members[s], c.effective);
            for (int i = 0; i < out[s].length; i++) {
                out[s][i] = scoreRange.lower() + out[s][i] * scoreRange.width();
            }
        }
        return out;
    }

    private double[] alpha(List<String> subsystems) {
        double[] alpha = new double[subsystems.size()];
        Map<String, Double> given = profile.coupling().alpha();
        for (int s = 0; s < alpha.length; s++) {
            if (given.isEmpty()) {
                alpha[s] = 1;
            }
            else if (!given.containsKey(subsystems.get(s))) {
                throw new IllegalArgumentException("coupling.alpha gives no contribution for subsystem "
                        + subsystems.get(s) + " (subsystems: " + subsystems + ")");
            }
            else {
                alpha[s] = given.get(subsystems.get(s));
            }
        }
        return alpha;
    }

    private PanelResult.Uncertainty uncertainty(Framework framework, Panel panel, double[][][] x, boolean[][] included,
            CompiledHierarchy compiled, Normalisation base) {
        Profile.Uncertainty spec = profile.uncertainty();
        int last = spec.period() == null ? x.length - 1 : panel.periods().indexOf(spec.period());
        if (last < 0) {
            throw new IllegalArgumentException("uncertainty.period " + spec.period() + " is not a period of the panel "
                    + panel.periods());
        }
        int n = panel.units().size();
        List<Profile.NormaliseMethod> normalisations = spec.normalise().isEmpty()
                ? List.of(profile.normalise().method()) : spec.normalise();
        List<Profile.AggregateMethod> aggregations = spec.aggregate().isEmpty()
                ? List.of(profile.aggregate().method()) : spec.aggregate();
        Map<Profile.NormaliseMethod, double[][]> normalisedLast = new LinkedHashMap<>();
        Map<Profile.NormaliseMethod, Normalisation> instances = new LinkedHashMap<>();
        for (Profile.NormaliseMethod method : normalisations) {
            // The profile's own method as the main run resolved it (none read on [0, 1] when the data lie in it).
            Normalisation normalisation = method == profile.normalise().method() ? base
                    : normalisation(method, framework, x);
            instances.put(method, normalisation);
            normalisedLast.put(method, normalise(normalisation, framework, x, profile.normalise().over())[last]);
        }
        SplittableRandom random = new SplittableRandom(spec.seed());
        int[][] ranks = new int[spec.runs()][];
        for (int r = 0; r < spec.runs(); r++) {
            Profile.NormaliseMethod nm = normalisations.get(random.nextInt(normalisations.size()));
            Profile.AggregateMethod am = aggregations.get(random.nextInt(aggregations.size()));
            Normalisation normalisation = instances.get(nm);
            Aggregation aggregation = aggregation(am);
            if (!compatible(normalisation, aggregation)) {
                aggregation = ArithmeticMean.INSTANCE; // a geometric mean of z-scores is undefined: fall back
            }
            double[][] w = new double[compiled.childWeights.length][];
            for (int k = 0; k < w.length; k++) {
                if (compiled.childWeights[k] != null) {
                    w[k] = compiled.childWeights[k].clone();
                    for (int q = 0; q < w[k].length; q++) {
                        w[k][q] *= 1 + spec.weightNoise() * (2 * random.nextDouble() - 1);
                    }
                }
            }
            double[][] s = aggregate(compiled, normalisedLast.get(nm), aggregation, scoreRange(normalisation), w);
            ranks[r] = Ranks.descending(s[compiled.root]);
        }
        double[] median = new double[n];
        double[] p5 = new double[n];
        double[] p95 = new double[n];
        for (int i = 0; i < n; i++) {
            if (!included[last][i]) {
                median[i] = p5[i] = p95[i] = Double.NaN;
                continue;
            }
            double[] r = new double[spec.runs()];
            for (int k = 0; k < r.length; k++) {
                r[k] = ranks[k][i];
            }
            Arrays.sort(r);
            median[i] = quantile(r, 0.5);
            p5[i] = quantile(r, 0.05);
            p95[i] = quantile(r, 0.95);
        }
        return new PanelResult.Uncertainty(panel.periods().get(last), spec.runs(), median, p5, p95);
    }

    /**
     * Data envelopment analysis of each period on the raw values of the profile's inputs and outputs (no
     * normalisation: the frontier is in the indicators' own units), over the units with all of them.
     */
    private static Dea.Result[][] frontier(Profile.Frontier spec, List<String> indicators,
            Panel panel) {
        int[] in = columns(spec.inputs(), indicators, "frontier.inputs");
        int[] out = columns(spec.outputs(), indicators, "frontier.outputs");
        Dea dea = new Dea(spec.model(), spec.orientation());
        Dea.Result[][] results = new Dea.Result[panel.periods().size()][];
        for (int t = 0; t < results.length; t++) {
            double[][] rows = panel.values()[t];
            double[][] x = new double[rows.length][];
            double[][] y = new double[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                x[i] = pick(rows[i], in);
                y[i] = pick(rows[i], out);
            }
            results[t] = dea.evaluate(x, y);
        }
        return results;
    }

    private static int[] columns(List<String> codes, List<String> indicators, String path) {
        int[] at = new int[codes.size()];
        for (int k = 0; k < at.length; k++) {
            at[k] = indicators.indexOf(codes.get(k));
            if (at[k] < 0) {
                throw ProfileException.at(null, path + "[" + k + "]", ": " + codes.get(k)
                        + " is not an indicator of the framework");
            }
        }
        return at;
    }

    private static double[] pick(double[] row, int[] at) {
        double[] out = new double[at.length];
        for (int k = 0; k < at.length; k++) {
            out[k] = row[at[k]];
        }
        return out;
    }

    /** Quantile of sorted values by linear interpolation (R's default, type 7). */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    // ---- method factories ---------------------------------------------------------------------------------------

    Normalisation normalisation(Profile.NormaliseMethod method, Framework framework, double[][][] x) {
        Profile.Normalise spec = profile.normalise();
        return switch (method) {
            case NONE -> spec.rangeDeclared() ? Identity.on(spec.range()) : Identity.INSTANCE;
            case MINMAX -> new MinMax(spec.range());
            case ZSCORE -> new ZScore(spec.mean(), spec.sd());
            case RANK -> new RankScaling(spec.range());
            case VECTOR -> VectorNormalisation.INSTANCE;
            case GOALPOSTS -> new Goalposts(goalposts(framework, x), spec.range());
        };
    }

    /** Goalposts per indicator: the profile's, else the metadata's GPlow/GPhigh, else observed worst to Target. */
    private Map<String, Goalposts.Posts> goalposts(Framework framework, double[][][] x) {
        Map<String, Goalposts.Posts> posts = new LinkedHashMap<>();
        List<String> indicators = framework.hierarchy().indicators();
        for (int j = 0; j < indicators.size(); j++) {
            String code = indicators.get(j);
            Goalposts.Posts given = profile.normalise().goalposts().get(code);
            Framework.NodeInfo info = framework.info(code);
            if (given != null) {
                posts.put(code, given);
            }
            else if (!Double.isNaN(info.low()) && !Double.isNaN(info.high())) {
                posts.put(code, new Goalposts.Posts(info.low(), info.high()));
            }
            else if (!Double.isNaN(info.target())) {
                double[] column = column(x, j, 0, x.length);
                double min = Arrays.stream(column).filter(v -> !Double.isNaN(v)).min().orElse(Double.NaN);
                double max = Arrays.stream(column).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
                boolean more = framework.hierarchy().node(code).direction() > 0;
                double low = more ? Math.min(min, info.target()) : info.target();
                double high = more ? info.target() : Math.max(max, info.target());
                if (!(low < high)) {
                    throw new IllegalArgumentException("indicator " + code + ": target " + info.target()
                            + " leaves no room for goalposts given the observed values");
                }
                posts.put(code, new Goalposts.Posts(low, high));
            }
            else {
                throw new IllegalArgumentException("indicator " + code + " has no goalposts: give normalise.goalposts."
                        + code + " in the profile, or GPlow/GPhigh or Target in the metadata");
            }
        }
        return posts;
    }

    /**
     * @param path where the weights sit in the profile, for messages
     */
    static Weighting weighting(Profile.Weights spec, String path) {
        return switch (spec.method()) {
            case META -> Weighting.given();
            case EQUAL -> Weighting.equal();
            case ENTROPY -> new EntropyWeights(spec.on());
            case CRITIC -> CriticWeights.INSTANCE;
            case AHP -> ahp(spec.matrices(), path + ".matrices");
            case COMBINED -> new CombinedWeights(weighting(spec.subjective(), path + ".subjective"),
                    weighting(spec.objective(), path + ".objective"), spec.combine(), spec.alpha());
        };
    }

    /**
     * AHP judgements, refused when Saaty would send them back for revision (CR above 0.1), so no score rests on
     * them. Judged children the data lack drop out (a cohort without some indicator is weighted on the judgements
     * among the rest); every child present must be judged, so a misspelt name is caught.
     */
    private static Weighting ahp(Map<String, AhpWeights.Comparison> matrices, String path) {
        AhpWeights ahp;
        try {
            ahp = AhpWeights.overDataPresent(matrices, Weighting.given());
        }
        catch (IllegalArgumentException e) {
            throw ProfileException.at(null, path, ": " + e.getMessage());
        }
        ahp.consistency().forEach((aggregate, r) -> {
            if (!r.consistent()) {
                throw ProfileException.at(null, path + "." + aggregate + ".matrix", ": consistency ratio %.3f exceeds %.1f; revise the judgements"
                        .formatted(r.cr(), org.nqpf.engine.Ahp.ACCEPTABLE_CR));
            }
        });
        return ahp;
    }

    private static void collectConsistency(Weighting weighting, Map<String, org.nqpf.engine.Ahp.Result> out) {
        if (weighting instanceof AhpWeights ahp) {
            out.putAll(ahp.consistency());
        }
        else if (weighting instanceof CombinedWeights combined) {
            collectConsistency(combined.subjective(), out);
        }
    }

    /** @return null for TOPSIS, which is cohort-wise rather than a mean of children */
    static Aggregation aggregation(Profile.AggregateMethod method) {
        return switch (method) {
            case AMEAN -> ArithmeticMean.INSTANCE;
            case GMEAN -> GeometricMean.INSTANCE;
            case HMEAN -> HarmonicMean.INSTANCE;
            case TOPSIS -> null;
        };
    }

    /** The scale of aggregate scores: the normalisation's range; TOPSIS closeness goes onto [0, 100] when unbounded. */
    private static Range scoreRange(Normalisation normalisation) {
        return normalisation instanceof BoundedNormalisation b ? b.range() : Range.PERCENT;
    }

    private static boolean compatible(Normalisation normalisation, Aggregation aggregation) {
        boolean means = aggregation instanceof GeometricMean || aggregation instanceof HarmonicMean;
        return !means || normalisation instanceof VectorNormalisation
                || (normalisation instanceof BoundedNormalisation b && b.range().lower() > 0);
    }

    /** The first value outside [0, 1] as {t, i, j, value}, or null when all lie in it. */
    private static double[] outsideUnit(double[][][] z) {
        for (int t = 0; t < z.length; t++) {
            for (int i = 0; i < z[t].length; i++) {
                for (int j = 0; j < z[t][i].length; j++) {
                    double v = z[t][i][j];
                    if (v < 0 || v > 1) {
                        return new double[] {t, i, j, v};
                    }
                }
            }
        }
        return null;
    }

    /** Checks that a panel fits its framework before any work is done. */
    private static void checkShape(Framework framework, Panel panel) {
        int m = framework.hierarchy().indicators().size();
        for (double[][] slice : panel.values()) {
            for (int i = 0; i < slice.length; i++) {
                if (slice[i].length != m) {
                    throw new IllegalArgumentException("unit " + panel.units().get(i) + " has " + slice[i].length
                            + " values for " + m + " indicators");
                }
            }
        }
    }
}

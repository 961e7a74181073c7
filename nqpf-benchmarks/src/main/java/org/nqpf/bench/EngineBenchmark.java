package org.nqpf.bench;

import java.util.concurrent.TimeUnit;
import org.nqpf.engine.pipeline.Assessor;
import org.nqpf.engine.pipeline.PanelResult;
import org.nqpf.engine.profile.Profile;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The full pipeline on 3,000 units × 100 indicators × 20 periods, single-threaded: min-max over the whole panel,
 * entropy weights on the normalised panel, arithmetic means through three levels, TOPSIS closeness, coupling
 * coordination of the AI and NQPF subsystems, obstacle degrees of every indicator, ranks of every aggregate. The
 * plain pass reads the same values once (a sum), the floor any computation over them pays.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
public class EngineBenchmark {

    static final String PROFILE = """
            {"normalise": {"method": "minmax", "range": [0, 100], "over": "panel"},
             "weights": {"method": "entropy", "on": "normalised"},
             "aggregate": {"method": "amean", "topsis": true},
             "coupling": {"method": "standard"}}""";

    @Param("3000")
    public int units;
    @Param("100")
    public int indicators;
    @Param("20")
    public int periods;

    private SyntheticCohort cohort;
    private Assessor assessor;

    @Setup(Level.Trial)
    public void setUp() {
        cohort = new SyntheticCohort(units, indicators, periods, 42);
        assessor = new Assessor(Profile.parse(PROFILE, "benchmark profile"));
        // Fail before measuring if the pipeline does not produce what is claimed.
        PanelResult r = assessor.assess(cohort.framework, cohort.panel);
        String last = r.periods().get(r.periods().size() - 1);
        String unit = r.units().get(0);
        if (!r.hasObstacles() || !r.hasTopsis() || r.coupling(last, unit) == null
                || r.rank(last, unit, "INDEX") < 1) {
            throw new IllegalStateException("the benchmark pipeline is incomplete");
        }
    }

    @Benchmark
    public PanelResult pipeline() {
        return assessor.assess(cohort.framework, cohort.panel);
    }

    @Benchmark
    public void plainPass(Blackhole blackhole) {
        double sum = 0;
        for (double[][] period : cohort.panel.values()) {
            for (double[] unit : period) {
                for (double v : unit) {
                    if (v == v) { // not NaN
                        sum += v;
                    }
                }
            }
        }
        blackhole.consume(sum);
    }
}

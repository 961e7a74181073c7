package org.nqpf.bench;

import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * {@code ./nqpf bench engine [--forks N] [--warmup N] [--iterations N] [--time SECONDS]}: runs {@link EngineBenchmark}
 * with JMH (default 1 fork, 3 warm-up and 5 measured iterations of 2 s) and prints, as its last line,
 * {@code engine pipeline_ms=<ms> plain_pass_ms=<ms> ratio=<pipeline/plain>}.
 */
public final class EngineBenchmarkMain {

    private EngineBenchmarkMain() {
    }

    public static void main(String[] args) throws RunnerException {
        int forks = 1;
        int warmup = 3;
        int iterations = 5;
        int seconds = 2;
        for (int k = 0; k < args.length; k++) {
            String value = k + 1 < args.length ? args[k + 1] : null;
            switch (args[k]) {
                case "--forks" -> forks = positive(args[k], value);
                case "--warmup" -> warmup = positive(args[k], value);
                case "--iterations" -> iterations = positive(args[k], value);
                case "--time" -> seconds = positive(args[k], value);
                default -> {
                    System.err.println("usage: ./nqpf bench engine [--forks N] [--warmup N] [--iterations N] [--time SECONDS]");
                    System.exit(2);
                }
            }
            k++;
        }
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(EngineBenchmark.class.getName() + "\\.")
                .forks(forks)
                .warmupIterations(warmup)
                .warmupTime(TimeValue.seconds(seconds))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.seconds(seconds))
                .threads(1)
                // A heap fixed and touched up front: growing it mid-run put page faults into some iterations.
                .jvmArgs("-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch", "-XX:+UseParallelGC");
        Collection<RunResult> results = new Runner(options.build()).run();
        double pipeline = Double.NaN;
        double plain = Double.NaN;
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            double ms = result.getPrimaryResult().getScore();
            if (name.endsWith(".pipeline")) {
                pipeline = ms;
            }
            else if (name.endsWith(".plainPass")) {
                plain = ms;
            }
        }
        System.out.println();
        System.out.println("3,000 units x 100 indicators x 20 periods, single-threaded; pipeline = panel min-max, "
                + "entropy weights, three-level arithmetic aggregation, TOPSIS, coupling coordination, obstacle "
                + "degree, ranks");
        System.out.printf(Locale.ROOT, "engine pipeline_ms=%.1f plain_pass_ms=%.2f ratio=%.1f%n", pipeline, plain,
                pipeline / plain);
    }

    private static int positive(String option, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1) {
                return n;
            }
        }
        catch (NumberFormatException e) {
            // reported below
        }
        System.err.println(option + " needs a whole number >= 1");
        System.exit(2);
        return 0;
    }
}

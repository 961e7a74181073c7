package org.nqpf.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.nqpf.contracts.AssessmentComputed;
import org.nqpf.roadmap.library.LibrarySeed;
import org.nqpf.roadmap.library.LibraryVersion;
import org.nqpf.roadmap.planning.Plan;
import org.nqpf.roadmap.planning.Planner;
import org.nqpf.roadmap.planning.PlanningInput;
import org.nqpf.roadmap.planning.PlanningProfile;
import org.nqpf.roadmap.planning.Unplannable;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./nqpf bench roadmap [--entities N] [--indicators M] [--runs R]}: plans the roadmap, frontier included, of
 * every entity of a synthetic cohort assessed by the real pipeline ({@link RoadmapCohort}), in-process through
 * {@link Planner#plan(PlanningInput)} with the shipped library and the default planning profile, as roadmap-service's
 * worker plans a cohort-period: one list of the cohort's assessments for every member, the entity's earlier period as
 * its history.
 * <p>
 * One warm-up run over every entity, then R measured runs. Each run starts a new Planner (the planner keeps the
 * cohort's shared state, built by the first plan of a cohort: matrices, what-if, frontier); the first plan of each run
 * is timed on its own as the shared state's cost, then every entity's plan() is timed. Prints as its last line
 * {@code roadmap entities=N mean_ms=.. p99_ms=..} over the measured runs' per-entity plans.
 */
public final class RoadmapBenchmark {

    private RoadmapBenchmark() {
    }

    public static void main(String[] args) {
        int entities = 3000;
        int indicators = 30;
        int runs = 3;
        boolean sides = false;
        for (int k = 0; k < args.length; k += 2) {
            String value = k + 1 < args.length ? args[k + 1] : "";
            switch (args[k]) {
                case "--entities" -> entities = Integer.parseInt(value);
                case "--indicators" -> indicators = Integer.parseInt(value);
                case "--runs" -> runs = Integer.parseInt(value);
                case "--frontier-sides" -> {
                    sides = true; // the frontier on the two subsystem scores only: one input, one output
                    k--;
                }
                default -> {
                    System.err.println("usage: ./nqpf bench roadmap [--entities N] [--indicators M] [--runs R] [--frontier-sides]");
                    System.exit(2);
                }
            }
        }
        System.out.printf(Locale.ROOT, "java %s, %d cores, -Xmx %d MB, load average %s%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, load());

        long t0 = System.nanoTime();
        RoadmapCohort cohort = new RoadmapCohort(entities, indicators, 20261201L);
        LibraryVersion library = LibrarySeed.shipped(JsonMapper.builder().build(), cohort.known);
        System.out.printf(Locale.ROOT, "cohort: %d entities x %d indicators x %d periods (%s), assessed by the "
                        + "pipeline in %.2f s (%.2f s with generation and the library); library v%d of %s, %d actions%n",
                entities, cohort.indicators.size(), RoadmapCohort.PERIODS.size(), RoadmapCohort.PERIODS,
                cohort.assessSeconds, (System.nanoTime() - t0) / 1e9, library.version(), library.frameworkCode(),
                library.actions().size());

        List<AssessmentComputed> latest = cohort.events.get(cohort.events.size() - 1);
        List<AssessmentComputed> before = cohort.events.get(0);
        java.util.Map<String, AssessmentComputed> previous = new java.util.HashMap<>();
        before.forEach(a -> previous.put(a.entityId(), a));
        PlanningProfile profile = PlanningProfile.defaults();
        if (sides) {
            profile = new PlanningProfile(profile.version(), profile.weights(), profile.targetStrategy(),
                    profile.quantile(), profile.nearestPeers(), profile.maxTargets(), profile.maxActions(),
                    new PlanningProfile.FrontierSpec(profile.frontier().model(), profile.frontier().orientation(),
                            List.of("AI"), List.of("NQPF")));
        }
        // One list for every member, as the worker plans a cohort-period: the planner recognises it and builds the
        // cohort's shared state once.
        List<AssessmentComputed> members = List.copyOf(latest);
        List<PlanningInput> inputs = new ArrayList<>(members.size());
        for (AssessmentComputed a : members) {
            AssessmentComputed h = previous.get(a.entityId());
            inputs.add(new PlanningInput(a, members, h == null ? List.of() : List.of(h), library, profile, null));
        }
        System.out.printf(Locale.ROOT, "planning profile: targets by %s (quantile %.2f, k=%d), frontier %s/%s, up to "
                        + "%d targets and %d actions per entity%n", profile.targetStrategy(), profile.quantile(),
                profile.nearestPeers(), profile.frontier().model(), profile.frontier().orientation(),
                profile.maxTargets(), profile.maxActions());
        long heapBefore = peakHeap();

        Run warm = run(inputs, "warm-up (not counted)");
        resetPeaks();
        long gcCount = gcCount();
        long gcMs = gcMillis();
        List<Run> measured = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            measured.add(run(inputs, "run " + (r + 1)));
        }
        gcCount = gcCount() - gcCount;
        gcMs = gcMillis() - gcMs;

        double[] all = measured.stream().flatMapToDouble(r -> Arrays.stream(r.millis)).sorted().toArray();
        double mean = Arrays.stream(all).average().orElse(Double.NaN);
        double p50 = percentile(all, 0.50);
        double p99 = percentile(all, 0.99);
        double[] shared = measured.stream().mapToDouble(r -> r.sharedMs).sorted().toArray();
        Plan sample = warm.sample;
        System.out.printf(Locale.ROOT, "what was planned (warm-up run): %d plans, %d unplannable; per plan %.1f targets, "
                        + "%.1f actions; frontier efficiency in %d of them; %d distinct peers named by targets%n",
                warm.plans, warm.unplannable, warm.targets / (double) Math.max(1, warm.plans),
                warm.actions / (double) Math.max(1, warm.plans), warm.withFrontier, warm.peers.size());
        if (sample != null && sample.frontier() != null) {
            System.out.printf(Locale.ROOT, "frontier of %s: %s %s, inputs %s, outputs %s, efficiency %s%s%n",
                    sample.entityId(), sample.frontier().model(), sample.frontier().orientation(),
                    sample.frontier().inputs(), sample.frontier().outputs(), sample.frontier().efficiency(),
                    sample.frontier().note() == null ? "" : " (" + sample.frontier().note() + ")");
        }
        System.out.printf(Locale.ROOT, "cohort's shared state (first plan of a new Planner, less one plan's median): "
                        + "median %.1f ms over %d runs (warm-up %.1f ms)%n", median(shared), shared.length,
                warm.sharedMs);
        System.out.printf(Locale.ROOT, "plan() per entity over %d runs x %d entities: mean %.3f ms, p50 %.3f ms, "
                        + "p99 %.3f ms, max %.3f ms; per run mean %s ms; %d GCs, %d ms in GC%n", measured.size(),
                inputs.size(), mean, p50, p99, all.length == 0 ? Double.NaN : all[all.length - 1],
                measured.stream().map(r -> String.format(Locale.ROOT, "%.3f", Arrays.stream(r.millis).average()
                        .orElse(Double.NaN))).toList(), gcCount, gcMs);
        System.out.printf(Locale.ROOT, "peak heap: %d MB while assessing and before planning, %d MB during the "
                        + "measured runs (sum of the heap pools' peaks; -Xmx %d MB)%n", heapBefore >> 20,
                peakHeap() >> 20, Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf(Locale.ROOT, "roadmap entities=%d mean_ms=%.3f p99_ms=%.3f%n", inputs.size(), mean, p99);
    }

    /** One pass over every entity with a new Planner. */
    static final class Run {
        double[] millis;
        double sharedMs;
        int plans;
        int unplannable;
        long targets;
        long actions;
        int withFrontier;
        Set<String> peers = new HashSet<>();
        Plan sample;
    }

    private static Run run(List<PlanningInput> inputs, String label) {
        Planner planner = new Planner();
        Run run = new Run();
        long start = System.nanoTime();
        // The first plan builds the cohort's shared state; it is timed apart and planned again below.
        long first = System.nanoTime();
        plan(planner, inputs.get(0), null);
        double firstMs = (System.nanoTime() - first) / 1e6;
        run.millis = new double[inputs.size()];
        for (int i = 0; i < inputs.size(); i++) {
            long s = System.nanoTime();
            Plan plan = plan(planner, inputs.get(i), run);
            run.millis[i] = (System.nanoTime() - s) / 1e6;
            if (plan != null && run.sample == null) {
                run.sample = plan;
            }
        }
        double[] sorted = run.millis.clone();
        Arrays.sort(sorted);
        run.sharedMs = firstMs - median(sorted);
        System.out.printf(Locale.ROOT, "  %s: %d plans in %.2f s, first plan %.1f ms, mean %.3f ms, p99 %.3f ms "
                        + "(load average %s)%n", label, inputs.size(), (System.nanoTime() - start) / 1e9, firstMs,
                Arrays.stream(sorted).average().orElse(Double.NaN), percentile(sorted, 0.99), load());
        return run;
    }

    private static Plan plan(Planner planner, PlanningInput input, Run run) {
        try {
            Plan plan = planner.plan(input);
            if (run != null) {
                run.plans++;
                run.targets += plan.targets().size();
                run.actions += plan.actions().size();
                if (plan.frontier() != null && plan.frontier().efficiency() != null) {
                    run.withFrontier++;
                }
                for (Plan.Target t : plan.targets()) {
                    if (t.peers() != null) {
                        t.peers().forEach(p -> run.peers.add(p.entityId()));
                    }
                }
            }
            return plan;
        }
        catch (Unplannable e) {
            if (run != null) {
                run.unplannable++;
            }
            return null;
        }
    }

    /** Nearest rank. */
    private static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double median(double[] sorted) {
        return percentile(sorted, 0.5);
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static void resetPeaks() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    private static String load() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        }
        catch (java.io.IOException | RuntimeException e) {
            return "?";
        }
    }
}

package org.nqpf.launcher.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CPU time spent by each part of the platform between two snapshots: where a path's cost goes (the service's JVM,
 * PostgreSQL's processes, the broker, this JVM as the feeder or the floor's sink). Processes that end in between are
 * not counted, so a snapshot pair is only taken around a phase whose processes live through it.
 */
final class CpuMeter {

    private final Path postgresData;

    CpuMeter(Path stateDir) {
        this.postgresData = stateDir.resolve("postgres");
    }

    /** CPU time so far, in ms, per part: service modules by their jar, "postgres", "kafka", "bench". */
    Map<String, Long> snapshot() {
        Map<String, Long> cpu = new LinkedHashMap<>();
        cpu.put("bench", cpuMillis(ProcessHandle.current()));
        Optional<ProcessHandle> postmaster = postmaster();
        java.util.Set<Long> database = postmaster.map(pm -> Stream.concat(Stream.of(pm), pm.descendants())
                .map(ProcessHandle::pid).collect(java.util.stream.Collectors.toSet())).orElse(java.util.Set.of());
        ProcessHandle.current().descendants().filter(p -> !database.contains(p.pid())).forEach(p -> {
            String command = p.info().commandLine().orElse("");
            String part = command.contains("kafka.Kafka") ? "kafka"
                    : command.contains("indicator-service.jar") ? "indicator-service"
                    : command.contains("gateway.jar") ? "gateway"
                    : command.contains("auth-server") ? "auth-server"
                    : command.contains("-jar ") ? command.replaceAll(".*/([a-z-]+?)(-exec)?\\.jar.*", "$1")
                    // the JDK may not read a long command line (the broker's classpath): the broker, then
                    : p.parent().map(ProcessHandle::pid).orElse(-1L) == ProcessHandle.current().pid() ? "kafka"
                    : null;
            if (part != null) {
                cpu.merge(part, cpuMillis(p), Long::sum);
            }
        });
        postmaster.ifPresent(pm -> cpu.put("postgres", Stream.concat(Stream.of(pm), pm.descendants())
                .mapToLong(CpuMeter::cpuMillis).sum()));
        return cpu;
    }

    /** What each part spent between two snapshots, e.g. {@code indicator-service 5.1 s, postgres 3.2 s}. */
    static String difference(Map<String, Long> before, Map<String, Long> after) {
        StringBuilder out = new StringBuilder();
        after.forEach((part, ms) -> {
            long spent = ms - before.getOrDefault(part, 0L);
            if (spent >= 50) {
                out.append(out.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%s %.1f s", part,
                        spent / 1000.0));
            }
        });
        return out.toString();
    }

    private Optional<ProcessHandle> postmaster() {
        try {
            String first = Files.readAllLines(postgresData.resolve("postmaster.pid")).get(0).trim();
            return ProcessHandle.of(Long.parseLong(first));
        }
        catch (Exception e) {
            return Optional.empty(); // a database the platform was given: not ours to measure
        }
    }

    private static long cpuMillis(ProcessHandle p) {
        return p.info().totalCpuDuration().map(Duration::toMillis).orElse(0L);
    }
}

package org.nqpf.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A child JVM of the platform, its output in a log file, stopped gracefully then forcibly. */
final class ManagedProcess {

    private final String name;
    private final Process process;
    private final Path log;

    private ManagedProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Appends to the log, so a restart keeps what the crashed process wrote before it. */
    static ManagedProcess start(String name, List<String> command, Path workDir, Path log) {
        return start(name, command, Map.of(), workDir, log);
    }

    /** With extra environment variables: secrets go there, where other users cannot read them, not on argv. */
    static ManagedProcess start(String name, List<String> command, Map<String, String> environment, Path workDir,
            Path log) {
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            Process p = builder.start();
            return new ManagedProcess(name, p, log);
        }
        catch (IOException e) {
            throw new IllegalStateException("could not start " + name + ": " + e.getMessage(), e);
        }
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    /** The command line as the operating system shows it to every user of the machine. */
    String commandLine() {
        return process.info().commandLine().orElse("");
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGTERM, then SIGKILL after the grace period; no grace period: SIGKILL at once. */
    void stop(long graceSeconds) {
        if (!process.isAlive()) {
            return;
        }
        if (graceSeconds <= 0) {
            try {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(graceSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** The last lines of the log, to show why a process failed. */
    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        }
        catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}

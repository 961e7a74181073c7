package org.nqpf.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A child JVM of the platform, its output in a log file, stopped gracefully then forcibly. Once {@link #supervise
 * supervised}, a process that dies on its own (crash, SIGKILL, OOM, exit) is started again with back-off, as
 * compose's {@code restart: unless-stopped} does; one stopped through {@link #stop} stays stopped.
 */
final class ManagedProcess {

    /** Back-off of supervised restarts: 1 s, doubled per restart up to a minute. */
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    /** A process that stayed up this long before it died is restarted after the first back-off again. */
    static final Duration STABLE_AFTER = Duration.ofSeconds(60);

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path workDir;
    private final Path log;
    private final Object lock = new Object();
    private volatile Process process;
    private volatile long startedAt;
    /** Set by {@link #stop}: a deliberate stop is never restarted. */
    private volatile boolean stopped;
    private Thread supervisor;
    private int restarts;

    private ManagedProcess(String name, List<String> command, Map<String, String> environment, Path workDir,
            Path log) {
        this.name = name;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.workDir = workDir;
        this.log = log;
    }

    /** Appends to the log, so a restart keeps what the crashed process wrote before it. */
    static ManagedProcess start(String name, List<String> command, Path workDir, Path log) {
        return start(name, command, Map.of(), workDir, log);
    }

    /** With extra environment variables: secrets go there, where other users cannot read them, not on argv. */
    static ManagedProcess start(String name, List<String> command, Map<String, String> environment, Path workDir,
            Path log) {
        ManagedProcess managed = new ManagedProcess(name, command, environment, workDir, log);
        managed.launch();
        return managed;
    }

    private void launch() {
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            process = builder.start();
            startedAt = System.nanoTime();
        }
        catch (IOException e) {
            throw new IllegalStateException("could not start " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * From now on, restarts the process whenever it dies without {@link #stop} having been called, after 1 s, 2 s,
     * 4 s ... at most 60 s (back to 1 s once it had stayed up a minute), and says so on {@code console}, e.g.
     * "indicator-service exited with code 137; restarting in 2 s (restart 3)". Idempotent.
     */
    void supervise(Consumer<String> console) {
        synchronized (lock) {
            if (supervisor != null || stopped) {
                return;
            }
            supervisor = new Thread(() -> superviseLoop(console), "supervise-" + name);
            supervisor.setDaemon(true);
            supervisor.start();
        }
    }

    private void superviseLoop(Consumer<String> console) {
        Duration backoff = FIRST_BACKOFF;
        while (!stopped) {
            Process watched = process;
            int code;
            try {
                code = watched.waitFor();
            }
            catch (InterruptedException e) {
                return;
            }
            long upNanos = System.nanoTime() - startedAt;
            try {
                // Ctrl-C reaches the children and the launcher together: give its shutdown hook the time to
                // mark them stopped before a restart is announced.
                Thread.sleep(250);
            }
            catch (InterruptedException e) {
                return;
            }
            if (stopped) {
                return;
            }
            if (upNanos >= STABLE_AFTER.toNanos()) {
                backoff = FIRST_BACKOFF;
            }
            int restart;
            synchronized (lock) {
                restart = ++restarts;
            }
            console.accept("%s exited with code %d; restarting in %d s (restart %d)".formatted(name, code,
                    backoff.toSeconds(), restart));
            try {
                Thread.sleep(backoff.toMillis());
            }
            catch (InterruptedException e) {
                return;
            }
            synchronized (lock) {
                if (stopped) {
                    return;
                }
                try {
                    launch();
                }
                catch (IllegalStateException e) {
                    console.accept(name + ": " + e.getMessage());
                }
            }
            backoff = nextBackoff(backoff);
        }
    }

    /** The back-off after {@code current}: doubled, at most {@link #MAX_BACKOFF}. */
    static Duration nextBackoff(Duration current) {
        Duration doubled = current.multipliedBy(2);
        return doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
    }

    /** Whether a supervisor restarts the process when it dies. */
    boolean supervised() {
        synchronized (lock) {
            return supervisor != null && !stopped;
        }
    }

    /** How often a supervisor has started the process again. */
    int restarts() {
        synchronized (lock) {
            return restarts;
        }
    }

    /** The operating system's id of the current process (a new one after each restart). */
    long pid() {
        return process.pid();
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

    /** No restart from now on, whatever happens to the process: the first thing a deliberate stop does. */
    void noRestart() {
        synchronized (lock) {
            stopped = true;
            if (supervisor != null) {
                supervisor.interrupt();
            }
        }
    }

    /** SIGTERM, then SIGKILL after the grace period; no grace period: SIGKILL at once. Never restarted. */
    void stop(long graceSeconds) {
        Process process;
        synchronized (lock) {
            noRestart();
            process = this.process;
        }
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

package org.nqpf.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nqpf.testsupport.Poll;

/** The supervisor on a plain child process (sleep): restarts, back-off, and deliberate stops left stopped. */
class ManagedProcessSupervisionTest {

    @TempDir
    Path dir;

    @Test
    void should_RestartWithGrowingBackoff_When_TheProcessIsKilledFromOutside() throws Exception {
        List<String> console = new CopyOnWriteArrayList<>();
        ManagedProcess process = ManagedProcess.start("sleeper", List.of("sleep", "600"), dir, dir.resolve("s.log"));
        try {
            process.supervise(console::add);
            long first = process.pid();
            ProcessHandle.of(first).orElseThrow().destroyForcibly();
            long second = awaitNewPid(process, first);
            assertThat(console).containsExactly("sleeper exited with code 137; restarting in 1 s (restart 1)");

            ProcessHandle.of(second).orElseThrow().destroyForcibly();
            awaitNewPid(process, second);
            assertThat(console).as("the second restart waits twice as long").last()
                    .isEqualTo("sleeper exited with code 137; restarting in 2 s (restart 2)");
            assertThat(process.restarts()).isEqualTo(2);
            assertThat(process.alive()).isTrue();
        }
        finally {
            process.stop(0);
        }
    }

    @Test
    void should_RestartAProcessThatExitsOnItsOwn_AndLeaveADeliberateStopStopped() throws Exception {
        List<String> console = new CopyOnWriteArrayList<>();
        Path marker = dir.resolve("runs");
        // Exits with 3 on its first run, then stays up: a crash at start-up, then a good start.
        String script = "echo run >> '" + marker + "'; [ $(wc -l < '" + marker + "') -gt 1 ] && exec sleep 600; exit 3";
        ManagedProcess process = ManagedProcess.start("crasher", List.of("sh", "-c", script), dir, dir.resolve("c.log"));
        try {
            process.supervise(console::add);
            Poll.until("the second run", Duration.ofSeconds(10), Duration.ofMillis(50),
                    () -> Files.exists(marker) ? Files.readAllLines(marker).size() : 0, n -> n == 2);
            assertThat(console).containsExactly("crasher exited with code 3; restarting in 1 s (restart 1)");

            long pid = process.pid();
            process.stop(5);
            Thread.sleep(1_600); // longer than the first back-off and the supervisor's grace
            assertThat(process.alive()).as("a deliberate stop is not restarted").isFalse();
            assertThat(process.pid()).isEqualTo(pid);
            assertThat(console).hasSize(1);
            assertThat(Files.readAllLines(marker)).hasSize(2);
        }
        finally {
            process.stop(0);
        }
    }

    @Test
    void should_DoubleTheBackoffUpToAMinute() {
        Duration d = ManagedProcess.FIRST_BACKOFF;
        StringBuilder seen = new StringBuilder();
        for (int i = 0; i < 9; i++) {
            seen.append(d.toSeconds()).append(' ');
            d = ManagedProcess.nextBackoff(d);
        }
        assertThat(seen.toString().trim()).isEqualTo("1 2 4 8 16 32 60 60 60");
    }

    private static long awaitNewPid(ManagedProcess process, long old) {
        return Poll.until("a restarted process", Duration.ofSeconds(10), Duration.ofMillis(50),
                () -> process.alive() ? process.pid() : old, pid -> pid != old);
    }
}

package org.nqpf.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.nqpf.launcher.Platform.Service;
import org.nqpf.testsupport.Poll;
import org.nqpf.testsupport.TestInfrastructure;

/**
 * The local platform supervises itself, as {@code ./nqpf up} runs it: a service killed from outside (SIGKILL by
 * its pid, as the kernel's OOM killer or an operator's kill -9 would) is started again and says so; one stopped on
 * purpose stays down.
 */
class PlatformSupervisionIT {

    @Test
    void should_RestartAndAnnounceAKilledService_When_ThePlatformSupervisesItself() throws Exception {
        TestInfrastructure.Postgres pg = TestInfrastructure.postgres();
        Path home = Path.of(System.getProperty("nqpf.home", "..")).toAbsolutePath().normalize();
        Platform.Config config = Platform.Config.defaults(home)
                .withInfrastructure(null, pg.jdbcUrl(), pg.username(), pg.password())
                .withFreePorts().withStateDir(Files.createTempDirectory("nqpf-supervision"));
        List<String> console = new CopyOnWriteArrayList<>();
        try (Platform platform = Platform.start(config, EnumSet.of(Service.INDICATOR))) {
            platform.supervise(message -> {
                System.out.println(message);
                console.add(message);
            });
            long killed = platform.pid(Service.INDICATOR);
            assertThat(ProcessHandle.of(killed).orElseThrow().destroyForcibly()).isTrue();

            Poll.until("the restart announced", Duration.ofSeconds(15), Duration.ofMillis(100), () -> console,
                    c -> !c.isEmpty());
            assertThat(console).containsExactly(
                    "indicator-service exited with code 137; restarting in 1 s (restart 1)");
            platform.awaitHealthy(Service.INDICATOR, Duration.ofSeconds(180));
            long restarted = platform.pid(Service.INDICATOR);
            assertThat(restarted).as("a new process").isNotEqualTo(killed);
            assertThat(ProcessHandle.of(killed)).as("the killed one is gone").isEmpty();
            assertThat(health(platform)).isEqualTo(200);

            // A deliberate stop (an operator's, the tests' own stopService) is not undone by the supervisor.
            platform.stopService(Service.INDICATOR);
            Thread.sleep(2_500);
            assertThat(console).as("nothing restarted after a deliberate stop").hasSize(1);
            assertThat(ProcessHandle.of(restarted).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(health(platform)).as("nobody listens on its port").isEqualTo(-1);
        }
    }

    private static int health(Platform platform) throws Exception {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(platform.url(Service.INDICATOR) + "/actuator/health")).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }
        catch (ConnectException e) {
            return -1;
        }
    }
}

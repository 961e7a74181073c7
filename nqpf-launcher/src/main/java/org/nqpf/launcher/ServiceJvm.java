package org.nqpf.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of one more JVM of a service, beside those {@link Platform} starts (a second instance, a rebuild
 * instance): the same jar, heap and JVM options as the platform's own instance of it.
 */
final class ServiceJvm {

    private ServiceJvm() {
    }

    static List<String> command(Path home, Platform.Service service, int port, String... arguments) {
        Path jar = home.resolve(service.module).resolve("target").resolve(service.jar);
        if (!Files.exists(jar)) {
            throw new IllegalStateException("missing " + jar + ": build first (./mvnw -DskipTests package)");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + service.heap, "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Xss512k", "-jar", jar.toString(), "--server.port=" + port));
        command.addAll(List.of(arguments));
        return command;
    }
}

package org.nqpf.launcher;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Embedded PostgreSQL (real binaries from Maven Central, zonky), its data kept under {@code .nqpf/postgres}. The
 * platform uses one database, {@code nqpf}, with a schema per service.
 */
final class Database {

    static final String NAME = "nqpf";

    private final EmbeddedPostgres postgres;
    private final int port;

    private Database(EmbeddedPostgres postgres, int port) {
        this.postgres = postgres;
        this.port = port;
    }

    static Database start(Path stateDir, int port) throws IOException, SQLException {
        Path data = stateDir.resolve("postgres");
        Files.createDirectories(data);
        Path log = stateDir.resolve("logs").resolve("postgres.log");
        Files.createDirectories(log.getParent());
        // The launcher stops PostgreSQL itself, after the services: no shutdown hook of zonky's racing with them.
        EmbeddedPostgres pg = EmbeddedPostgres.builder().setPort(port).setDataDirectory(data)
                .setCleanDataDirectory(false).setRegisterShutdownHook(false)
                // zonky's defaults suit throwaway test databases (fsync and synchronous_commit off); this one keeps
                // what the platform has acknowledged, through a crash of PostgreSQL or of the machine
                .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + NAME + "'")) {
                if (!rs.next()) {
                    s.execute("CREATE DATABASE " + NAME);
                }
            }
        }
        return new Database(pg, port);
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/" + NAME;
    }

    void stop() {
        try {
            postgres.close();
        }
        catch (IOException e) {
            System.err.println("stopping PostgreSQL: " + e.getMessage());
        }
    }
}

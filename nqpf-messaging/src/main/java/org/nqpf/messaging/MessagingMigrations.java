package org.nqpf.messaging;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Applies the outbox and inbox migrations ({@code db/messaging}) with a Flyway history of their own,
 * {@value #HISTORY}, in the service's schema, before the service's own migrations. In the service's history a new
 * messaging migration numbered below the service's newest would never run on an existing database; in its own
 * history it does.
 *
 * <p>Databases from before this split have the messaging migrations in the service's history. On their first start
 * the messaging history is baselined at the newest of them (not run again) and their rows leave the service's
 * history, which no longer resolves them.
 */
public class MessagingMigrations implements FlywayMigrationStrategy {

    public static final String HISTORY = "flyway_messaging_history";
    private static final Logger log = LoggerFactory.getLogger(MessagingMigrations.class);

    private final List<String> locations;

    public MessagingMigrations(List<String> locations) {
        this.locations = locations;
    }

    @Override
    public void migrate(Flyway service) {
        Configuration config = service.getConfiguration();
        JdbcTemplate jdbc = new JdbcTemplate(config.getDataSource());
        String schema = schema(config, jdbc);
        String serviceHistory = qualified(schema, config.getTable());
        boolean serviceHistoryExists = exists(jdbc, serviceHistory);
        boolean ownHistoryExists = exists(jdbc, qualified(schema, HISTORY));

        Set<String> scripts = Arrays.stream(messaging(config).load().info().all()).map(MigrationInfo::getScript)
                .collect(Collectors.toSet());
        List<String> inServiceHistory = serviceHistoryExists
                ? jdbc.queryForList("SELECT version FROM " + serviceHistory + " WHERE success AND script = ANY(?)",
                        String.class, (Object) scripts.toArray(String[]::new))
                : List.of();

        FluentConfiguration messaging = messaging(config);
        if (!ownHistoryExists) {
            // What the service's history already applied is the baseline; a database without any starts below all.
            String baseline = inServiceHistory.stream().map(MigrationVersion::fromVersion).max(MigrationVersion::compareTo)
                    .map(MigrationVersion::getVersion).orElse("0");
            messaging.baselineOnMigrate(true).baselineVersion(baseline);
            if (!inServiceHistory.isEmpty()) {
                log.info("messaging migrations {} were applied in {}: {} starts at baseline {}", inServiceHistory,
                        serviceHistory, HISTORY, baseline);
            }
        }
        messaging.load().migrate();

        if (!inServiceHistory.isEmpty()) {
            // Now kept in the messaging history; left here they would fail the service's validation as missing.
            jdbc.update("DELETE FROM " + serviceHistory + " WHERE script = ANY(?)",
                    (Object) scripts.toArray(String[]::new));
        }
        if (!serviceHistoryExists) {
            // The schema holds the messaging tables already, which Flyway takes for a schema it does not manage:
            // a baseline below every service migration lets them all run.
            service = Flyway.configure(config.getClassLoader()).configuration(config)
                    .baselineOnMigrate(true).baselineVersion("0").load();
        }
        service.migrate();
    }

    private FluentConfiguration messaging(Configuration service) {
        return Flyway.configure(service.getClassLoader())
                .dataSource(service.getDataSource())
                .schemas(service.getSchemas())
                .defaultSchema(service.getDefaultSchema())
                .createSchemas(service.isCreateSchemas())
                .connectRetries(service.getConnectRetries())
                .encoding(service.getEncoding())
                .locations(locations.toArray(String[]::new))
                .table(HISTORY);
    }

    private static String schema(Configuration config, JdbcTemplate jdbc) {
        if (config.getDefaultSchema() != null) {
            return config.getDefaultSchema();
        }
        if (config.getSchemas().length > 0) {
            return config.getSchemas()[0];
        }
        return jdbc.queryForObject("SELECT current_schema()", String.class);
    }

    private static String qualified(String schema, String table) {
        return '"' + schema.replace("\"", "\"\"") + "\".\"" + table.replace("\"", "\"\"") + '"';
    }

    private static boolean exists(JdbcTemplate jdbc, String table) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT to_regclass(?) IS NOT NULL", Boolean.class, table));
    }
}

package org.nqpf.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.nqpf.testsupport.NqpfInfrastructure;
import org.nqpf.testsupport.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The messaging migrations keep a Flyway history of their own, on a database the release before left with them in
 * the service's history (the app starts on it) and on a new one.
 */
@SpringBootTest(classes = MessagingMigrationsIT.App.class, properties = {
        "spring.application.name=messaging-migrations-it",
        "spring.flyway.schemas=legacy", "spring.flyway.default-schema=legacy",
        "spring.datasource.hikari.schema=legacy",
        "spring.flyway.locations=classpath:db/it-service",
        "nqpf.messaging.migrations=classpath:db/messaging,classpath:db/messaging-it",
        "spring.kafka.listener.auto-startup=false"})
@NqpfInfrastructure
class MessagingMigrationsIT {

    private static final List<String> SERVICE = List.of("classpath:db/it-service");
    private static final List<String> MESSAGING = List.of("classpath:db/messaging", "classpath:db/messaging-it");

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }

    /** The database as it was before the split: one history holding the messaging and the service migrations. */
    @DynamicPropertySource
    static void legacyDatabase(DynamicPropertyRegistry registry) {
        TestInfrastructure.Postgres pg = TestInfrastructure.postgres();
        Flyway.configure().dataSource(pg.jdbcUrl(), pg.username(), pg.password()).schemas("legacy")
                .locations("classpath:db/it-service", "classpath:db/messaging").load().migrate();
    }

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void should_StartAndApplyANewMessagingMigration_When_TheServiceHistoryHoldsTheOldOnes() {
        // The legacy history holds every db/messaging script (the newest is 0.4): the baseline is the newest of them.
        assertThat(versions("legacy", MessagingMigrations.HISTORY)).containsExactly("0.4", "0.999");
        assertThat(jdbc.queryForObject("SELECT type FROM legacy.flyway_messaging_history WHERE version = '0.4'",
                String.class)).isEqualTo("BASELINE");
        assertThat(versions("legacy", "flyway_schema_history")).containsExactly("1", "2");
        assertThat(tables("legacy")).contains("outbox_event", "processed_event", "it_service_thing",
                "it_messaging_marker");
    }

    @Test
    void should_ApplyBothHistoriesInFull_When_TheDatabaseIsNew() {
        Flyway service = service("fresh");
        new MessagingMigrations(MESSAGING).migrate(service);
        // A restart finds everything applied and changes nothing.
        new MessagingMigrations(MESSAGING).migrate(service("fresh"));

        assertThat(versions("fresh", MessagingMigrations.HISTORY)).containsExactly("0.1", "0.2", "0.3", "0.4", "0.999");
        assertThat(versions("fresh", "flyway_schema_history")).containsExactly("0", "1", "2");
        assertThat(tables("fresh")).contains("outbox_event", "processed_event", "it_service_thing",
                "it_messaging_marker", "outbox_parked", "dead_letter", "dead_letter_replay");
        jdbc.update("INSERT INTO fresh.outbox_event (topic, events, event_ids, event_types, sources, payloads) "
                + "VALUES ('t', 1, '{e}', '{x}', '{/s}', ARRAY['\\x00'::bytea])");
    }

    @Test
    void should_KeepEveryWaitingOutboxRowAsABatchOfOne_When_TheOutboxBecomesOneRowPerBatch() {
        TestInfrastructure.Postgres pg = TestInfrastructure.postgres();
        Flyway messaging = Flyway.configure().dataSource(pg.jdbcUrl(), pg.username(), pg.password()).schemas("upgrade")
                .table(MessagingMigrations.HISTORY).locations("classpath:db/messaging").target("0.3").load();
        messaging.migrate();
        jdbc.update("""
                INSERT INTO upgrade.outbox_event (topic, record_key, event_id, event_type, source, subject, event_time,
                                                  data_content_type, extensions, payload)
                VALUES ('t', 'k', 'waiting', 'x', '/s', 'subject', '2026-12-03T08:00:00Z', 'application/json',
                        '{"traceparent": "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"}', '\\x7b7d')""");
        Flyway.configure().dataSource(pg.jdbcUrl(), pg.username(), pg.password()).schemas("upgrade")
                .table(MessagingMigrations.HISTORY).locations("classpath:db/messaging").load().migrate();

        assertThat(jdbc.queryForMap("""
                SELECT events, record_keys[1] AS key, event_ids[1] AS id, event_types[1] AS type, sources[1] AS source,
                       subjects[1] AS subject, event_times[1] = '2026-12-03T08:00:00Z' AS at,
                       data_content_types[1] AS content_type, extensions[1] ->> 'traceparent' AS traceparent,
                       payloads[1] = '\\x7b7d'::bytea AS payload
                FROM upgrade.outbox_event"""))
                .containsEntry("events", 1).containsEntry("key", "k").containsEntry("id", "waiting")
                .containsEntry("type", "x").containsEntry("source", "/s").containsEntry("subject", "subject")
                .containsEntry("at", true).containsEntry("content_type", "application/json")
                .containsEntry("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                .containsEntry("payload", true);
    }

    /** The service's Flyway as Boot builds it: its own locations and schema, the default history table. */
    private Flyway service(String schema) {
        TestInfrastructure.Postgres pg = TestInfrastructure.postgres();
        return Flyway.configure().dataSource(pg.jdbcUrl(), pg.username(), pg.password()).schemas(schema)
                .defaultSchema(schema).locations(SERVICE.toArray(String[]::new)).load();
    }

    private List<String> versions(String schema, String table) {
        return jdbc.queryForList("SELECT version FROM " + schema + "." + table
                + " WHERE version IS NOT NULL AND success ORDER BY installed_rank", String.class);
    }

    private List<String> tables(String schema) {
        return jdbc.queryForList("SELECT table_name FROM information_schema.tables WHERE table_schema = ?",
                String.class, schema);
    }
}

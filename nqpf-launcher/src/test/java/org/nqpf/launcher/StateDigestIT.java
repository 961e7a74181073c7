package org.nqpf.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.nqpf.testsupport.TestInfrastructure;

/**
 * The digest the fault suite and the rebuild compare: equal for the same content whatever the ids, times, revision
 * numbers and insertion order, different as soon as one stored value differs. The tables hold the columns the
 * digest reads, as the services' migrations define them.
 */
class StateDigestIT {

    @Test
    void should_GiveEqualDigests_When_TheSameContentWasStoredInAnotherOrderWithOtherIdsAndTimes() throws Exception {
        try (Connection db = connect()) {
            schema(db, "digest_a");
            schema(db, "digest_b");
            exec(db, """
                    INSERT INTO digest_a.observation VALUES
                      ('00000000-0000-0000-0000-000000000001', 'CN-31', 'RD_INTENSITY', '2023', 4.2, false, 2, 'feed-x',
                       'KAFKA', now(), '2024-01-02T00:00:00Z', 2),
                      ('00000000-0000-0000-0000-000000000002', 'CN-32', 'RD_INTENSITY', '2023', 3.1, false, 1, 'portal',
                       'HTTP', now(), '2024-01-01T00:00:00Z', 1);
                    INSERT INTO digest_a.observation_revision VALUES
                      ('00000000-0000-0000-0000-000000000001', 1, 4.0, false, 'feed-x', 'KAFKA', now(), '2024-01-01T00:00:00Z', true),
                      ('00000000-0000-0000-0000-000000000001', 2, 4.2, false, 'feed-x', 'HTTP', now(), '2024-01-02T00:00:00Z', false),
                      ('00000000-0000-0000-0000-000000000002', 1, 3.1, false, 'portal', 'HTTP', now(), '2024-01-01T00:00:00Z', false);
                    INSERT INTO digest_a.assessment VALUES
                      ('NQPF-AI', 'CN', '2023', 'CN-31', 3, 'a-1', 'default', 'in-1', 'res-1', 71.5, 1, 2, now()),
                      ('NQPF-AI', 'CN', '2023', 'CN-32', 3, 'a-2', 'default', 'in-1', 'res-2', 60.25, 2, 2, now());
                    INSERT INTO digest_a.roadmap VALUES
                      ('r-1', 'CN-32', 1, '2022', 'CN', 'NQPF-AI', 'c-old'),
                      ('r-2', 'CN-32', 2, '2023', 'CN', 'NQPF-AI', 'c-new');
                    """);
            // Same content: other ids, times and revision numbers, rows inserted the other way round, and a roadmap
            // that got to its newest version by another number of steps.
            exec(db, """
                    INSERT INTO digest_b.observation VALUES
                      ('00000000-0000-0000-0000-00000000000b', 'CN-32', 'RD_INTENSITY', '2023', 3.1, false, 1, 'portal',
                       'HTTP', now() - interval '1 day', '2024-01-01T00:00:00Z', 1),
                      ('00000000-0000-0000-0000-00000000000a', 'CN-31', 'RD_INTENSITY', '2023', 4.2, false, 1, 'feed-x',
                       'KAFKA', now(), '2024-01-02T00:00:00Z', 2);
                    INSERT INTO digest_b.observation_revision VALUES
                      ('00000000-0000-0000-0000-00000000000b', 1, 3.1, false, 'portal', 'HTTP', now(), '2024-01-01T00:00:00Z', false),
                      ('00000000-0000-0000-0000-00000000000a', 1, 4.2, false, 'feed-x', 'HTTP', now(), '2024-01-02T00:00:00Z', false),
                      ('00000000-0000-0000-0000-00000000000a', 2, 4.0, false, 'feed-x', 'KAFKA', now(), '2024-01-01T00:00:00Z', true);
                    INSERT INTO digest_b.assessment VALUES
                      ('NQPF-AI', 'CN', '2023', 'CN-32', 3, 'b-2', 'default', 'in-1', 'res-2', 60.25, 2, 2, now()),
                      ('NQPF-AI', 'CN', '2023', 'CN-31', 3, 'b-1', 'default', 'in-1', 'res-1', 71.5, 1, 2, now());
                    INSERT INTO digest_b.roadmap VALUES
                      ('x-3', 'CN-32', 3, '2023', 'CN', 'NQPF-AI', 'c-new'),
                      ('x-2', 'CN-32', 2, '2022', 'CN', 'NQPF-AI', 'c-mid'),
                      ('x-1', 'CN-32', 1, '2022', 'CN', 'NQPF-AI', 'c-old');
                    """);

            assertThat(StateDigest.observations(db, "digest_b")).isEqualTo(StateDigest.observations(db, "digest_a"));
            assertThat(StateDigest.observations(db, "digest_a").rows()).isEqualTo(5);
            assertThat(StateDigest.assessments(db, "digest_b")).isEqualTo(StateDigest.assessments(db, "digest_a"));
            assertThat(StateDigest.roadmaps(db, "digest_b")).isEqualTo(StateDigest.roadmaps(db, "digest_a"));
            assertThat(StateDigest.roadmaps(db, "digest_a").rows()).isEqualTo(1);

            // One value, one rank, one newest roadmap different: each digest notices.
            exec(db, "UPDATE digest_b.observation_revision SET value = 4.0000001 WHERE value = 4.0");
            exec(db, "UPDATE digest_b.assessment SET rank = 3 WHERE entity_id = 'CN-32'");
            exec(db, "UPDATE digest_b.roadmap SET content_digest = 'c-other' WHERE version = 3");
            assertThat(StateDigest.observations(db, "digest_b")).isNotEqualTo(StateDigest.observations(db, "digest_a"));
            assertThat(StateDigest.assessments(db, "digest_b")).isNotEqualTo(StateDigest.assessments(db, "digest_a"));
            assertThat(StateDigest.roadmaps(db, "digest_b")).isNotEqualTo(StateDigest.roadmaps(db, "digest_a"));
            // ... and the difference names the rows that differ, each way (what ./nqpf rebuild prints).
            StateDigest.Difference ranks = StateDigest.difference(db, StateDigest::assessmentRows, "digest_a",
                    "digest_b", 10);
            assertThat(ranks.onlyInFirst()).singleElement().asString().contains("CN-32").endsWith("\t2\t2");
            assertThat(ranks.onlyInSecond()).singleElement().asString().contains("CN-32").endsWith("\t3\t2");
            StateDigest.Difference plans = StateDigest.difference(db, StateDigest::roadmapRows, "digest_a",
                    "digest_b", 10);
            assertThat(plans.onlyInSecond()).singleElement().asString().endsWith("\tc-other");
        }
    }

    @Test
    void should_RefuseASchemaName_When_ItIsNotAPlainIdentifier() throws Exception {
        try (Connection db = connect()) {
            assertThatThrownBy(() -> StateDigest.assessments(db, "assessment; DROP TABLE x"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a schema name");
        }
    }

    private static Connection connect() throws Exception {
        TestInfrastructure.Postgres pg = TestInfrastructure.postgres();
        Connection db = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
        db.setAutoCommit(false);
        return db;
    }

    private static void schema(Connection db, String s) throws Exception {
        exec(db, """
                DROP SCHEMA IF EXISTS %1$s CASCADE;
                CREATE SCHEMA %1$s;
                CREATE TABLE %1$s.observation (id UUID PRIMARY KEY, entity_id TEXT, indicator TEXT, period TEXT,
                    value DOUBLE PRECISION, deleted BOOLEAN, revision INT, source TEXT, channel TEXT,
                    received_at TIMESTAMPTZ, source_time TIMESTAMPTZ, revisions INT);
                CREATE TABLE %1$s.observation_revision (observation_id UUID, revision INT, value DOUBLE PRECISION,
                    deleted BOOLEAN, source TEXT, channel TEXT, received_at TIMESTAMPTZ, source_time TIMESTAMPTZ,
                    superseded BOOLEAN);
                CREATE TABLE %1$s.assessment (framework_code TEXT, cohort TEXT, period TEXT, entity_id TEXT,
                    framework_version INT, assessment_id TEXT, method TEXT, input_digest TEXT, result_digest TEXT,
                    overall_score DOUBLE PRECISION, rank INT, cohort_size INT, computed_at TIMESTAMPTZ);
                CREATE TABLE %1$s.roadmap (roadmap_id TEXT, entity_id TEXT, version INT, period TEXT, cohort TEXT,
                    framework_code TEXT, content_digest TEXT);
                """.formatted(s));
    }

    private static void exec(Connection db, String sql) throws Exception {
        try (Statement st = db.createStatement()) {
            st.execute(sql);
        }
        db.commit();
    }
}

package org.nqpf.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nqpf.launcher.SqlCounts.awaitCount;
import static org.nqpf.launcher.SqlCounts.count;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nqpf.contracts.Topics;
import org.nqpf.launcher.Platform.Service;
import org.nqpf.testsupport.ApiClient;
import org.nqpf.testsupport.KafkaProbe;
import org.nqpf.testsupport.Poll;

/**
 * {@code ./nqpf rebuild assessment} and {@code ./nqpf rebuild roadmap} on the real platform (the services' jars, the
 * launcher's authenticating broker, its own PostgreSQL) after the demo cohort has flowed: each rebuilt state, read
 * from the topics alone plus the tables the service copies, has the live state's digest, and the rebuild publishes
 * nothing.
 */
class RebuildIT {

    /** Entropy weights: data-driven over the whole panel, so a rebuild without the copied profile would differ. */
    private static final String PROFILE = """
            {"normalise": {"method": "minmax", "range": [0, 100]}, "weights": {"method": "entropy", "on": "normalised"},
             "aggregate": {"method": "amean"}}""";

    @Test
    void should_RebuildAssessmentsAndRoadmapsFromTheTopics_WithTheLiveStatesDigest() throws Exception {
        Path home = Path.of(System.getProperty("nqpf.home", "..")).toAbsolutePath().normalize();
        Platform.Config config = Platform.Config.defaults(home).withFreePorts()
                .withStateDir(Files.createTempDirectory("nqpf-rebuild"));
        List<DemoData.Row> rows = DemoData.rows(home.resolve("datasets").resolve("china-provinces"));
        long periods = rows.stream().map(DemoData.Row::period).distinct().count();
        // The gateway routes and limits; a rebuild has nothing to do with it, so the services are called directly.
        try (Platform platform = Platform.start(config, EnumSet.of(Service.INDICATOR, Service.ASSESSMENT,
                Service.ROADMAP));
                KafkaProbe kafka = new KafkaProbe(platform.kafkaClient(Platform.KAFKA_ADMIN));
                Connection db = DriverManager.getConnection(platform.jdbcUrl(), config.jdbcUsername(),
                        config.jdbcPassword())) {
            ClientCredentials steward = ClientCredentials.demo(platform.issuer(), "demo-steward");
            // A method profile set over HTTP: state no topic carries, which the rebuild must copy.
            // (Again while the service answers 5xx: on a loaded machine its first fetch of the issuer's keys may
            // time out, and the next request fetches them again.)
            ApiClient assessmentApi = new ApiClient(platform.url(Service.ASSESSMENT)).withToken(steward);
            ApiClient.Response profile = Poll.until("the profile stored", Duration.ofSeconds(90),
                    Duration.ofSeconds(2), () -> assessmentApi.put("/api/v1/profiles/NQPF-AI", PROFILE),
                    r -> r.status() < 500);
            assertThat(profile.status()).as(profile.text()).isBetween(200, 201);
            ApiClient indicatorApi = new ApiClient(platform.url(Service.INDICATOR)).withToken(steward);
            Poll.until("indicator-service answering", Duration.ofSeconds(90), Duration.ofSeconds(2),
                    () -> indicatorApi.get("/api/v1/indicators"), r -> r.status() == 200);
            Map<String, Integer> loaded = DemoData.load(platform.url(Service.INDICATOR), rows, steward);
            assertThat(loaded.get("rejected")).as("demo rows rejected").isZero();

            // The demo data has flowed through: every assessment computed and relayed, every roadmap planned.
            awaitCount(db, "SELECT count(*) FROM assessment.assessment WHERE cohort_size = 31",
                    n -> n == 31 * periods, Duration.ofSeconds(900));
            awaitCount(db, """
                    SELECT (SELECT count(*) FROM indicator.outbox_event) + (SELECT count(*) FROM assessment.outbox_event)
                         + (SELECT count(*) FROM assessment.dirty_cohort_period)
                         + (SELECT count(*) FROM roadmap.planning_due) + (SELECT count(*) FROM roadmap.outbox_event)""",
                    n -> n == 0, Duration.ofSeconds(600));
            long assessmentsPublished = kafka.count(Topics.ASSESSMENTS);
            long roadmapsPublished = kafka.count(Topics.ROADMAPS);

            Rebuild.Result assessment = Rebuild.run(platform.rebuildEnvironment(), Rebuild.Target.ASSESSMENT,
                    Duration.ofMinutes(20), System.out);
            assertThat(assessment.live().rows()).as("live assessments").isEqualTo(31 * periods);
            assertThat(assessment.rebuilt()).as("rebuilt from the topics").isEqualTo(assessment.live());
            assertThat(count(db, "SELECT count(*) FROM assessment_rebuild.method_profile"))
                    .as("method profiles copied").isEqualTo(count(db, "SELECT count(*) FROM assessment.method_profile"))
                    .isPositive();

            Rebuild.Result roadmap = Rebuild.run(platform.rebuildEnvironment(), Rebuild.Target.ROADMAP,
                    Duration.ofMinutes(20), System.out);
            assertThat(roadmap.live().rows()).as("live roadmaps").isEqualTo(31);
            assertThat(roadmap.rebuilt()).as("rebuilt from the topics").isEqualTo(roadmap.live());

            // The rebuilds wrote their events to their own outboxes and sent none of them.
            assertThat(count(db, "SELECT count(*) FROM assessment_rebuild.outbox_event")).isPositive();
            assertThat(count(db, "SELECT count(*) FROM roadmap_rebuild.outbox_event")).isPositive();
            assertThat(kafka.count(Topics.ASSESSMENTS)).as("assessment events").isEqualTo(assessmentsPublished);
            assertThat(kafka.count(Topics.ROADMAPS)).as("roadmap events").isEqualTo(roadmapsPublished);
        }
    }
}

package org.nqpf.roadmap.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.kafka.KafkaMessageFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.nqpf.contracts.AssessmentComputed;
import org.nqpf.contracts.EntityChanged;
import org.nqpf.contracts.EventTypes;
import org.nqpf.contracts.Topics;
import org.nqpf.messaging.Events;
import org.nqpf.roadmap.Assessments;
import org.nqpf.roadmap.EngineCohort;
import org.nqpf.testsupport.ApiClient;
import org.nqpf.testsupport.ApiClient.Response;
import org.nqpf.testsupport.EventSchemas;
import org.nqpf.testsupport.KafkaProbe;
import org.nqpf.testsupport.Poll;
import org.nqpf.testsupport.ServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Roles and tenants on roadmap-service's own port (docs/SECURITY.md): the registry's EntityChanged events say whose
 * each entity is; a portal then reads its tenant's roadmaps with every other entity in them (target peers, the
 * frontier's references, the best peer, sentences, tables and charts) as an anonymous peer, and another tenant's
 * roadmap not at all; every other role gets what its row of the table says.
 */
@ServiceTest
class TenancyIT {

    private static final Duration ARRIVAL = Duration.ofSeconds(90);
    private static final List<String> PERIODS = List.of("2023", "2024");
    private static final int SIZE = 10;

    @Autowired
    ApiClient api;

    @Autowired
    Events events;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    /** Every body demo-portal-a received in the test, to prove none of them names an entity it may not see. */
    private final List<String> portalBodies = new ArrayList<>();

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String cohort = "TENANCY-" + run;
    private final String prefix = run + "-";

    /** E001-E003 are tenant-a's, E004-E007 tenant-b's, E008-E010 no tenant's. */
    private String entity(int i) {
        return prefix + String.format("E%03d", i);
    }

    private String tenantOf(int i) {
        return i <= 3 ? "tenant-a" : i <= 7 ? "tenant-b" : null;
    }

    @Test
    void should_ShowAPortalOnlyItsTenantsRoadmaps_WithEveryOtherEntityAnAnonymousPeer_And_EachRoleOnlyItsRoutes() {
        for (int i = 1; i <= SIZE; i++) {
            announce(entity(i), tenantOf(i), 1);
        }
        double[][][] values = EngineCohort.values(SIZE, PERIODS, 23);
        send(assessed(values, Instant.parse("2026-01-01T00:00:00Z")));
        for (int i : List.of(1, 2, 4, 8)) {
            awaitVersion(entity(i), 1);
        }
        Poll.until("the registry's entities projected", ARRIVAL, Duration.ofMillis(200), () -> jdbc.sql(
                "SELECT count(*) FROM entity_tenant WHERE entity_id LIKE :prefix").param("prefix", prefix + "%")
                .query(Long.class).single(), n -> n == SIZE);
        // E002 improves every indicator: its plan changes, so it has a version 2 and a diff to show.
        double[][][] changed = new double[values.length][][];
        int p = PERIODS.indexOf("2024");
        for (int t = 0; t < values.length; t++) {
            changed[t] = values[t].clone();
        }
        changed[p][1] = values[p][1].clone();
        for (int j = 0; j < changed[p][1].length; j++) {
            changed[p][1][j] = values[p][1][j] * (EngineCohort.NQPF_AI.get(j).direction() > 0 ? 1.8 : 0.5);
        }
        send(assessed(changed, Instant.parse("2026-02-01T00:00:00Z")));
        awaitVersion(entity(2), 2);

        ApiClient portal = api.as("demo-portal-a");
        String own = "/api/v1/roadmaps/" + entity(1);
        String c = "?cohort=" + cohort;

        // Its own roadmap: every peer behind a target is its own tenant's or an anonymous peer.
        JsonNode roadmap = recorded(portal.get(own + c)).assertOk().body();
        assertThat(roadmap.path("entityId").asString()).isEqualTo(entity(1));
        Set<String> peers = new TreeSet<>();
        Set<String> ownPeers = new TreeSet<>();
        for (JsonNode target : roadmap.path("plan").path("targets")) {
            for (JsonNode peer : target.path("peers")) {
                if (peer.has("peer")) {
                    assertThat(peer.has("entityId")).isFalse();
                    assertThat(peer.path("peer").asString()).matches("peer-\\d+");
                    peers.add(peer.path("peer").asString());
                }
                else {
                    ownPeers.add(peer.path("entityId").asString());
                }
            }
        }
        assertThat(peers).as("anonymous peers behind the targets").isNotEmpty();
        assertThat(ownPeers).isSubsetOf(entity(2), entity(3));
        String bestPeer = roadmap.path("plan").path("context").path("bestPeer").asString();
        assertThat(bestPeer).matches("peer-\\d+|" + entity(2) + "|" + entity(3));
        // The analyst sees the same targets with the peers' ids, at the ranks the labels number.
        JsonNode analystView = api.as("demo-analyst").getOk(own + c);
        List<String> ranking = jdbc.sql("""
                SELECT entity_id FROM assessment WHERE cohort = :c AND period = '2024'
                ORDER BY (body ->> 'rank')::int, entity_id""").param("c", cohort).query(String.class).list();
        JsonNode firstTarget = analystView.path("plan").path("targets").get(0);
        JsonNode firstPeer = firstTarget.path("peers").get(0);
        String shownAs = roadmap.path("plan").path("targets").get(0).path("peers").get(0).has("peer")
                ? roadmap.path("plan").path("targets").get(0).path("peers").get(0).path("peer").asString()
                : roadmap.path("plan").path("targets").get(0).path("peers").get(0).path("entityId").asString();
        String id = firstPeer.path("entityId").asString();
        boolean itsOwn = "tenant-a".equals(tenantOf(Integer.parseInt(id.substring(id.length() - 3))));
        assertThat(shownAs).as("peer %s", id).isEqualTo(itsOwn ? id : "peer-" + (ranking.indexOf(id) + 1));

        recorded(portal.get(own + "/history" + c)).assertOk();
        recorded(portal.get(own + "/versions/1" + c)).assertOk();
        recorded(portal.get("/api/v1/roadmaps/" + entity(2) + "/diff" + c)).assertOk();
        recorded(portal.get("/api/v1/roadmaps/" + entity(2) + "/versions/1" + c)).assertOk();
        String action = roadmap.path("plan").path("actions").get(0).path("code").asString();
        recorded(portal.post(own + "/what-if" + c, "{\"actions\": [\"" + action + "\"]}")).assertOk();
        for (String lang : List.of("en", "zh")) {
            JsonNode report = recorded(portal.get(own + "/report" + c + "&format=json&lang=" + lang)).assertOk()
                    .body();
            assertThat(report.toString()).contains(entity(1));
            String html = recorded(portal.get(own + "/report" + c + "&format=html&lang=" + lang)).assertOk().text();
            assertThat(html).contains(entity(1)).contains("<svg").contains("peer-");
            String md = recorded(portal.get(own + "/report" + c + "&format=md&lang=" + lang)).assertOk().text();
            assertThat(md).contains(entity(1)).contains("peer-");
        }

        // Another tenant's entity, and one of no tenant, answer as a missing one does, on every entity route.
        String missing = prefix + "NOBODY";
        for (String route : List.of("GET %s", "GET %s/history", "GET %s/versions/1", "GET %s/diff",
                "GET %s/report?format=html", "GET %s/report?format=md", "GET %s/report", "POST %s/what-if")) {
            JsonNode absent = problem(portal, route, missing, action);
            for (String hidden : List.of(entity(4), entity(8))) {
                assertThat(normalised(problem(portal, route, hidden, action), hidden)).as(route + " for " + hidden)
                        .isEqualTo(normalised(absent, missing));
            }
        }

        // Who reads across tenants sees them all, with their ids.
        assertThat(api.as("demo-analyst").getOk("/api/v1/roadmaps/" + entity(4) + c).toString())
                .contains(entity(4));
        assertThat(analystView.toString()).containsAnyOf(entity(4), entity(5), entity(6), entity(7), entity(8),
                entity(9), entity(10));
        api.as("demo-steward").getOk("/api/v1/roadmaps/" + entity(8) + "/history" + c);
        assertThat(api.as("demo-operator").get("/api/v1/roadmaps/" + entity(5) + "/report" + c + "&format=md")
                .status()).isEqualTo(200);
        assertThat(api.as("demo-portal-b").get("/api/v1/roadmaps/" + entity(4) + c).status()).isEqualTo(200);
        assertThat(api.as("demo-portal-b").get(own + c).status()).isEqualTo(404);
        assertThat(api.as("demo-analyst").post(own + "/what-if" + c, "{\"actions\": [\"" + action + "\"]}")
                .status()).isEqualTo(200);
        assertThat(api.as("demo-steward").post(own + "/what-if" + c, "{\"actions\": [\"" + action + "\"]}")
                .status()).isEqualTo(403);

        // The action library and method profiles: read by any caller, changed by STEWARD only.
        ApiClient feed = api.as("demo-feed");
        assertThat(recorded(portal.get("/api/v1/actions")).status()).isEqualTo(200);
        assertThat(feed.get("/api/v1/actions").status()).isEqualTo(200);
        assertThat(feed.get("/api/v1/actions/versions").status()).isEqualTo(200);
        assertThat(feed.get("/api/v1/roadmaps/method-profiles/NQPF-AI").status()).isEqualTo(200);
        recorded(portal.put("/api/v1/roadmaps/method-profiles/NQPF-AI", "{}")).assertProblem(403);
        recorded(portal.post("/api/v1/actions/versions", "{}")).assertProblem(403);
        feed.put("/api/v1/roadmaps/method-profiles/NQPF-AI", "{}").assertProblem(403);
        api.as("demo-analyst").post("/api/v1/actions/versions", "{}").assertProblem(403);

        // A feed reads nothing else here.
        for (Response r : List.of(feed.get(own + c), feed.get(own + "/history"), feed.get(own + "/versions/1"),
                feed.get(own + "/diff"), feed.get(own + "/report"), feed.get(own + "/report?format=html"),
                feed.post(own + "/what-if", "{\"actions\": [\"" + action + "\"]}"))) {
            r.assertProblem(403);
        }
        // Unknown routes and methods answer as they would: no blanket refusal behind the rules.
        assertThat(feed.get("/api/v1/no-such-route").status()).isEqualTo(404);
        assertThat(api.as("demo-analyst").delete(own).status()).isEqualTo(405);

        // Without a token: 401.
        for (Response r : List.of(api.anonymous().get(own + c), api.anonymous().get(own + "/report?format=html"),
                api.anonymous().get("/api/v1/actions"))) {
            r.assertProblem(401);
            assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
        }

        // Not one body the portal received names an entity it may not see, by id or by name, in any language.
        assertThat(portalBodies).hasSizeGreaterThan(30);
        List<String> secrets = new ArrayList<>(List.of("tenant-b"));
        for (int i = 4; i <= SIZE; i++) {
            secrets.addAll(List.of(entity(i), name(entity(i)), nameZh(entity(i))));
        }
        for (String body : portalBodies) {
            for (String secret : secrets) {
                assertThat(body).as("a body portal-a received").doesNotContain(secret);
            }
        }
    }

    private Response recorded(Response r) {
        portalBodies.add(r.text());
        return r;
    }

    private JsonNode problem(ApiClient client, String route, String entity, String action) {
        String[] parts = route.split(" ", 2);
        String path = parts[1].formatted("/api/v1/roadmaps/" + entity);
        path += (path.contains("?") ? "&" : "?") + "cohort=" + cohort;
        Response r = (parts[0].equals("POST") ? client.post(path, "{\"actions\": [\"" + action + "\"]}")
                : client.get(path));
        // The refusal echoes the id the portal itself sent, as it would for a missing one; nothing else may name it.
        portalBodies.add(r.text().replace(entity, "<asked-for>"));
        return r.assertProblem(404);
    }

    /** The problem with the asked-for id taken out: what must not differ between a hidden and a missing entity. */
    private static String normalised(JsonNode problem, String entity) {
        return problem.propertyNames() + " " + problem.toString().replace(entity, "<entity>");
    }

    private static String name(String entity) {
        return "Entity " + entity + " Ltd";
    }

    private static String nameZh(String entity) {
        return "实体" + entity + "公司";
    }

    private JsonNode awaitVersion(String entity, int version) {
        return api.awaitUntil("/api/v1/roadmaps/" + entity + "?cohort=" + cohort,
                r -> r.body().get("version").asInt() >= version, ARRIVAL).body();
    }

    /** The cohort's 2024 assessments by the real engine, under this test's entity ids. */
    private List<AssessmentComputed> assessed(double[][][] values, Instant computedAt) {
        List<AssessmentComputed> period = EngineCohort.assess(cohort, EngineCohort.units(SIZE), PERIODS, values,
                Map.of()).get(PERIODS.indexOf("2024"));
        return period.stream().map(a -> new AssessmentComputed(UUID.randomUUID().toString(), prefix + a.entityId(),
                a.cohort(), a.period(), a.frameworkCode(), a.frameworkVersion(), a.method(), a.inputDigest(),
                a.overallScore(), a.rank(), a.cohortSize(), a.dimensions().stream()
                        .map(d -> new AssessmentComputed.DimensionScore(d.dimension(), d.score(), d.rank(),
                                prefix + d.leaderEntityId(), d.leaderScore()))
                        .toList(), a.subsystems(), a.coupling(), a.indicators(), computedAt, a.entityKind()))
                .toList();
    }

    private void send(List<AssessmentComputed> assessments) {
        assessments.forEach(a -> Assessments.send(events, UUID.randomUUID().toString(), a));
    }

    /** Publishes the entity as indicator-service's registry does: an EntityChanged on the compacted topic. */
    private void announce(String entity, String tenant, long revision) {
        EntityChanged changed = new EntityChanged(entity, "REGION", name(entity), nameZh(entity), null, tenant,
                List.of(cohort), revision, Instant.now());
        EventSchemas.assertValid(EventTypes.ENTITY_CHANGED, json.writeValueAsBytes(changed));
        KafkaProbe.shared().send(KafkaMessageFactory.createWriter(Topics.ENTITIES, null, null, entity).writeBinary(
                events.create(UUID.randomUUID().toString(), EventTypes.ENTITY_CHANGED, entity, changed)));
    }
}

package org.nqpf.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nqpf.contracts.Dimension.LABORERS;
import static org.nqpf.contracts.Dimension.MEANS_OF_LABOR;
import static org.nqpf.contracts.Subsystem.AI;
import static org.nqpf.contracts.Subsystem.NQPF;

import io.cloudevents.kafka.KafkaMessageFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.nqpf.contracts.EntityChanged;
import org.nqpf.contracts.EventTypes;
import org.nqpf.contracts.Topics;
import org.nqpf.testsupport.ApiClient;
import org.nqpf.testsupport.ApiClient.Response;
import org.nqpf.testsupport.EventSchemas;
import org.nqpf.testsupport.Poll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Roles and tenants on assessment-service's own port (docs/SECURITY.md): the registry's EntityChanged events say whose
 * each entity is; a portal then sees its tenant's entities, the cohort's others only as anonymous peers, and another
 * tenant's entity not at all; every other role gets what its row of the table says.
 */
class TenancyIT extends IntegrationTest {

    private static final String PERIOD = "2030";

    @Autowired
    JdbcClient jdbc;

    /** Every body demo-portal-a received in the test, to prove none of them names a tenant-b entity. */
    private final List<String> portalBodies = new ArrayList<>();

    private final String run = unique();
    private final String cohort = "tenancy-" + run;
    // by overall score, best first: B1, A1, N1, B2, A2
    private final String a1 = "TA1-" + run;
    private final String a2 = "TA2-" + run;
    private final String b1 = "TB1-" + run;
    private final String b2 = "TB2-" + run;
    /** An entity of no tenant: no portal sees it. */
    private final String n1 = "TN1-" + run;
    private final String missing = "nobody-" + run;

    @Test
    void should_ShowAPortalOnlyItsTenantsEntities_OthersAsAnonymousPeers_And_EachRoleOnlyItsRoutes() {
        announce(a1, "tenant-b", 1); // an old revision that arrives late must not win over revision 2
        announce(a1, "tenant-a", 2);
        announce(a1, "tenant-b", 1);
        announce(a2, "tenant-a", 1);
        announce(b1, "tenant-b", 1);
        announce(b2, "tenant-b", 3);
        announce(n1, null, 1);
        double[][] values = {{4, 40}, {1, 10}, {5, 50}, {2, 20}, {3, 30}};
        String[] units = {a1, a2, b1, b2, n1};
        for (int u = 0; u < units.length; u++) {
            send(observation(FRAMEWORK, units[u], cohort, "L1", LABORERS, AI, PERIOD, values[u][0]));
            send(observation(FRAMEWORK, units[u], cohort, "M1", MEANS_OF_LABOR, NQPF, PERIOD, values[u][1]));
        }
        awaitAssessment("/api/v1/assessments/" + a2 + "?period=" + PERIOD, n -> n.path("cohortSize").asInt() == 5);
        Poll.until("the registry's entities projected", WAIT, Duration.ofMillis(200), () -> jdbc.sql("""
                SELECT count(*) FROM entity_tenant WHERE entity_id LIKE :run
                  AND NOT (entity_id = :a1 AND tenant IS DISTINCT FROM 'tenant-a')""")
                .param("run", "%-" + run).param("a1", a1).query(Long.class).single(), n -> n == 5);

        ApiClient portal = api.as("demo-portal-a");

        // The ranking: its own entities by id, the others as peers numbered by rank, scores and ranks kept.
        JsonNode ranking = recorded(portal.get("/api/v1/assessments?cohort=" + cohort + "&period=" + PERIOD))
                .assertOk().body();
        assertThat(ranking.path("cohortSize").asInt()).isEqualTo(5);
        List<String> shown = new ArrayList<>();
        for (JsonNode entry : ranking.path("ranking")) {
            assertThat(entry.path("overallScore").isNumber()).isTrue();
            shown.add(entry.has("entityId") ? entry.path("entityId").asString() : entry.path("peer").asString());
            assertThat(entry.has("entityId") && entry.has("peer")).isFalse();
        }
        assertThat(shown).containsExactly("peer-1", a1, "peer-3", "peer-4", a2);
        JsonNode analystRanking = api.as("demo-analyst").getOk("/api/v1/assessments?cohort=" + cohort
                + "&period=" + PERIOD);
        assertThat(analystRanking.path("ranking").findValuesAsString("entityId"))
                .containsExactly(b1, a1, n1, b2, a2);
        assertThat(analystRanking.path("ranking").findValues("rank").stream().map(JsonNode::asInt).toList())
                .isEqualTo(ranking.path("ranking").findValues("rank").stream().map(JsonNode::asInt).toList());

        // Its own entity's assessment: the dimension leader (B1) is a peer.
        JsonNode own = recorded(portal.get("/api/v1/assessments/" + a1 + "?period=" + PERIOD)).assertOk().body();
        assertThat(own.path("entityId").asString()).isEqualTo(a1);
        assertThat(own.path("dimensions").findValuesAsString("leaderEntityId")).containsOnly("peer-1");
        recorded(portal.get("/api/v1/assessments/" + a1 + "/history")).assertOk();
        recorded(portal.get("/api/v1/assessments/" + a1 + "/reproduction?period=" + PERIOD)).assertOk();
        JsonNode whatIf = recorded(portal.post("/api/v1/assessments/" + a1 + "/what-if?period=" + PERIOD,
                "{\"values\": {\"L1\": 6}}")).assertOk().body();
        assertThat(whatIf.path("projected").path("entityId").asString()).isEqualTo(a1);
        JsonNode uncertainty = recorded(portal.get("/api/v1/assessments/" + a1 + "/uncertainty?period=" + PERIOD
                + "&runs=50")).assertOk().body();
        assertThat(uncertainty.path("units").get(0).path("entityId").asString()).isEqualTo(a1);
        assertThat(uncertainty.path("units").findValuesAsString("peer")).containsExactlyInAnyOrder("peer-1",
                "peer-3", "peer-4");

        // Another tenant's entity, and one of no tenant, answer as a missing one does, on every entity route.
        for (String route : List.of("GET /api/v1/assessments/%s?period=" + PERIOD, "GET /api/v1/assessments/%s",
                "GET /api/v1/assessments/%s/history", "GET /api/v1/assessments/%s/reproduction",
                "GET /api/v1/assessments/%s/uncertainty?period=" + PERIOD,
                "POST /api/v1/assessments/%s/what-if?period=" + PERIOD)) {
            JsonNode absent = problem(portal, route, missing);
            for (String hidden : List.of(b1, n1)) {
                JsonNode refused = problem(portal, route, hidden);
                assertThat(normalised(refused, hidden)).as(route + " for " + hidden)
                        .isEqualTo(normalised(absent, missing));
            }
        }

        // Who reads across tenants sees them all.
        api.as("demo-analyst").getOk("/api/v1/assessments/" + b1 + "?period=" + PERIOD);
        assertThat(api.as("demo-analyst").getOk("/api/v1/assessments/" + a1 + "?period=" + PERIOD)
                .path("dimensions").findValuesAsString("leaderEntityId")).containsOnly(b1);
        api.as("demo-steward").getOk("/api/v1/assessments/" + n1 + "/history");
        api.as("demo-operator").getOk("/api/v1/assessments/" + b2 + "/reproduction?period=" + PERIOD);
        assertThat(api.as("demo-portal-b").get("/api/v1/assessments/" + b1 + "?period=" + PERIOD).status())
                .isEqualTo(200);
        assertThat(api.as("demo-portal-b").get("/api/v1/assessments/" + a1 + "?period=" + PERIOD).status())
                .isEqualTo(404);

        // Roles: what-if and uncertainty for ANALYST and PORTAL, the backlog for OPERATOR, profiles written by STEWARD.
        assertThat(api.as("demo-steward").post("/api/v1/assessments/" + a1 + "/what-if?period=" + PERIOD,
                "{\"values\": {\"L1\": 6}}").status()).isEqualTo(403);
        assertThat(api.as("demo-operator").get("/api/v1/assessments/" + a1 + "/uncertainty?runs=50").status())
                .isEqualTo(403);
        assertThat(api.as("demo-operator").get("/api/v1/assessments/recompute-backlog").status()).isEqualTo(200);
        assertThat(recorded(portal.get("/api/v1/assessments/recompute-backlog")).status()).isEqualTo(403);
        assertThat(api.as("demo-analyst").get("/api/v1/assessments/recompute-backlog").status()).isEqualTo(403);
        assertThat(recorded(portal.get("/api/v1/profiles/" + FRAMEWORK)).status()).isEqualTo(200);
        assertThat(recorded(portal.put("/api/v1/profiles/" + FRAMEWORK, "{}")).status()).isEqualTo(403);

        // A feed reads the profiles and nothing else here.
        ApiClient feed = api.as("demo-feed");
        assertThat(feed.get("/api/v1/profiles/" + FRAMEWORK).status()).isEqualTo(200);
        assertThat(feed.get("/api/v1/profiles/" + FRAMEWORK + "/versions").status()).isEqualTo(200);
        for (Response r : List.of(feed.get("/api/v1/assessments?cohort=" + cohort),
                feed.get("/api/v1/assessments/" + a1), feed.get("/api/v1/assessments/" + a1 + "/history"),
                feed.get("/api/v1/assessments/" + a1 + "/reproduction"),
                feed.get("/api/v1/assessments/" + a1 + "/uncertainty"),
                feed.post("/api/v1/assessments/" + a1 + "/what-if", "{\"values\": {\"L1\": 6}}"),
                feed.get("/api/v1/assessments/recompute-backlog"), feed.put("/api/v1/profiles/" + FRAMEWORK, "{}"))) {
            r.assertProblem(403);
        }
        // Unknown routes and methods answer as they would: no blanket refusal behind the rules.
        assertThat(feed.get("/api/v1/no-such-route").status()).isEqualTo(404);
        assertThat(api.as("demo-analyst").delete("/api/v1/assessments/" + a1).status()).isEqualTo(405);

        // Without a token: 401.
        for (Response r : List.of(api.anonymous().get("/api/v1/assessments/" + a1),
                api.anonymous().get("/api/v1/assessments?cohort=" + cohort),
                api.anonymous().get("/api/v1/profiles/" + FRAMEWORK))) {
            r.assertProblem(401);
            assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
        }

        // Not one body the portal received names a tenant-b entity or the tenant-less one, by id or by name.
        assertThat(portalBodies).hasSizeGreaterThan(20);
        for (String body : portalBodies) {
            for (String secret : List.of(b1, b2, n1, name(b1), name(b2), name(n1), nameZh(b1), nameZh(b2),
                    "tenant-b")) {
                assertThat(body).as("a body portal-a received").doesNotContain(secret);
            }
        }
    }

    private Response recorded(Response r) {
        portalBodies.add(r.text());
        return r;
    }

    private JsonNode problem(ApiClient client, String route, String entity) {
        String[] parts = route.split(" ", 2);
        String path = parts[1].formatted(entity);
        Response r = (parts[0].equals("POST") ? client.post(path, "{\"values\": {\"L1\": 6}}")
                : client.get(path));
        // The refusal echoes the id the portal itself sent, as it would for a missing one; nothing else may name it.
        portalBodies.add(r.text().replace(entity, "<asked-for>"));
        return r.assertProblem(404);
    }

    /** The problem with the asked-for id taken out: what must not differ between a hidden and a missing entity. */
    private static String normalised(JsonNode problem, String entity) {
        List<String> fields = new ArrayList<>();
        problem.propertyNames().forEach(fields::add);
        return fields + " " + problem.toString().replace(entity, "<entity>");
    }

    private static String name(String entity) {
        return "Entity " + entity + " Ltd";
    }

    private static String nameZh(String entity) {
        return "实体" + entity + "公司";
    }

    /** Publishes the entity as indicator-service's registry does: an EntityChanged on the compacted topic. */
    private void announce(String entity, String tenant, long revision) {
        EntityChanged changed = new EntityChanged(entity, "ENTERPRISE", name(entity), nameZh(entity), null, tenant,
                List.of(cohort), revision, Instant.now());
        byte[] payload = json.writeValueAsBytes(changed);
        EventSchemas.assertValid(EventTypes.ENTITY_CHANGED, payload);
        probe().send(KafkaMessageFactory.createWriter(Topics.ENTITIES, null, null, entity).writeBinary(
                events.create(UUID.randomUUID().toString(), EventTypes.ENTITY_CHANGED, entity, changed)));
    }
}

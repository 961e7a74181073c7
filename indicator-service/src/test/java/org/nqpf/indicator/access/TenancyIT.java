package org.nqpf.indicator.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.nqpf.contracts.EventTypes;
import org.nqpf.contracts.Topics;
import org.nqpf.indicator.entity.EntityAnnouncements;
import org.nqpf.indicator.ingest.ObservationStore;
import org.nqpf.indicator.ingest.StoredObservation;
import org.nqpf.testsupport.ApiClient;
import org.nqpf.testsupport.ApiClient.Response;
import org.nqpf.testsupport.EventSchemas;
import org.nqpf.testsupport.KafkaProbe;
import org.nqpf.testsupport.ServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Roles and tenants on indicator-service's side (docs/SECURITY.md): a PORTAL sees and submits for its tenant's
 * entities only, another tenant's entity answering exactly as a missing one; a FEED submits under its own source;
 * every entity change is announced with its tenant as EntityChanged.
 */
@ServiceTest
class TenancyIT {

    /** Whatever portal-a is sent must hold none of these: tenant-b's ids and names. */
    private static final List<String> TENANT_B_MARKS = List.of("TNB-", "Bravo");
    private static final String SDMX = "application/vnd.sdmx.data+csv; version=2.0.0";

    final KafkaProbe kafka = KafkaProbe.shared();

    @Autowired
    ApiClient api;

    @Autowired
    ObservationStore store;

    @Autowired
    EntityAnnouncements announcements;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    private static boolean worldMade;

    /**
     * Tenant-a's group with a plant, and a branch under tenant-b's group; tenant-b's group, and a branch under
     * tenant-a's group; one cohort of all five. Made once by the steward (test client) for every test here.
     */
    private synchronized void world() {
        if (worldMade) {
            return;
        }
        register("TNA-GROUP", "Alpha Group", null, "tenant-a");
        register("TNB-GROUP", "Bravo Secret Group", null, "tenant-b");
        register("TNA-PLANT", "Alpha Plant", "TNA-GROUP", "tenant-a");
        register("TNB-UNDER-A", "Bravo Secret Branch", "TNA-GROUP", "tenant-b");
        register("TNA-UNDER-B", "Alpha Branch", "TNB-GROUP", "tenant-a");
        Response cohort = api.post("/api/v1/cohorts", """
                {"code": "TN-PEERS", "nameEn": "Tenancy peers",
                 "members": ["TNA-GROUP", "TNB-GROUP", "TNA-PLANT", "TNB-UNDER-A", "TNA-UNDER-B"]}""");
        assertThat(cohort.status()).as(cohort.toString()).isEqualTo(201);
        worldMade = true;
    }

    @Test
    void should_ListSearchAndPageOnlyItsTenantsEntities_When_APortalReads() {
        world();
        ApiClient portal = api.as("demo-portal-a");
        List<Response> seen = new ArrayList<>();

        Response all = seen(seen, portal.get("/api/v1/entities?size=1000"));
        assertThat(ids(all)).contains("TNA-GROUP", "TNA-PLANT", "TNA-UNDER-B")
                .noneMatch(id -> id.startsWith("TNB-") || id.startsWith("CN-")); // nor the untenanted provinces
        assertThat(ids(seen(seen, portal.get("/api/v1/entities?q=alpha")))).containsExactly("TNA-GROUP", "TNA-PLANT",
                "TNA-UNDER-B");
        assertThat(ids(seen(seen, portal.get("/api/v1/entities?q=Bravo")))).isEmpty();
        assertThat(ids(seen(seen, portal.get("/api/v1/entities?q=Group")))).contains("TNA-GROUP")
                .doesNotContain("TNB-GROUP");
        assertThat(ids(seen(seen, portal.get("/api/v1/entities?cohort=TN-PEERS&kind=ENTERPRISE")))).containsExactly(
                "TNA-GROUP", "TNA-PLANT", "TNA-UNDER-B");

        Response page = seen(seen, portal.get("/api/v1/entities?q=alpha&page=1&size=2"));
        assertThat(ids(page)).containsExactly("TNA-UNDER-B");
        assertThat(page.header("X-Total-Count")).isEqualTo("3");

        assertThat(ids(seen(seen, portal.get("/api/v1/entities/TNA-GROUP/children")))).containsExactly("TNA-PLANT");
        assertThat(ids(seen(seen, portal.get("/api/v1/entities?parent=TNA-GROUP")))).containsExactly("TNA-PLANT");
        // its branch under tenant-b's group shows no parent: the parent is not to be revealed
        JsonNode branch = seen(seen, portal.get("/api/v1/entities/TNA-UNDER-B")).assertOk().body();
        assertThat(branch.path("tenant").asString()).isEqualTo("tenant-a");
        assertThat(branch.path("parentId").isNull()).isTrue();

        // a cohort: its code and name, and only the portal's own members
        JsonNode cohort = seen(seen, portal.get("/api/v1/cohorts/TN-PEERS")).assertOk().body();
        assertThat(cohort.path("nameEn").asString()).isEqualTo("Tenancy peers");
        assertThat(cohort.path("members").valueStream().map(JsonNode::asString).toList())
                .containsExactly("TNA-GROUP", "TNA-PLANT", "TNA-UNDER-B");
        seen(seen, portal.get("/api/v1/cohorts")).assertOk();

        // the steward sees both tenants
        assertThat(ids(api.get("/api/v1/entities?q=TN"))).contains("TNA-GROUP", "TNB-GROUP", "TNB-UNDER-A");
        assertThat(api.getOk("/api/v1/entities/TNA-UNDER-B").path("parentId").asString()).isEqualTo("TNB-GROUP");
        assertThat(api.getOk("/api/v1/cohorts/TN-PEERS").path("members")).hasSize(5);

        assertNothingOfTenantB(seen);
    }

    @Test
    void should_AnswerAnotherTenantsEntityExactlyAsAMissingOne_When_APortalAsksForIt() {
        world();
        ApiClient portal = api.as("demo-portal-a");
        List<Response> seen = new ArrayList<>();

        JsonNode missing = seen(seen, portal.get("/api/v1/entities/TNX-NO-SUCH")).assertProblem(404);
        for (String hidden : List.of("TNB-GROUP", "TNB-UNDER-A", "CN-11")) { // another tenant's, and no tenant's
            JsonNode foreign = seen(seen, portal.get("/api/v1/entities/" + hidden)).assertProblem(404);
            assertSameAsMissing(foreign, missing, hidden, "TNX-NO-SUCH");
        }
        JsonNode missingChildren = seen(seen, portal.get("/api/v1/entities/TNX-NO-SUCH/children")).assertProblem(404);
        assertSameAsMissing(seen(seen, portal.get("/api/v1/entities/TNB-GROUP/children")).assertProblem(404),
                missingChildren, "TNB-GROUP", "TNX-NO-SUCH");
        assertSameAsMissing(seen(seen, portal.get("/api/v1/entities?parent=TNB-GROUP")).assertProblem(404),
                seen(seen, portal.get("/api/v1/entities?parent=TNX-NO-SUCH")).assertProblem(404), "TNB-GROUP",
                "TNX-NO-SUCH");

        // its observations too
        api.post("/api/v1/observations", batch("TNB-GROUP", 2071, 3.3, "nbs")).assertOk();
        for (String path : List.of("/api/v1/observations?entity=%s", "/api/v1/observations?entity=%s&asOf=2100-01-01T00:00:00Z",
                "/api/v1/observations/history?entity=%s&indicator=RD_INTENSITY&period=2071")) {
            JsonNode foreign = seen(seen, portal.get(path.formatted("TNB-GROUP"))).assertProblem(404);
            JsonNode none = seen(seen, portal.get(path.formatted("TNX-NO-SUCH"))).assertProblem(404);
            assertSameAsMissing(foreign, none, "TNB-GROUP", "TNX-NO-SUCH");
        }
        assertThat(api.get("/api/v1/observations?entity=TNB-GROUP").list()).isNotEmpty();

        assertNothingOfTenantB(seen);
    }

    @Test
    void should_StoreAPortalsOwnRows_AndRejectAnotherTenantsAsUnknown_When_ItSubmits() {
        world();
        ApiClient portal = api.as("demo-portal-a");
        List<Response> seen = new ArrayList<>();

        // its answer names the rows' entities as it sent them, each refused as unknown: no more is said of any
        Response r = portal.post("/api/v1/observations", """
                {"observations": [
                  {"entity": "TNA-PLANT", "indicator": "RD_INTENSITY", "period": "2072", "value": 2.5, "source": "portal-a"},
                  {"entity": "TNB-UNDER-A", "indicator": "RD_INTENSITY", "period": "2072", "value": 9.5, "source": "portal-a"},
                  {"entity": "CN-11", "indicator": "RD_INTENSITY", "period": "2072", "value": 9.5, "source": "portal-a"},
                  {"entity": "TNX-NO-SUCH", "indicator": "RD_INTENSITY", "period": "2072", "value": 9.5, "source": "portal-a"}
                ]}""");

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.map()).containsEntry("accepted", 1).containsEntry("rejected", 3);
        List<Map<String, Object>> errors = errors(r);
        assertThat(errors).extracting(e -> e.get("row"), e -> e.get("field"))
                .containsExactly(tuple(2, "entity"), tuple(3, "entity"), tuple(4, "entity"));
        String unknown = errors.get(2).get("detail").toString();
        assertThat(unknown).contains("unknown entity");
        assertThat(errors.get(0).get("detail").toString().replace("TNB-UNDER-A", "TNX-NO-SUCH")).isEqualTo(unknown);
        assertThat(errors.get(1).get("detail").toString().replace("CN-11", "TNX-NO-SUCH")).isEqualTo(unknown);

        assertThat(store.current("TNA-PLANT", "RD_INTENSITY", "2072", 10)).extracting(StoredObservation::value)
                .containsExactly(2.5);
        assertThat(store.current("TNB-UNDER-A", "RD_INTENSITY", "2072", 10)).isEmpty();
        assertThat(store.current("CN-11", "RD_INTENSITY", "2072", 10)).isEmpty();

        // what it reads back across entities is its own only
        api.post("/api/v1/observations", batch("TNB-GROUP", 2072, 4.4, "nbs")).assertOk();
        Response values = seen(seen, portal.get("/api/v1/observations?indicator=RD_INTENSITY&period=2072"));
        assertThat(values.list()).extracting(o -> o.get("entity")).containsExactly("TNA-PLANT");
        assertThat(api.get("/api/v1/observations?indicator=RD_INTENSITY&period=2072").list())
                .extracting(o -> o.get("entity")).contains("TNA-PLANT", "TNB-GROUP");

        // the steward's Idempotency-Key is no replay of the steward's answer for the portal
        String body = batch("TNB-GROUP", 2079, 7.7, "nbs");
        Response stewards = api.request("POST", "/api/v1/observations").header("Idempotency-Key", "tenancy-batch-key")
                .json(body).send();
        assertThat(stewards.map()).containsEntry("accepted", 1);
        Response replay = portal.request("POST", "/api/v1/observations").header("Idempotency-Key", "tenancy-batch-key")
                .json(body).send();
        assertThat(replay.header("Idempotent-Replayed")).isNotEqualTo("true");
        replay.assertProblem(422);
        seen.add(replay);

        assertNothingOfTenantB(seen);
    }

    @Test
    void should_RecordAFeedsRowsUnderItsOwnSource_AndRejectRowsNamingAnother() {
        world();
        ApiClient feed = api.as("demo-feed");

        Response r = feed.post("/api/v1/observations", """
                {"observations": [
                  {"entity": "TNA-GROUP", "indicator": "RD_INTENSITY", "period": "2073", "value": 1.1},
                  {"entity": "TNA-PLANT", "indicator": "RD_INTENSITY", "period": "2073", "value": 1.2, "source": "demo-feed"},
                  {"entity": "TNB-GROUP", "indicator": "RD_INTENSITY", "period": "2073", "value": 1.3, "source": "nbs"}
                ]}""");

        assertThat(r.map()).as(r.toString()).containsEntry("accepted", 2).containsEntry("rejected", 1);
        assertThat(errors(r)).singleElement().satisfies(e -> {
            assertThat(e).containsEntry("row", 3).containsEntry("field", "source");
            assertThat(e.get("detail")).isEqualTo("a feed submits under its own source 'demo-feed', not 'nbs'");
        });
        assertThat(sources("TNA-GROUP", "2073")).containsExactly("demo-feed");
        assertThat(sources("TNA-PLANT", "2073")).containsExactly("demo-feed");
        assertThat(sources("TNB-GROUP", "2073")).isEmpty();

        Response csv = feed.request("POST", "/api/v1/observations").body("text/csv", """
                entity,indicator,period,value,unit,source
                TNA-GROUP,RD_INTENSITY,2074,2.1,,
                TNA-PLANT,RD_INTENSITY,2074,2.2,,stats-office
                """).send();
        assertThat(csv.map()).as(csv.toString()).containsEntry("accepted", 1).containsEntry("rejected", 1);
        assertThat(errors(csv)).extracting(e -> e.get("row"), e -> e.get("field")).containsExactly(tuple(2, "source"));
        assertThat(sources("TNA-GROUP", "2074")).containsExactly("demo-feed");

        // SDMX-CSV names its source by the agency of STRUCTURE_ID, or a SOURCE column
        Response sdmx = feed.request("POST", "/api/v1/observations").body(SDMX, """
                STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,SOURCE
                dataflow,DF_NQPF(1.0),I,TNA-GROUP,RD_INTENSITY,2075,3.1,%,
                dataflow,NBS:DF_NQPF(1.0),I,TNA-PLANT,RD_INTENSITY,2075,3.2,%,
                dataflow,NBS:DF_NQPF(1.0),I,TNB-GROUP,RD_INTENSITY,2075,3.3,%,demo-feed
                """).send();
        assertThat(sdmx.map()).as(sdmx.toString()).containsEntry("accepted", 2).containsEntry("rejected", 1);
        assertThat(errors(sdmx)).singleElement().satisfies(e -> assertThat(e).containsEntry("row", 2)
                .containsEntry("field", "source").containsEntry("detail",
                        "a feed submits under its own source 'demo-feed', not 'NBS'"));
        assertThat(sources("TNA-GROUP", "2075")).containsExactly("demo-feed");
        assertThat(sources("TNB-GROUP", "2075")).containsExactly("demo-feed");

        // a steward still submits under any source it names
        api.post("/api/v1/observations", batch("TNA-PLANT", 2073, 1.25, "nbs")).assertOk();
        assertThat(sources("TNA-PLANT", "2073")).containsExactly("nbs");
    }

    @Test
    void should_RunAFeedsImportUnderItsOwnSource_AndShowItOnlyItsOwnJobs() {
        world();
        ApiClient feed = api.as("demo-feed");
        Response submitted = feed.request("POST", "/api/v1/imports").body("text/csv", """
                entity,indicator,period,value,unit,source
                TNA-GROUP,RD_INTENSITY,2076,4.1,,
                TNA-PLANT,RD_INTENSITY,2076,4.2,,demo-feed
                TNB-GROUP,RD_INTENSITY,2076,4.3,,nbs
                """).send();
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(202);
        String job = submitted.location();

        JsonNode done = feed.awaitUntil(job, j -> j.body().path("status").asString().equals("COMPLETED")).body();
        assertThat(done.path("accepted").asInt()).isEqualTo(2);
        assertThat(done.path("rejected").asInt()).isEqualTo(1);
        JsonNode rejections = feed.getOk(job + "/rejections").path("rejections");
        assertThat(rejections).singleElement().satisfies(e -> {
            assertThat(e.path("row").asInt()).isEqualTo(3);
            assertThat(e.path("field").asString()).isEqualTo("source");
            assertThat(e.path("detail").asString()).isEqualTo("a feed submits under its own source 'demo-feed', not 'nbs'");
        });
        assertThat(sources("TNA-GROUP", "2076")).containsExactly("demo-feed");
        assertThat(sources("TNA-PLANT", "2076")).containsExactly("demo-feed");
        assertThat(sources("TNB-GROUP", "2076")).isEmpty();

        // a steward's job is not the feed's to read: 404 as for a missing one
        Response stewards = api.request("POST", "/api/v1/imports").body("text/csv", """
                entity,indicator,period,value,unit,source
                TNB-GROUP,RD_INTENSITY,2077,5.1,,nbs
                """).send();
        assertThat(stewards.status()).isEqualTo(202);
        api.awaitUntil(stewards.location(), j -> j.body().path("status").asString().equals("COMPLETED"));
        assertThat(sources("TNB-GROUP", "2077")).containsExactly("nbs");
        JsonNode hidden = feed.get(stewards.location()).assertProblem(404);
        JsonNode missing = feed.get("/api/v1/imports/00000000-0000-0000-0000-000000000000").assertProblem(404);
        assertThat(hidden.path("title")).isEqualTo(missing.path("title"));
        feed.get(stewards.location() + "/rejections").assertProblem(404);
        List<String> listed = feed.get("/api/v1/imports?limit=200").list().stream().map(j -> j.get("id").toString())
                .toList();
        assertThat(listed).contains(job.substring(job.lastIndexOf('/') + 1))
                .doesNotContain(stewards.location().substring(stewards.location().lastIndexOf('/') + 1));
        // the steward sees both
        assertThat(api.get("/api/v1/imports?limit=200").list().stream().map(j -> j.get("id").toString()))
                .contains(job.substring(job.lastIndexOf('/') + 1));

        // a feed reusing the steward's key is not shown the steward's job
        Response keyed = api.request("POST", "/api/v1/imports").header("Idempotency-Key", "tenancy-steward-key")
                .body("text/csv", "entity,indicator,period,value,unit,source\nTNB-GROUP,RD_INTENSITY,2078,6,,nbs\n")
                .send();
        assertThat(keyed.status()).isEqualTo(202);
        Response reused = feed.request("POST", "/api/v1/imports").header("Idempotency-Key", "tenancy-steward-key")
                .body("text/csv", "entity,indicator,period,value,unit,source\nTNA-GROUP,RD_INTENSITY,2078,6,,\n")
                .send();
        assertThat(reused.assertProblem(422).path("detail").asString()).contains("tenancy-steward-key")
                .doesNotContain(keyed.location().substring(keyed.location().lastIndexOf('/') + 1));
    }

    @Test
    void should_AnnounceEveryChangeOfAnEntity_WithItsTenant_AsAValidEntityChanged() {
        register("TNE-GROUP", "Echo Group", null, "tenant-a");
        Response update = api.put("/api/v1/entities/TNE-GROUP", """
                {"code": "TNE-GROUP", "nameEn": "Echo Group", "tenant": "tenant-b"}""");
        assertThat(update.status()).as(update.toString()).isEqualTo(200);
        assertThat(update.body().path("tenant").asString()).isEqualTo("tenant-b");
        // the same content again is no change: no revision, no event
        api.put("/api/v1/entities/TNE-GROUP", """
                {"code": "TNE-GROUP", "nameEn": "Echo Group", "tenant": "tenant-b"}""").assertOk();
        api.post("/api/v1/cohorts", """
                {"code": "TNE-PEERS", "nameEn": "Echo peers", "members": []}""");
        api.put("/api/v1/cohorts/TNE-PEERS/members/TNE-GROUP", null).assertOk();
        api.put("/api/v1/cohorts/TNE-PEERS/members/TNE-GROUP", null).assertOk(); // a member already: no change
        assertThat(api.delete("/api/v1/cohorts/TNE-PEERS/members/TNE-GROUP").status()).isEqualTo(204);

        List<ConsumerRecord<String, byte[]>> events = kafka.read(Topics.ENTITIES, r -> "TNE-GROUP".equals(r.key()), 4,
                Duration.ofSeconds(30));
        assertThat(events).hasSize(4);
        for (ConsumerRecord<String, byte[]> event : events) {
            assertThat(KafkaProbe.header(event, "ce_type")).isEqualTo(EventTypes.ENTITY_CHANGED);
            assertThat(KafkaProbe.header(event, "ce_subject")).isEqualTo("TNE-GROUP");
            EventSchemas.assertValid(EventTypes.ENTITY_CHANGED, event.value());
        }
        List<Map<String, Object>> payloads = events.stream().map(this::payload).toList();
        assertThat(payloads).extracting(p -> p.get("revision"), p -> p.get("tenant"), p -> p.get("cohorts"))
                .containsExactly(tuple(1, "tenant-a", List.of()), tuple(2, "tenant-b", List.of()),
                        tuple(3, "tenant-b", List.of("TNE-PEERS")), tuple(4, "tenant-b", List.of()));
        assertThat(payloads.get(0)).containsEntry("entityId", "TNE-GROUP").containsEntry("kind", "ENTERPRISE")
                .containsEntry("nameEn", "Echo Group").containsKey("changedAt");
        assertThat(kafka.read(Topics.ENTITIES, r -> "TNE-GROUP".equals(r.key()), 5, Duration.ofSeconds(2)))
                .as("no event for a change that changed nothing").hasSize(4);
    }

    @Test
    void should_AnnounceOnceOnStart_TheEntitiesWhoseLastChangeWasNotAnnounced() {
        // the seeded provinces predate the announcements: the start of the service announced them
        List<ConsumerRecord<String, byte[]>> province = kafka.read(Topics.ENTITIES, r -> "CN-11".equals(r.key()), 1,
                Duration.ofSeconds(30));
        assertThat(province).isNotEmpty();
        EventSchemas.assertValid(EventTypes.ENTITY_CHANGED, province.get(0).value());
        assertThat(payload(province.get(0))).containsEntry("revision", 1).containsEntry("cohorts",
                List.of("CN-PROVINCES")).doesNotContainKey("tenant");

        // an entity as one from before V11 stands: a revision never announced
        jdbc.sql("""
                INSERT INTO entity (id, kind, code, name_en, tenant, revision, announced_revision)
                VALUES ('TNS-OLD', 'ENTERPRISE', 'TNS-OLD', 'Sierra Old Works', 'tenant-b', 1, 0)""").update();
        assertThat(announcements.announcePending()).isGreaterThanOrEqualTo(1);
        assertThat(announcements.announcePending()).as("announced once").isZero();

        List<ConsumerRecord<String, byte[]>> events = kafka.read(Topics.ENTITIES, r -> "TNS-OLD".equals(r.key()), 2,
                Duration.ofSeconds(5));
        assertThat(events).hasSize(1);
        EventSchemas.assertValid(EventTypes.ENTITY_CHANGED, events.get(0).value());
        assertThat(payload(events.get(0))).containsEntry("tenant", "tenant-b").containsEntry("revision", 1);
        assertThat(jdbc.sql("SELECT count(*) FROM entity WHERE announced_revision < revision").query(Long.class)
                .single()).isZero();
    }

    @Test
    void should_Answer400NamingTheTenant_When_AStewardSetsOneThatIsNoTenant() {
        Response created = api.post("/api/v1/entities", """
                {"id": "TNV-BAD", "kind": "ENTERPRISE", "code": "TNV-BAD", "nameEn": "Bad", "tenant": "Tenant_A"}""");
        JsonNode problem = created.assertProblem(400);
        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("tenant");
        assertThat(problem.path("errors").get(0).path("rejectedValue").asString()).isEqualTo("Tenant_A");
        api.get("/api/v1/entities/TNV-BAD").assertProblem(404);

        register("TNV-GOOD", "Victor Works", null, "tenant-a");
        JsonNode changed = api.put("/api/v1/entities/TNV-GOOD", """
                {"code": "TNV-GOOD", "nameEn": "Victor Works", "tenant": "-a"}""").assertProblem(400);
        assertThat(changed.path("errors").get(0).path("field").asString()).isEqualTo("tenant");
        assertThat(api.getOk("/api/v1/entities/TNV-GOOD").path("tenant").asString()).isEqualTo("tenant-a");
        // leaving the tenant out of a PUT clears it, as it does nameZh and parentId
        api.put("/api/v1/entities/TNV-GOOD", "{\"code\": \"TNV-GOOD\", \"nameEn\": \"Victor Works\"}").assertOk();
        assertThat(api.getOk("/api/v1/entities/TNV-GOOD").path("tenant").isNull()).isTrue();
    }

    private void register(String id, String name, String parent, String tenant) {
        Map<String, Object> entity = new java.util.LinkedHashMap<>();
        entity.put("id", id);
        entity.put("kind", "ENTERPRISE");
        entity.put("code", id);
        entity.put("nameEn", name);
        entity.put("parentId", parent);
        entity.put("tenant", tenant);
        Response r = api.postJson("/api/v1/entities", entity);
        assertThat(r.status()).as(r.toString()).isIn(201, 409);
    }

    private static String batch(String entity, int period, double value, String source) {
        return """
                {"observations": [{"entity": "%s", "indicator": "RD_INTENSITY", "period": "%d", "value": %s, "source": "%s"}]}"""
                .formatted(entity, period, value, source);
    }

    private List<String> sources(String entity, String period) {
        return store.current(entity, "RD_INTENSITY", period, 10).stream().map(StoredObservation::source).toList();
    }

    private static Response seen(List<Response> seen, Response r) {
        seen.add(r);
        return r;
    }

    private static List<String> ids(Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.list().stream().map(e -> e.get("id").toString()).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> errors(Response r) {
        return (List<Map<String, Object>>) r.map().get("errors");
    }

    private Map<String, Object> payload(ConsumerRecord<String, byte[]> record) {
        return json.readValue(record.value(), new TypeReference<Map<String, Object>>() {
        });
    }

    /** Two 404s alike but for the id each names: same members, same type, title and status. */
    private static void assertSameAsMissing(JsonNode foreign, JsonNode missing, String foreignId, String missingId) {
        assertThat(foreign.propertyNames()).containsExactlyInAnyOrderElementsOf(missing.propertyNames());
        assertThat(foreign.path("type")).isEqualTo(missing.path("type"));
        assertThat(foreign.path("title")).isEqualTo(missing.path("title"));
        assertThat(foreign.path("status")).isEqualTo(missing.path("status"));
        assertThat(foreign.path("detail").asString().replace(foreignId, missingId))
                .isEqualTo(missing.path("detail").asString());
    }

    private static void assertNothingOfTenantB(List<Response> seen) {
        assertThat(seen).isNotEmpty();
        for (Response r : seen) {
            for (String mark : TENANT_B_MARKS) {
                String body = r.text();
                // a 404 names what the portal itself asked for; nothing it did not name may appear
                if (r.status() == 404) {
                    body = body.replaceAll("\"detail\":\"[^\"]*\"", "").replaceAll("\"instance\":\"[^\"]*\"", "");
                }
                assertThat(body).as("a body portal-a received: " + r).doesNotContain(mark);
            }
        }
    }
}

package org.nqpf.indicator.apikeys;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nqpf.testsupport.ApiClient;
import org.nqpf.testsupport.ServiceTest;
import org.nqpf.web.ProblemTypes;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** API keys for feeds that cannot do OAuth2: operators' to manage, stored hashed, shown once, refused once revoked. */
@ServiceTest
class ApiKeysIT {

    private static final String BATCH = """
            {"observations": [{"entity": "CN-62", "indicator": "RD_INTENSITY", "period": "2016", "value": %s}]}""";

    @Autowired
    ApiClient api;

    @Autowired
    JdbcClient jdbc;

    private JsonNode create(String name, String source) {
        ApiClient.Response created = api.as("demo-operator").post("/api/v1/api-keys",
                "{\"name\": \"" + name + "\", \"source\": \"" + source + "\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Cache-Control")).isEqualTo("no-store");
        return created.body();
    }

    private ApiClient.Response submit(String key, double value) {
        return api.anonymous().request("POST", "/api/v1/observations").header("X-Api-Key", key)
                .json(BATCH.formatted(value)).send();
    }

    @Test
    void should_ShowTheSecretOnce_And_KeepOnlyItsHash() {
        JsonNode created = create("gansu statistics bureau", "gansu-stats");
        String id = created.path("id").asString();
        String key = created.path("key").asString();
        assertThat(key).startsWith("nqpf_" + id + "_");
        String secret = key.substring(("nqpf_" + id + "_").length());

        JsonNode listed = api.as("demo-operator").getOk("/api/v1/api-keys");
        assertThat(listed.toString()).contains(id).doesNotContain(secret);
        assertThat(api.as("demo-operator").getOk("/api/v1/api-keys/" + id).has("key")).isFalse();
        byte[] stored = jdbc.sql("SELECT secret_sha256 FROM api_key WHERE id = ?").param(id)
                .query((rs, i) -> rs.getBytes(1)).single();
        assertThat(stored).isEqualTo(ApiKeys.sha256(secret));
        String row = jdbc.sql("SELECT row_to_json(k)::text FROM api_key k WHERE id = ?").param(id)
                .query(String.class).single();
        assertThat(row).doesNotContain(secret);
    }

    @Test
    void should_AcceptAFeedsBatch_When_ItsKeyIsActive_And_RefuseItWith401_When_RotatedOrRevoked() {
        JsonNode created = create("a feed without OAuth2", "keyed-feed");
        String id = created.path("id").asString();
        String first = created.path("key").asString();

        ApiClient.Response accepted = submit(first, 2.1);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(accepted.body().path("accepted").asInt() + accepted.body().path("unchanged").asInt()).isEqualTo(1);

        JsonNode stored = api.getOk("/api/v1/observations?entity=CN-62&indicator=RD_INTENSITY&period=2016");
        assertThat(stored.toString()).as("recorded under the key's source").contains("\"keyed-feed\"");
        ApiClient.Response foreign = api.anonymous().request("POST", "/api/v1/observations").header("X-Api-Key", first)
                .json("{\"observations\": [{\"entity\": \"CN-62\", \"indicator\": \"RD_INTENSITY\", "
                        + "\"period\": \"2017\", \"value\": 2.0, \"source\": \"nbs\"}]}").send();
        // every row rejected: 422, each row named with its field
        assertThat(foreign.assertProblem(422).path("errors").get(0).path("field").asString()).isEqualTo("source");

        String second = api.as("demo-operator").post("/api/v1/api-keys/" + id + "/rotate", null).assertOk().body()
                .path("key").asString();
        assertThat(second).isNotEqualTo(first);
        ApiClient.Response oldKey = submit(first, 2.2);
        assertThat(oldKey.assertProblem(401).path("type").asString()).isEqualTo(ProblemTypes.BASE + "unauthorized");
        assertThat(oldKey.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(submit(second, 2.2).status()).isEqualTo(200);

        JsonNode revoked = api.as("demo-operator").delete("/api/v1/api-keys/" + id).assertOk().body();
        assertThat(revoked.has("revokedAt")).isTrue();
        assertThat(submit(second, 2.3).status()).isEqualTo(401);
        assertThat(api.as("demo-operator").getOk("/api/v1/api-keys/" + id).has("lastUsedAt")).isTrue();
    }

    @Test
    void should_Refuse_When_TheKeyIsMalformedOrUnknown() {
        assertThat(submit("not-a-key", 1).status()).isEqualTo(401);
        assertThat(submit("nqpf_0123456789abcdef_" + "A".repeat(43), 1).status()).isEqualTo(401);
    }

    @Test
    void should_LetOnlyOperatorsManageKeys() {
        assertThat(api.anonymous().get("/api/v1/api-keys").status()).isEqualTo(401);
        for (String client : new String[] {"demo-steward", "demo-analyst", "demo-feed", "demo-portal-a"}) {
            assertThat(api.as(client).get("/api/v1/api-keys").status()).as(client).isEqualTo(403);
            assertThat(api.as(client).post("/api/v1/api-keys", "{\"name\": \"x\", \"source\": \"x\"}").status())
                    .as(client).isEqualTo(403);
        }
    }

    @Test
    void should_NameTheFields_When_AKeyIsAskedForWithoutNameOrSource() {
        ApiClient.Response refused = api.as("demo-operator").post("/api/v1/api-keys", "{\"source\": \"bad source!\"}");
        assertThat(refused.assertProblem(422).path("errors").findValuesAsString("field")).containsExactly("name", "source");
    }

    @Test
    void should_NotLetAKeyReadOrChangeAnythingButSubmissions() {
        String key = create("feed reading", "reader").path("key").asString();
        ApiClient keyed = api.anonymous();
        assertThat(keyed.request("GET", "/api/v1/entities").header("X-Api-Key", key).send().status()).isEqualTo(403);
        assertThat(keyed.request("POST", "/api/v1/frameworks").header("X-Api-Key", key).json("{}").send().status())
                .isEqualTo(403);
    }
}

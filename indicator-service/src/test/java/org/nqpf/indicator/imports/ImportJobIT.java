package org.nqpf.indicator.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.nqpf.indicator.catalog.Catalog;
import org.nqpf.indicator.catalog.Indicator;
import org.nqpf.indicator.ingest.Ingestion;
import org.nqpf.indicator.ingest.ObservationStore;
import org.nqpf.indicator.ingest.StoredObservation;
import org.nqpf.testsupport.ApiClient;
import org.nqpf.testsupport.ApiClient.Response;
import org.nqpf.testsupport.Poll;
import org.nqpf.testsupport.ServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

@ServiceTest
class ImportJobIT {

    private static final String CSV = "text/csv";
    private static final List<String> PROVINCES = List.of("CN-11", "CN-12", "CN-13", "CN-14", "CN-15", "CN-21",
            "CN-22", "CN-23", "CN-31", "CN-32", "CN-33", "CN-34", "CN-35", "CN-36", "CN-37", "CN-41", "CN-42", "CN-43",
            "CN-44", "CN-45", "CN-46", "CN-50", "CN-51", "CN-52", "CN-53", "CN-54", "CN-61", "CN-62", "CN-63", "CN-64",
            "CN-65");

    @Autowired
    ApiClient api;

    @Autowired
    Catalog catalog;

    @Autowired
    ImportService imports;

    @Autowired
    ImportSettings settings;

    @Autowired
    ObservationStore store;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ImportJobs jobs;

    @Autowired
    Ingestion ingestion;

    @Autowired
    TransactionTemplate transactions;

    /**
     * A job the service's previous run left RUNNING after committing its first rows, as a kill -9 leaves it: its
     * owner's last heartbeat is {@code silentFor} old.
     */
    private UUID cutShortJob(String file, long rowsDone, boolean keepSpool, Duration silentFor) throws Exception {
        UUID id = UUID.randomUUID();
        Path spool = settings.spoolDir().resolve(id + ".upload");
        if (keepSpool) {
            Files.writeString(spool, file);
        }
        jdbc.sql("""
                INSERT INTO import_job (id, status, format, content_type, node, owner, heartbeat_at, spool_path,
                                        bytes_total, rows_done, accepted, started_at)
                VALUES (?, 'RUNNING', 'csv', 'text/csv', ?, ?, now() - make_interval(secs => ?), ?, ?, ?, ?, now())""")
                .params(id, imports.node(), UUID.randomUUID(), silentFor.toSeconds(), spool.toString(), file.length(),
                        rowsDone, rowsDone).update();
        return id;
    }

    private UUID cutShortJob(String file, long rowsDone, boolean keepSpool) throws Exception {
        return cutShortJob(file, rowsDone, keepSpool, settings.lease().plusSeconds(1));
    }

    @Test
    void should_LeaveAJobToItsOwner_While_TheOwnerStillBeats_And_TakeItOver_When_TheOwnerFallsSilent()
            throws Exception {
        StringBuilder file = new StringBuilder("entity,indicator,period,value,unit,source\n");
        for (int i = 0; i < 4; i++) {
            file.append(PROVINCES.get(i)).append(",RD_INTENSITY,1962,").append(2.0 + i).append(",,nbs\n");
        }
        // Another instance on this host, same spool directory, running the job right now (heartbeat 1 s ago).
        UUID id = cutShortJob(file.toString(), 0, true, Duration.ofSeconds(1));

        imports.resumeInterrupted();
        Thread.sleep(500);
        JsonNode untouched = get("/api/v1/imports/" + id);
        assertThat(untouched.get("status").asString()).isEqualTo("RUNNING");
        assertThat(untouched.get("rowsDone").asLong()).as("not run a second time beside its owner").isZero();
        assertThat(store.current(PROVINCES.get(0), "RD_INTENSITY", "1962", 1)).isEmpty();

        // The owner stops beating (a crash): once the lease has run out, this instance takes the job over.
        jdbc.sql("UPDATE import_job SET heartbeat_at = now() - make_interval(secs => ?) WHERE id = ?")
                .params(settings.lease().toSeconds() + 1, id).update();
        imports.resumeInterrupted();
        JsonNode done = awaitFinished(id.toString(), Duration.ofSeconds(60), null);
        assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(done.get("accepted").asLong()).isEqualTo(4);
    }

    @Test
    void should_GoOnAfterTheRowsAlreadyStored_When_ServiceRestartsDuringAnImport() throws Exception {
        StringBuilder file = new StringBuilder("entity,indicator,period,value,unit,source\n");
        for (int i = 0; i < 10; i++) {
            file.append(PROVINCES.get(i)).append(",RD_INTENSITY,1961,").append(1.0 + i).append(",,nbs\n");
        }
        // The earlier run committed rows 1-3 (in this test they were never stored, so a re-read would show).
        UUID id = cutShortJob(file.toString(), 3, true);

        imports.resumeInterrupted();

        JsonNode done = awaitFinished(id.toString(), Duration.ofSeconds(60), null);
        assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(done.get("rowsDone").asLong()).isEqualTo(10);
        assertThat(done.get("accepted").asLong()).isEqualTo(10);
        for (int i = 0; i < 10; i++) {
            List<Double> stored = store.current(PROVINCES.get(i), "RD_INTENSITY", "1961", 1).stream()
                    .map(StoredObservation::value).toList();
            if (i < 3) {
                assertThat(stored).as("row %d was done before the restart: not read again", i + 1).isEmpty();
            }
            else {
                assertThat(stored).as("row %d", i + 1).containsExactly(1.0 + i);
            }
        }
        assertThat(settings.spoolDir().resolve(id + ".upload")).doesNotExist();
    }

    /**
     * A graceful stop once interrupted the workers, which went on regardless: the job ran to its end within the
     * stop's 10 s wait here, and a long one was cut off by the JVM's exit with its claim kept for the lease. Now the
     * worker ends the job at a chunk, gives it up, and the next run (here the service's own instance) goes on from
     * there at once: every row stored once.
     */
    @Test
    void should_GoOnFromItsLastChunk_When_TheServiceStopsGracefullyDuringAnImport() throws Exception {
        String file = everyKeyOnce(1990, 2010);
        ImportService stopping = anotherProcess();
        UUID id = stopping.submit(MediaType.parseMediaType(CSV), null,
                new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8))).job().id();
        Poll.until("the first chunks stored", Duration.ofSeconds(60), Duration.ofMillis(20), () -> rowsDone(id),
                done -> done >= 20);
        stopping.stop();
        JsonNode stopped = get("/api/v1/imports/" + id);
        assertThat(stopped.get("status").asString()).as(stopped.toString()).isEqualTo("RUNNING");
        assertThat(stopped.get("rowsDone").asLong()).as("cut short by the stop").isLessThan(rows(file));
        assertThat(settings.spoolDir().resolve(id + ".upload")).as("its file kept for the next run").exists();

        imports.resumeInterrupted();
        assertStoredOnce(id, file);
    }

    /**
     * A process whose claim ran out (silent past the lease: a long pause) while it still ran the job, and whose job
     * another process took over: its next chunk is refused and rolled back, so the two never both store a chunk.
     */
    @Test
    void should_StopRunningAJob_When_AnotherProcessTookItOverAfterItsClaimRanOut() throws Exception {
        String file = everyKeyOnce(1904, 1920);
        ImportService paused = anotherProcess();
        try {
            UUID id = paused.submit(MediaType.parseMediaType(CSV), null,
                    new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8))).job().id();
            Poll.until("the first chunks stored", Duration.ofSeconds(60), Duration.ofMillis(20), () -> rowsDone(id),
                    done -> done >= 20);
            jdbc.sql("UPDATE import_job SET heartbeat_at = now() - make_interval(secs => ?) WHERE id = ?")
                    .params(settings.lease().toSeconds() + 1, id).update();
            imports.resumeInterrupted();
            assertStoredOnce(id, file);
        }
        finally {
            paused.stop();
        }
    }

    /** Another indicator-service process on this node (same host and spool directory), in chunks of 20 rows. */
    private ImportService anotherProcess() throws Exception {
        return new ImportService(jobs, ingestion, transactions, new ImportSettings(settings.spoolDir(), 1, 20,
                settings.maxStoredRejections(), settings.heartbeat(), settings.lease()));
    }

    /** Every province's every default indicator once in each year of [from, to), years no other test here uses. */
    private String everyKeyOnce(int from, int to) {
        List<Indicator> indicators = new ArrayList<>(catalog.defaultIndicatorsByCode().values());
        StringBuilder file = new StringBuilder("entity,indicator,period,value,unit,source\n");
        for (int year = from; year < to; year++) {
            for (String province : PROVINCES) {
                for (Indicator indicator : indicators) {
                    file.append(province).append(',').append(indicator.code()).append(',').append(year)
                            .append(',').append(valid(indicator, 1)).append(",,nbs\n");
                }
            }
        }
        return file.toString();
    }

    private static long rows(String file) {
        return file.lines().count() - 1;
    }

    private long rowsDone(UUID id) {
        return jdbc.sql("SELECT rows_done FROM import_job WHERE id = ?").param(id).query(Long.class).single();
    }

    private void assertStoredOnce(UUID id, String file) {
        JsonNode done = awaitFinished(id.toString(), Duration.ofMinutes(3), null);
        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("COMPLETED");
        assertThat(done.get("rowsDone").asLong()).as(done.toString()).isEqualTo(rows(file));
        assertThat(done.get("accepted").asLong()).as(done.toString()).isEqualTo(rows(file));
        assertThat(done.get("unchanged").asLong()).as("no row stored twice").isZero();
    }

    @Test
    void should_FailNamingHowFarItGot_When_CutShortJobHasLostItsFile() throws Exception {
        UUID id = cutShortJob("entity,indicator,period,value,unit,source\n", 7, false);

        imports.resumeInterrupted();

        JsonNode job = awaitFinished(id.toString(), Duration.ofSeconds(30), null);
        assertThat(job.get("status").asString()).isEqualTo("FAILED");
        assertThat(job.get("failure").asString()).contains("after 7 rows").contains("send the file again");
    }

    @Test
    void should_CompleteWithCountsAndRejectionsNamingRowAndField_When_FileMixesGoodAndBadRows() throws Exception {
        String file = """
                entity,indicator,period,value,unit,source
                CN-11,RD_INTENSITY,1901,6.1,,nbs
                CN-12,RD_INTENSITY,1901,3.2,,nbs
                XX-99,RD_INTENSITY,1901,1.0,,nbs
                CN-13,URBANISATION_RATE,1901,180,,nbs
                CN-13,RD_INTENSITY,19x1,1.1,,nbs
                CN-13,RD_INTENSITY,1901,1.9,,nbs
                CN-14,RD_INTENSITY,1901,abc,,nbs
                CN-14,URBANISATION_RATE,1901,61.5,,nbs
                """;
        Response posted = post(file.getBytes(StandardCharsets.UTF_8), CSV, null);

        assertThat(posted.status()).isEqualTo(202);
        JsonNode job = posted.body();
        String id = job.get("id").asString();
        assertThat(posted.header("Location")).isEqualTo("/api/v1/imports/" + id);
        assertThat(job.get("format").asString()).isEqualTo("csv");
        assertThat(job.get("bytesTotal").asLong()).isEqualTo(file.getBytes(StandardCharsets.UTF_8).length);

        JsonNode done = awaitFinished(id, Duration.ofSeconds(60), null);
        assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(done.get("rowsDone").asLong()).isEqualTo(8);
        assertThat(done.get("accepted").asLong()).isEqualTo(4);
        assertThat(done.get("rejected").asLong()).isEqualTo(4);
        assertThat(done.get("percentComplete").asDouble()).isEqualTo(100.0);
        assertThat(done.get("startedAt").isNull()).isFalse();
        assertThat(done.get("finishedAt").isNull()).isFalse();

        JsonNode page = get("/api/v1/imports/" + id + "/rejections?offset=0&limit=10");
        assertThat(page.get("rejected").asLong()).isEqualTo(4);
        assertThat(page.get("stored").asInt()).isEqualTo(4);
        List<String> rejections = new ArrayList<>();
        page.get("rejections").forEach(r -> rejections.add(r.get("row").asInt() + ":" + r.get("field").asString()));
        assertThat(rejections).containsExactly("3:entity", "4:value", "5:period", "7:value");
        assertThat(page.get("rejections").get(1).get("detail").asString()).contains("180");

        JsonNode second = get("/api/v1/imports/" + id + "/rejections?offset=2&limit=1");
        assertThat(second.get("rejections")).hasSize(1);
        assertThat(second.get("rejections").get(0).get("row").asInt()).isEqualTo(5);

        JsonNode stored = get("/api/v1/observations?entity=CN-14&indicator=URBANISATION_RATE&period=1901");
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).get("value").asDouble()).isEqualTo(61.5);
        assertThat(stored.get(0).get("channel").asString()).isEqualTo("IMPORT");
    }

    @Test
    void should_ImportJsonAndSdmxCsvFiles_AsTheyImportCsv() throws Exception {
        String jsonFile = """
                {"observations": [
                  {"entity": "CN-51", "indicator": "RD_INTENSITY", "period": "1903", "value": 1.4, "source": "sc"},
                  {"entity": "CN-51", "indicator": "RD_INTENSITY", "period": "19o3", "value": 1.4, "source": "sc"},
                  {"entity": "CN-52", "indicator": "RD_INTENSITY", "period": "1903", "value": 0.9, "source": "gz"}]}""";
        Response postedJson = post(jsonFile.getBytes(StandardCharsets.UTF_8), "application/json", null);
        assertThat(postedJson.status()).isEqualTo(202);
        JsonNode fromJson = awaitFinished(postedJson.body().get("id").asString(),
                Duration.ofSeconds(60), null);
        assertThat(fromJson.get("format").asString()).isEqualTo("json");
        assertThat(fromJson.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(fromJson.get("accepted").asLong()).isEqualTo(2);
        assertThat(fromJson.get("rejected").asLong()).as("no row after the last one").isEqualTo(1);

        String sdmxFile = """
                STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE
                dataflow,NBS:DF_NQPF(1.0),I,CN-53,RD_INTENSITY,1903,1.1,%
                dataflow,NBS:DF_NQPF(1.0),R,CN-51,RD_INTENSITY,1903,1.45,%
                dataflow,NBS:DF_NQPF(1.0),D,CN-52,RD_INTENSITY,1903,,
                """;
        Response postedSdmx = post(sdmxFile.getBytes(StandardCharsets.UTF_8),
                "application/vnd.sdmx.data+csv; version=2.0.0", null);
        assertThat(postedSdmx.status()).isEqualTo(202);
        JsonNode fromSdmx = awaitFinished(postedSdmx.body().get("id").asString(),
                Duration.ofSeconds(60), null);
        assertThat(fromSdmx.get("format").asString()).isEqualTo("sdmx");
        assertThat(fromSdmx.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(fromSdmx.get("accepted").asLong()).isEqualTo(3);

        assertThat(store.current("CN-51", "RD_INTENSITY", "1903", 1)).extracting(StoredObservation::value,
                StoredObservation::revision, StoredObservation::channel).containsExactly(tuple(1.45, 2, "IMPORT"));
        assertThat(store.current("CN-52", "RD_INTENSITY", "1903", 1)).as("deleted by the SDMX file").isEmpty();
        assertThat(store.current("CN-53", "RD_INTENSITY", "1903", 1)).extracting(StoredObservation::source)
                .containsExactly("NBS");
    }

    @Test
    void should_ReportGrowingProgress_While_LargeFileIsIngested() throws Exception {
        // 31 provinces x the default framework x 1920-1939, three revisions each: over 200,000 rows, all valid
        List<Indicator> indicators = new ArrayList<>(catalog.defaultIndicatorsByCode().values());
        StringBuilder file = new StringBuilder("entity,indicator,period,value,unit,source\n");
        int rows = 0;
        for (int revision = 0; rows < 200_000; revision++) {
            for (int year = 1920; year < 1940; year++) {
                for (String province : PROVINCES) {
                    for (Indicator indicator : indicators) {
                        file.append(province).append(',').append(indicator.code()).append(',').append(year)
                                .append(',').append(valid(indicator, revision)).append(",,bench\n");
                        rows++;
                    }
                }
            }
        }
        Response posted = post(file.toString().getBytes(StandardCharsets.UTF_8), CSV, null);
        assertThat(posted.status()).isEqualTo(202);
        String id = posted.body().get("id").asString();

        int total = rows;
        List<JsonNode> seen = new ArrayList<>();
        JsonNode done = awaitFinished(id, Duration.ofMinutes(5), seen);

        assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(done.get("rowsDone").asLong()).isEqualTo(rows);
        assertThat(done.get("rejected").asLong()).isZero();
        assertThat(done.get("accepted").asLong()).isEqualTo(rows);
        List<JsonNode> midway = seen.stream().filter(j -> j.get("status").asString().equals("RUNNING")
                && j.get("rowsDone").asLong() > 0 && j.get("rowsDone").asLong() < total).toList();
        assertThat(midway).as("progress readable while the job runs").isNotEmpty();
        assertThat(midway).allSatisfy(j -> assertThat(j.get("percentComplete").asDouble()).isBetween(0.1, 99.99));
        List<Double> percents = seen.stream().map(j -> j.get("percentComplete").asDouble()).toList();
        assertThat(percents).isSorted();
        // chunks commit with their progress: rows done move in whole chunks of 5,000
        assertThat(midway).allSatisfy(j -> assertThat(j.get("rowsDone").asLong() % 5000).isZero());
    }

    @Test
    void should_ReturnTheSameJob_When_IdempotencyKeyIsReused() throws Exception {
        String key = "import-" + UUID.randomUUID();
        byte[] file = "entity,indicator,period,value,unit,source\nCN-21,RD_INTENSITY,1902,2.2,,nbs\n"
                .getBytes(StandardCharsets.UTF_8);
        Response first = post(file, CSV, key);
        Response again = post(file, CSV, key);

        assertThat(first.status()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(202);
        String id = first.body().get("id").asString();
        assertThat(again.body().get("id").asString()).isEqualTo(id);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(awaitFinished(id, Duration.ofSeconds(60), null).get("accepted").asLong()).isEqualTo(1);

        List<String> ids = new ArrayList<>();
        get("/api/v1/imports?limit=200").forEach(j -> ids.add(j.get("id").asString()));
        assertThat(ids).containsOnlyOnce(id);
    }

    @Test
    void should_Answer415NamingSupportedFormats_When_ContentTypeIsNotAFileFormat() throws Exception {
        Response r = post("<observations/>".getBytes(StandardCharsets.UTF_8), "application/xml", null);

        assertThat(r.status()).isEqualTo(415);
        assertThat(r.contentType()).startsWith("application/problem+json");
        JsonNode problem = r.body();
        assertThat(problem.get("detail").asString()).contains("application/xml").contains("text/csv");
        assertThat(problem.get("supported").toString()).contains("application/vnd.sdmx.data+csv");
    }

    @Test
    void should_Answer400_When_BodyIsEmpty() throws Exception {
        Response r = post(new byte[0], CSV, null);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().get("detail").asString()).contains("empty");
    }

    @Test
    void should_FailJobNamingTheProblem_When_FileLacksARequiredColumn() throws Exception {
        Response posted = post("entity,indicator,period\nCN-22,RD_INTENSITY,1903\n"
                .getBytes(StandardCharsets.UTF_8), CSV, null);
        String id = posted.body().get("id").asString();

        JsonNode done = awaitFinished(id, Duration.ofSeconds(60), null);
        assertThat(done.get("status").asString()).isEqualTo("FAILED");
        assertThat(done.get("failure").asString()).contains("line 1").contains("VALUE");
    }

    @Test
    void should_Answer404_When_JobIsUnknown() throws Exception {
        Response r = api.get("/api/v1/imports/" + UUID.randomUUID());
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.body().get("detail").asString()).contains("import job");
    }

    private static double valid(Indicator indicator, int revision) {
        double min = indicator.minValue() == null ? 0 : indicator.minValue();
        double max = indicator.maxValue() == null ? min + 100 : indicator.maxValue();
        return Math.round((min + (max - min) * (0.1 + 0.07 * revision)) * 1000) / 1000.0;
    }

    /** Polls the job until it is COMPLETED or FAILED, keeping every state read in {@code seen} when given. */
    private JsonNode awaitFinished(String id, Duration timeout, List<JsonNode> seen) {
        return Poll.until("import " + id + " finished", timeout, Duration.ofMillis(50), () -> {
            JsonNode job = get("/api/v1/imports/" + id);
            if (seen != null) {
                seen.add(job);
            }
            return job;
        }, job -> job.get("status").asString().equals("COMPLETED") || job.get("status").asString().equals("FAILED"));
    }

    private Response post(byte[] body, String contentType, String key) {
        return api.request("POST", "/api/v1/imports").body(contentType, body).header("Idempotency-Key", key).send();
    }

    private JsonNode get(String path) {
        return api.getOk(path);
    }
}

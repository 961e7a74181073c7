package org.nqpf.indicator.imports;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.nqpf.indicator.ingest.IngestResult;
import org.nqpf.indicator.ingest.Rejection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The import_job and import_rejection tables. */
@Repository
class ImportJobs {

    private static final String SELECT = """
            SELECT id, status, format, content_type, bytes_total, bytes_read, rows_done, accepted, superseded,
                   unchanged, rejected, created_at, started_at, finished_at, failure, source
            FROM import_job""";

    private final JdbcClient jdbc;

    ImportJobs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whose jobs a reader sees: every job, or those submitted under one source (a FEED's own). */
    record Readers(boolean all, String source) {

        static final Readers ALL = new Readers(true, null);
    }

    private static final String VISIBLE = " (:all OR source = :source::text) ";

    /**
     * A new QUEUED job owned by {@code owner}, submitted by {@code submittedBy} (its rows bound to {@code source}
     * when not null); with a key already taken, nothing is inserted and the result is empty.
     */
    Optional<ImportJob> create(UUID id, String key, String format, String contentType, String node, UUID owner,
            Path spool, long bytes, String submittedBy, String source) {
        int inserted = jdbc.sql("""
                INSERT INTO import_job (id, idempotency_key, status, format, content_type, node, owner, heartbeat_at,
                                        spool_path, bytes_total, submitted_by, source)
                VALUES (?, ?, 'QUEUED', ?, ?, ?, ?, now(), ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING""")
                .params(id, key, format, contentType, node, owner, spool.toString(), bytes, submittedBy, source)
                .update();
        return inserted == 0 ? Optional.empty() : find(id, Readers.ALL);
    }

    /** The job if {@code readers} see it: another's job is as absent as a missing one. */
    Optional<ImportJob> find(UUID id, Readers readers) {
        return jdbc.sql(SELECT + " WHERE id = :id AND" + VISIBLE).param("id", id).param("all", readers.all())
                .param("source", readers.source()).query(ImportJobs::job).optional();
    }

    /** The job that took {@code key}, and the source it was submitted under (null: any). */
    record Keyed(ImportJob job, String source) {
    }

    Optional<Keyed> findByKey(String key) {
        return jdbc.sql(SELECT + " WHERE idempotency_key = ?").param(key)
                .query((rs, i) -> new Keyed(job(rs, i), rs.getString("source"))).optional();
    }

    List<ImportJob> recent(int limit, Readers readers) {
        return jdbc.sql(SELECT + " WHERE" + VISIBLE + "ORDER BY created_at DESC, id LIMIT :limit")
                .param("all", readers.all()).param("source", readers.source()).param("limit", limit)
                .query(ImportJobs::job).list();
    }

    Optional<String> spoolPath(UUID id) {
        return jdbc.sql("SELECT spool_path FROM import_job WHERE id = ?").param(id).query(String.class).optional();
    }

    /*
     * A job's state changes only while {@code owner} holds its claim: a process whose claim ran out (it went silent
     * past the lease, a long pause) and was taken over finds its writes refused, and stops, rather than running the
     * job a second time beside the new owner.
     */

    /** False when the job is no longer the owner's to run. */
    boolean started(UUID id, UUID owner) {
        return jdbc.sql("""
                UPDATE import_job SET status = 'RUNNING', started_at = coalesce(started_at, now())
                WHERE id = ? AND owner = ?""").params(id, owner).update() == 1;
    }

    /**
     * Adds one chunk's outcome; called in the chunk's own transaction, so the counts match what is stored. False
     * when the job is no longer the owner's: the caller rolls the chunk back.
     */
    boolean progress(UUID id, UUID owner, long bytesRead, IngestResult chunk, List<Rejection> keep, int firstSeq) {
        int updated = jdbc.sql("""
                UPDATE import_job SET bytes_read = ?, rows_done = rows_done + ?, accepted = accepted + ?,
                       superseded = superseded + ?, unchanged = unchanged + ?, rejected = rejected + ?
                WHERE id = ? AND owner = ?""").params(bytesRead, chunk.received(), chunk.accepted(),
                chunk.superseded(), chunk.unchanged(), chunk.rejected().size(), id, owner).update();
        if (updated == 0) {
            return false;
        }
        int seq = firstSeq;
        for (Rejection r : keep) {
            jdbc.sql("INSERT INTO import_rejection (job_id, seq, row_number, field, detail) VALUES (?, ?, ?, ?, ?)")
                    .params(id, seq++, r.row(), r.field(), r.detail()).update();
        }
        return true;
    }

    void completed(UUID id, UUID owner) {
        jdbc.sql("""
                UPDATE import_job SET status = 'COMPLETED', bytes_read = bytes_total, finished_at = now(),
                       spool_path = NULL WHERE id = ? AND owner = ?""").params(id, owner).update();
    }

    void failed(UUID id, UUID owner, String reason) {
        jdbc.sql("UPDATE import_job SET status = 'FAILED', failure = ?, finished_at = now(), spool_path = NULL"
                + " WHERE id = ? AND owner = ?").params(reason, id, owner).update();
    }

    /** A job a stop of the service cut short, with what it needs to go on (its submitter's rules included). */
    record Interrupted(UUID id, String contentType, String spoolPath, long rowsDone, String submittedBy,
            String source) {
    }

    /** Renews the owner's claim on its unfinished jobs. */
    int heartbeat(UUID owner) {
        return jdbc.sql("UPDATE import_job SET heartbeat_at = now() WHERE owner = ? AND status IN ('QUEUED', 'RUNNING')")
                .param(owner).update();
    }

    /** Gives up the owner's claims: its unfinished jobs are free for any process of their node. */
    int release(UUID owner) {
        return jdbc.sql("UPDATE import_job SET owner = NULL WHERE owner = ? AND status IN ('QUEUED', 'RUNNING')")
                .param(owner).update();
    }

    /**
     * Takes over this node's unfinished jobs whose owner has been silent longer than the lease (or that have no
     * owner), oldest first. The row lock makes one claimant win each job: a second one re-reads the renewed
     * heartbeat and passes.
     */
    List<Interrupted> claimAbandoned(String node, UUID owner, java.time.Duration lease) {
        return jdbc.sql("""
                WITH claimed AS (
                    UPDATE import_job SET owner = ?, heartbeat_at = now()
                    WHERE node = ? AND status IN ('QUEUED', 'RUNNING')
                      AND (owner IS NULL OR heartbeat_at < now() - make_interval(secs => ?))
                    RETURNING id, content_type, spool_path, rows_done, created_at, submitted_by, source)
                SELECT id, content_type, spool_path, rows_done, submitted_by, source FROM claimed
                ORDER BY created_at, id""")
                .params(owner, node, lease.toMillis() / 1000.0)
                .query((rs, n) -> new Interrupted(rs.getObject("id", UUID.class), rs.getString("content_type"),
                        rs.getString("spool_path"), rs.getLong("rows_done"), rs.getString("submitted_by"),
                        rs.getString("source")))
                .list();
    }

    List<Rejection> rejections(UUID id, int offset, int limit) {
        return jdbc.sql("""
                SELECT row_number, field, detail FROM import_rejection WHERE job_id = ? ORDER BY seq
                OFFSET ? LIMIT ?""").params(id, offset, limit)
                .query((rs, i) -> new Rejection((int) rs.getLong(1), rs.getString(2), rs.getString(3))).list();
    }

    int storedRejections(UUID id) {
        return jdbc.sql("SELECT count(*) FROM import_rejection WHERE job_id = ?").param(id).query(Integer.class)
                .single();
    }

    private static ImportJob job(ResultSet rs, int i) throws SQLException {
        long total = rs.getLong("bytes_total");
        long read = rs.getLong("bytes_read");
        ImportJob.Status status = ImportJob.Status.valueOf(rs.getString("status"));
        double percent = status == ImportJob.Status.COMPLETED ? 100
                : total == 0 ? 0 : Math.min(100, Math.floor(read * 1000.0 / total) / 10);
        return new ImportJob(rs.getObject("id", UUID.class), status, rs.getString("format"),
                rs.getString("content_type"), total, read, percent, rs.getLong("rows_done"), rs.getLong("accepted"),
                rs.getLong("superseded"), rs.getLong("unchanged"), rs.getLong("rejected"), instant(rs, "created_at"),
                instant(rs, "started_at"), instant(rs, "finished_at"), rs.getString("failure"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}

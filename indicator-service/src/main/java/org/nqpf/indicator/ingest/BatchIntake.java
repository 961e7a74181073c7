package org.nqpf.indicator.ingest;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nqpf.indicator.ingest.format.Formats;
import org.nqpf.indicator.ingest.format.RowReader;
import org.nqpf.web.FieldError;
import org.nqpf.web.InvalidInputException;
import org.nqpf.web.ProblemException;
import org.nqpf.web.ProblemTypes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * An HTTP batch from a portal or statistics office, in any supported format. With an {@code Idempotency-Key} the
 * batch is taken once: a resend (a timed-out call retried) stores and publishes nothing and gets the first answer.
 */
@Service
public class BatchIntake {

    static final URI INVALID_BATCH = ProblemTypes.of("invalid-batch");

    /** The answer to a batch: its status and body, as sent the first time. */
    public record Answer(int status, Map<String, Object> body, boolean replayed) {
    }

    private final Ingestion ingestion;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final int maxRows;

    public BatchIntake(Ingestion ingestion, JdbcClient jdbc, JsonMapper json, IngestProperties properties) {
        this.ingestion = ingestion;
        this.jdbc = jdbc;
        this.json = json;
        this.maxRows = properties.maxBatchRows();
    }

    @Transactional
    public Answer receive(byte[] body, MediaType type, String idempotencyKey) {
        return receive(body, type, idempotencyKey, Submitter.UNBOUND);
    }

    /**
     * Takes the batch as the submitter's. Its answer depends on who sent it (what it may submit), so a key resent by
     * another submitter is no replay: it gets the answer for a key reused for different content.
     */
    @Transactional
    public Answer receive(byte[] body, MediaType type, String idempotencyKey, Submitter submitter) {
        String digest = null;
        if (idempotencyKey != null) {
            digest = sha256(type + "\n" + (submitter.equals(Submitter.UNBOUND) ? ""
                    : submitter.subject() + "\n" + submitter.entities() + "\n" + submitter.source() + "\n"), body);
            int claimed = jdbc.sql("""
                    INSERT INTO http_batch (idempotency_key, request_sha256, status, response) VALUES (?, ?, 0, '{}')
                    ON CONFLICT DO NOTHING""").params(idempotencyKey, digest).update();
            if (claimed == 0) {
                return replay(idempotencyKey, digest);
            }
        }
        Answer answer = answer(read(body, type), submitter);
        if (idempotencyKey != null) {
            jdbc.sql("UPDATE http_batch SET status = ?, response = ?::jsonb WHERE idempotency_key = ?")
                    .params(answer.status(), json.writeValueAsString(answer.body()), idempotencyKey).update();
        }
        return answer;
    }

    private List<ObservationRow> read(byte[] body, MediaType type) {
        List<ObservationRow> rows = new ArrayList<>();
        try (RowReader reader = Formats.open(type, new ByteArrayInputStream(body))) {
            while (reader.hasNext()) {
                rows.add(reader.next());
                if (rows.size() > maxRows) {
                    throw new ProblemException(HttpStatus.CONTENT_TOO_LARGE, null, "Batch too large",
                            "a batch takes at most " + maxRows
                                    + " rows: send larger files to /api/v1/imports, which streams them");
                }
            }
        }
        if (rows.isEmpty()) {
            throw InvalidInputException.badRequest("observations", "the batch is empty");
        }
        return rows;
    }

    private Answer answer(List<ObservationRow> rows, Submitter submitter) {
        IngestResult result = ingestion.ingest(rows, Channel.HTTP, submitter);
        // The platform's field-error shape; kept as a map body since a replay answers with it as stored.
        List<FieldError> errors = result.rejected().stream()
                .map(r -> FieldError.inRow(r.row(), r.field(), r.detail())).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        if (result.rejected().size() == result.received()) {
            body.put("type", INVALID_BATCH.toString());
            body.put("title", "No observation accepted");
            body.put("status", 422);
            body.put("detail", "all " + result.received() + " rows were rejected; first: " + result.rejected().get(0));
            body.put("received", result.received());
            body.put("errors", errors);
            return new Answer(422, body, false);
        }
        body.put("received", result.received());
        body.put("accepted", result.accepted());
        body.put("superseded", result.superseded());
        body.put("unchanged", result.unchanged());
        body.put("rejected", result.rejected().size());
        body.put("errors", errors);
        return new Answer(200, body, false);
    }

    private Answer replay(String key, String digest) {
        record Stored(String sha, int status, String response) {
        }
        Stored stored = jdbc.sql("SELECT request_sha256, status, response::text FROM http_batch WHERE idempotency_key = ?")
                .param(key).query((rs, i) -> new Stored(rs.getString(1), rs.getInt(2), rs.getString(3))).single();
        if (!stored.sha().equals(digest)) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
                    "Idempotency-Key reused", "Idempotency-Key '" + key
                            + "' was already used for a different batch: use a new key for new content");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> body = json.readValue(stored.response(), Map.class);
        return new Answer(stored.status(), body, true);
    }

    private static String sha256(String prefix, byte[] body) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(prefix.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest(body));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.nqpf.indicator.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.nqpf.indicator.entity.EntityRegistry;
import org.nqpf.indicator.entity.TenantScope;
import org.nqpf.security.Caller;
import org.nqpf.web.FieldError;
import org.nqpf.web.NotFoundException;
import org.nqpf.web.InvalidInputException;
import org.nqpf.web.ProblemException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** HTTP edge of ingestion: batches from enterprise portals and statistics offices. */
@RestController
class ObservationController {

    /** An asOf beyond any clock the platform will run on means as known now (past year 294,276 is no timestamp). */
    private static final Instant LATEST_AS_OF = Instant.parse("9999-12-31T23:59:59Z");

    private final BatchIntake intake;
    private final ObservationStore store;
    private final EntityRegistry registry;
    private final DataSize maxBatchSize;

    ObservationController(BatchIntake intake, ObservationStore store, EntityRegistry registry,
            IngestProperties properties) {
        this.intake = intake;
        this.store = store;
        this.registry = registry;
        this.maxBatchSize = properties.maxBatchSize();
    }

    /**
     * A batch as JSON {@code {"observations": [{"entity", "indicator", "period", "value", "source", "unit"?,
     * "action"?, "revisedAt"?}]}}, CSV with those columns, or SDMX-CSV 2.0. Good rows are stored even when others
     * are rejected; each rejected row is reported as a problem detail naming its row and field. 200 when any row was
     * taken, 422 when none was. With {@code Idempotency-Key} a resent batch gets the first answer and changes nothing.
     * A PORTAL's rows for entities not of its tenant are rejected as rows for unknown entities; a FEED's rows are
     * recorded under its own source ({@link Submitter}).
     */
    @PostMapping(path = "/api/v1/observations",
            consumes = {MediaType.APPLICATION_JSON_VALUE, "text/csv", "application/vnd.sdmx.data+csv"})
    ResponseEntity<?> post(InputStream body, @RequestHeader(HttpHeaders.CONTENT_TYPE) MediaType type,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) throws IOException {
        Submitter submitter = Submitter.of(Caller.current());
        // as for import jobs: a key is stored in a unique index, which takes no unbounded text
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200
                || org.nqpf.web.StrictJson.unstorable(idempotencyKey) != null)) {
            throw org.nqpf.web.InvalidInputException.badRequest("Idempotency-Key", "give 1 to 200 characters");
        }
        // Read no further than the limit: a batch beyond it is refused, not buffered.
        byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBatchSize.toBytes() + 1));
        if (bytes.length > maxBatchSize.toBytes()) {
            long mb = maxBatchSize.toMegabytes();
            throw new ProblemException(HttpStatus.CONTENT_TOO_LARGE, null, "Batch too large", "a batch takes at most "
                    + (DataSize.ofMegabytes(mb).equals(maxBatchSize) ? mb + "MB" : maxBatchSize.toBytes() + " bytes")
                    + ": send larger files to /api/v1/imports, which streams them");
        }
        // Checked here rather than left to the parsers, which read overlong forms (C0 AF as '/') as text
        if ((type.getCharset() == null || type.getCharset().equals(java.nio.charset.StandardCharsets.UTF_8))
                && !org.nqpf.web.StrictJson.isUtf8(bytes)) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "unreadable-body", "Unreadable body",
                    "the body is not valid UTF-8");
        }
        BatchIntake.Answer answer = intake.receive(bytes, type, idempotencyKey, submitter);
        return ResponseEntity.status(answer.status())
                .contentType(answer.status() == 200 ? MediaType.APPLICATION_JSON : MediaType.APPLICATION_PROBLEM_JSON)
                .header("Idempotent-Replayed", String.valueOf(answer.replayed()))
                .body(answer.body());
    }

    /**
     * The current values, or with {@code asOf} the values as the platform knew them then; each with its provenance
     * (source, channel, received time, revision). A PORTAL reads its tenant's entities' values only: naming another
     * entity answers 404 as for a missing one.
     */
    @GetMapping("/api/v1/observations")
    List<StoredObservation> current(@RequestParam(required = false) String entity,
            @RequestParam(required = false) String indicator, @RequestParam(required = false) String period,
            @RequestParam(required = false) String asOf, @RequestParam(defaultValue = "1000") int limit) {
        if (entity == null && indicator == null) {
            throw InvalidInputException.badRequest("entity", "name an entity, an indicator, or both");
        }
        TenantScope scope = visible(entity);
        int bounded = Math.min(Math.max(limit, 1), 10_000);
        if (asOf == null) {
            return store.current(entity, indicator, period, bounded, scope);
        }
        Instant at;
        try {
            at = Instant.parse(asOf);
        }
        catch (DateTimeParseException e) {
            throw InvalidInputException.badRequest(List.of(FieldError.rejected("asOf",
                    "not an ISO-8601 instant such as 2025-01-01T00:00:00Z: '" + asOf + "'", asOf)));
        }
        if (at.isBefore(ObservationValidator.EARLIEST)) {
            return List.of(); // nothing was known then
        }
        return store.asOf(entity, indicator, period, at.isAfter(LATEST_AS_OF) ? LATEST_AS_OF : at, bounded, scope);
    }

    /** Every revision of one value with its provenance, oldest first. */
    @GetMapping("/api/v1/observations/history")
    List<StoredObservation> history(@RequestParam String entity, @RequestParam String indicator,
            @RequestParam String period) {
        return store.history(entity, indicator, period, visible(entity));
    }

    /**
     * What the caller sees; a tenant-bound caller naming an entity it may not see, or a missing one, is answered
     * 404 alike (an unbound caller gets the empty answer for a missing entity, as before).
     */
    private TenantScope visible(String entity) {
        TenantScope scope = TenantScope.readerOf(Caller.current());
        if (!scope.all() && entity != null && registry.find(entity, scope).isEmpty()) {
            throw new NotFoundException("no entity " + entity);
        }
        return scope;
    }
}

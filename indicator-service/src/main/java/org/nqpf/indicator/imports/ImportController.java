package org.nqpf.indicator.imports;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.nqpf.indicator.ingest.Submitter;
import org.nqpf.indicator.ingest.format.Formats;
import org.nqpf.security.Caller;
import org.nqpf.web.FieldError;
import org.nqpf.web.InvalidInputException;
import org.nqpf.web.NotFoundException;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Bulk files as import jobs. {@code POST /api/v1/imports} takes the file as the raw body (Content-Type picks JSON,
 * CSV or SDMX-CSV 2.0), answers 202 with the job and its {@code Location}; the job runs in the background and is
 * read back while it runs.
 */
@RestController
class ImportController {

    static final String PATH = "/api/v1/imports";

    private final ImportService imports;

    ImportController(ImportService imports) {
        this.imports = imports;
    }

    /** The body is read from the servlet stream straight to disk: no converter gathers it in memory. */
    @PostMapping(PATH)
    ResponseEntity<ImportJob> submit(HttpServletRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) throws IOException {
        MediaType type = contentType(request);
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            throw InvalidInputException.badRequest("Idempotency-Key", "give 1 to 200 characters");
        }
        ImportService.Submitted submitted = imports.submit(type, idempotencyKey, request.getInputStream(),
                Submitter.of(Caller.current()));
        ImportJob job = submitted.job();
        ResponseEntity.BodyBuilder answer = ResponseEntity.accepted().location(URI.create(PATH + "/" + job.id()));
        if (submitted.replayed()) {
            answer.header("Idempotent-Replayed", "true");
        }
        return answer.body(job);
    }

    @GetMapping(PATH + "/{id}")
    ImportJob job(@PathVariable String id) {
        return imports.find(uuid(id), Caller.current()).orElseThrow(() -> new NotFoundException("no import job '" + id + "'"));
    }

    /** The stored rejections (the first {@code nqpf.imports.max-stored-rejections}) in file order. */
    @GetMapping(PATH + "/{id}/rejections")
    Map<String, Object> rejections(@PathVariable String id, @RequestParam(defaultValue = "0") int offset,
            @RequestParam(defaultValue = "100") int limit) {
        ImportJob job = job(id);
        List<FieldError> wrong = new ArrayList<>();
        if (offset < 0) {
            wrong.add(FieldError.rejected("offset", "must be 0 or more", offset));
        }
        if (limit < 1 || limit > 1000) {
            wrong.add(FieldError.rejected("limit", "must be 1 to 1000", limit));
        }
        if (!wrong.isEmpty()) {
            throw InvalidInputException.badRequest(wrong);
        }
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("importId", job.id());
        page.put("rejected", job.rejected());
        page.put("stored", imports.storedRejections(job.id()));
        page.put("offset", offset);
        page.put("limit", limit);
        page.put("rejections", imports.rejections(job.id(), offset, limit));
        return page;
    }

    /** The most recent jobs, newest first. */
    @GetMapping(PATH)
    List<ImportJob> recent(@RequestParam(defaultValue = "20") int limit) {
        if (limit < 1 || limit > 200) {
            throw InvalidInputException.badRequest(List.of(FieldError.rejected("limit", "must be 1 to 200", limit)));
        }
        return imports.recent(limit, Caller.current());
    }

    private static MediaType contentType(HttpServletRequest request) {
        if (request.getContentType() == null) {
            return null;
        }
        try {
            return MediaType.parseMediaType(request.getContentType());
        }
        catch (InvalidMediaTypeException e) {
            throw new Formats.UnsupportedFormatException("unreadable Content-Type '" + e.getMediaType() + "'");
        }
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        }
        catch (IllegalArgumentException e) {
            throw new NotFoundException("no import job '" + id + "'");
        }
    }
}

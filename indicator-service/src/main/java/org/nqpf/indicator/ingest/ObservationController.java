package org.nqpf.indicator.ingest;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.JsonNode;

/** HTTP edge of ingestion: batches from enterprise portals and statistics offices. */
@RestController
class ObservationController {

    static final URI INVALID_ROW = URI.create("https://nqpf.org/problems/invalid-observation");
    static final URI INVALID_BATCH = URI.create("https://nqpf.org/problems/invalid-batch");

    private final Ingestion ingestion;
    private final ObservationStore store;

    ObservationController(Ingestion ingestion, ObservationStore store) {
        this.ingestion = ingestion;
        this.store = store;
    }

    /**
     * A JSON batch {@code {"observations": [{"entity", "indicator", "period", "value", "source", "unit"?}]}}.
     * Good rows are stored even when others are rejected; each rejected row is reported as a problem detail naming
     * its row and field. 200 when any row was taken, 422 when none was.
     */
    @PostMapping(path = "/api/v1/observations", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> post(@RequestBody JsonNode body) {
        IngestResult result = ingestion.ingest(JsonBatch.rows(body), Channel.HTTP);
        List<ProblemDetail> errors = result.rejected().stream().map(ObservationController::problem).toList();
        if (result.received() > 0 && result.rejected().size() == result.received()) {
            ProblemDetail all = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                    "all " + result.received() + " rows were rejected; first: " + result.rejected().get(0));
            all.setType(INVALID_BATCH);
            all.setTitle("No observation accepted");
            all.setProperty("received", result.received());
            all.setProperty("errors", errors);
            return ResponseEntity.unprocessableContent().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(all);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("received", result.received());
        answer.put("accepted", result.accepted());
        answer.put("unchanged", result.unchanged());
        answer.put("rejected", result.rejected().size());
        answer.put("errors", errors);
        return ResponseEntity.ok(answer);
    }

    @GetMapping("/api/v1/observations")
    List<StoredObservation> current(@RequestParam(required = false) String entity,
            @RequestParam(required = false) String indicator, @RequestParam(required = false) String period,
            @RequestParam(defaultValue = "1000") int limit) {
        if (entity == null && indicator == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "name an entity, an indicator, or both");
        }
        return store.current(entity, indicator, period, Math.min(Math.max(limit, 1), 10_000));
    }

    /** Every revision of one value with its provenance, oldest first. */
    @GetMapping("/api/v1/observations/history")
    List<StoredObservation> history(@RequestParam String entity, @RequestParam String indicator,
            @RequestParam String period) {
        return store.history(entity, indicator, period);
    }

    private static ProblemDetail problem(Rejection r) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, r.toString());
        p.setType(INVALID_ROW);
        p.setTitle("Invalid observation");
        p.setProperty("row", r.row());
        p.setProperty("field", r.field());
        return p;
    }

    /** Reads rows field by field, so one unreadable row is reported as such instead of failing the batch. */
    static final class JsonBatch {

        private JsonBatch() {
        }

        static List<ObservationRow> rows(JsonNode body) {
            JsonNode observations = body == null ? null : body.get("observations");
            if (observations == null || !observations.isArray()) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                        "expected a JSON object {\"observations\": [...]}");
            }
            if (observations.isEmpty()) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "observations: the batch is empty");
            }
            List<ObservationRow> rows = new ArrayList<>(observations.size());
            int n = 0;
            for (JsonNode o : observations) {
                n++;
                if (!o.isObject()) {
                    rows.add(new ObservationRow(n, null, null, null, null, null, null,
                            new Rejection(n, "(row)", "expected a JSON object")));
                    continue;
                }
                JsonNode value = o.get("value");
                Double number = null;
                Rejection problem = null;
                if (value != null && !value.isNull()) {
                    if (value.isNumber()) {
                        number = value.doubleValue();
                    }
                    else {
                        try {
                            number = Double.parseDouble(value.asString().trim());
                        }
                        catch (NumberFormatException e) {
                            problem = new Rejection(n, "value", "not a number: '" + value.asString() + "'");
                        }
                    }
                }
                rows.add(new ObservationRow(n, text(o, "entity"), text(o, "indicator"), text(o, "period"), number,
                        text(o, "unit"), text(o, "source"), problem));
            }
            return rows;
        }

        private static String text(JsonNode o, String field) {
            JsonNode v = o.get(field);
            return v == null || v.isNull() ? null : v.asString();
        }
    }
}

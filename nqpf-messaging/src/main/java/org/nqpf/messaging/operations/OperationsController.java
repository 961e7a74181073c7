package org.nqpf.messaging.operations;

import java.security.Principal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nqpf.web.FieldError;
import org.nqpf.web.InvalidInputException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The HTTP edge of {@link Operations} (docs/design/ISSUE-11.md, "Operations API"), OPERATOR only (nqpf-security's
 * chain): status, dead letters, their replay, parked outbox rows.
 */
@RestController
@RequestMapping("/api/v1/operations")
public class OperationsController {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1_000;

    private final Operations operations;

    public OperationsController(Operations operations) {
        this.operations = operations;
    }

    /** Body of a replay: either the ids to replay or one reason whose waiting dead letters all go. */
    public record ReplayRequest(List<Long> ids, String reason) {
    }

    @GetMapping("/status")
    public Operations.Status status() {
        return operations.status();
    }

    @GetMapping("/dead-letters")
    public Map<String, List<DeadLetter>> deadLetters(@RequestParam(required = false) String status,
            @RequestParam(required = false) String reason, @RequestParam(required = false) Integer limit) {
        String wanted = status == null || status.isBlank() ? null : status.trim().toUpperCase(Locale.ROOT);
        if (wanted != null && !wanted.equals(DeadLetter.NEW) && !wanted.equals(DeadLetter.REPLAYED)) {
            throw InvalidInputException.badRequest(List.of(FieldError.rejected("status",
                    "expected NEW or REPLAYED", status)));
        }
        return Map.of("items", operations.deadLetters(wanted, reason == null || reason.isEmpty() ? null : reason,
                limit(limit)));
    }

    @PostMapping("/dead-letters/replay")
    public Operations.Replayed replay(@RequestBody ReplayRequest request, Principal caller) {
        String by = caller == null ? "anonymous" : caller.getName();
        boolean byIds = request.ids() != null;
        boolean byReason = request.reason() != null;
        if (byIds == byReason) {
            throw InvalidInputException.badRequest("ids", "name either the dead letters to replay, {\"ids\": [..]}, "
                    + "or one reason, {\"reason\": \"..\"}");
        }
        if (byIds) {
            if (request.ids().isEmpty() || request.ids().stream().anyMatch(java.util.Objects::isNull)) {
                throw InvalidInputException.badRequest("ids", "the selection is empty: name at least one dead letter");
            }
            return operations.replayIds(request.ids(), by);
        }
        if (request.reason().isBlank()) {
            throw InvalidInputException.badRequest("reason", "the selection is empty: the reason is blank");
        }
        return operations.replayReason(request.reason(), by);
    }

    @GetMapping("/outbox/parked")
    public Map<String, List<DeadLetterRecords.ParkedRow>> parked(@RequestParam(required = false) Integer limit) {
        return Map.of("items", operations.parked(limit(limit)));
    }

    private static int limit(Integer limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw InvalidInputException.badRequest(List.of(FieldError.rejected("limit",
                    "between 1 and " + MAX_LIMIT, limit)));
        }
        return limit;
    }
}

package org.nqpf.indicator.ingest.format;

import java.io.InputStream;
import java.util.NoSuchElementException;
import org.nqpf.indicator.ingest.ObservationRow;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streams the rows of {@code {"observations": [ {...}, ... ]}} one object at a time; other top-level fields are
 * skipped.
 */
final class JsonBatchReader implements RowReader {

    // Rows are read one by one from inside the array: what follows a row is the rest of the batch.
    // A row naming a field twice is ambiguous: refused rather than read as whichever came last.
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(tools.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final java.util.Set<String> TEXT_FIELDS = java.util.Set.of("entity", "indicator", "period", "unit",
            "source", "action", "revisedAt");

    private final CountingInputStream in;
    private final JsonParser parser;
    private ObservationRow next;
    private int n;
    private boolean started;
    /** The array has ended: asking again must not read on into what follows it. */
    private boolean ended;

    JsonBatchReader(InputStream body) {
        this.in = new CountingInputStream(body);
        try {
            this.parser = JSON.createParser(in);
        }
        catch (JacksonException e) {
            throw new UnreadableInputException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            next = advance();
        }
        return next != null;
    }

    @Override
    public ObservationRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ObservationRow row = next;
        next = null;
        return row;
    }

    private ObservationRow advance() {
        try {
            if (ended) {
                return null;
            }
            if (!started) {
                started = true;
                seekObservations();
            }
            JsonToken token = parser.nextToken();
            if (token == JsonToken.END_ARRAY || token == null) {
                ended = true;
                if (token == JsonToken.END_ARRAY) {
                    restOfBatch();
                }
                return null;
            }
            n++;
            JsonNode o = JSON.readTree(parser);
            if (!o.isObject()) {
                return ObservationRow.unreadable(n, "(row)", "expected a JSON object");
            }
            ObservationRow wrong = typed(n, o);
            if (wrong != null) {
                return wrong;
            }
            JsonNode value = o.get("value");
            return Cells.row(n, text(o, "entity"), text(o, "indicator"), text(o, "period"),
                    value == null || value.isNull() ? null : value.asString(), text(o, "unit"), text(o, "source"),
                    text(o, "action"), text(o, "revisedAt"));
        }
        catch (JacksonException e) {
            // A limit the parser enforces (nesting depth, length) has no location
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new UnreadableInputException("malformed JSON" + where + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Reads the top-level members after the array: skipped, unless one is a second {@code observations}, which makes
     * the batch ambiguous (a streaming reader has already taken the first). Then the body must end: whatever follows
     * the batch's closing brace (a second batch, a stray brace, text) says the body is not the batch the sender
     * meant, so it is unreadable (an HTTP batch stores none of its rows) rather than quietly cut short.
     */
    private void restOfBatch() {
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            if ("observations".equals(parser.currentName())) {
                throw new UnreadableInputException("observations: given twice in one batch");
            }
            parser.nextToken();
            parser.skipChildren();
        }
        tools.jackson.core.TokenStreamLocation end = parser.currentLocation();
        boolean more;
        try {
            more = parser.nextToken() != null;
        }
        catch (JacksonException e) {
            more = true; // not even JSON: still content after the batch
        }
        if (more) {
            throw new UnreadableInputException("content after the batch (from line " + end.getLineNr() + ", column "
                    + end.getColumnNr() + "): a body holds one batch and nothing after it");
        }
    }

    /** Moves the parser to the start of the observations array. */
    private void seekObservations() {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new UnreadableInputException("expected a JSON object {\"observations\": [...]}");
        }
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("observations".equals(name)) {
                if (value != JsonToken.START_ARRAY) {
                    throw new UnreadableInputException("observations: expected an array");
                }
                return;
            }
            parser.skipChildren();
        }
        throw new UnreadableInputException("expected a JSON object {\"observations\": [...]}");
    }

    /**
     * The row refused when a field has the wrong JSON type or is none of a row's: {@code "period": 2023} and
     * {@code "value": "1.5"} are not quietly converted, and a misspelt {@code "revised_at"} is not quietly ignored.
     */
    private static ObservationRow typed(int n, JsonNode o) {
        for (java.util.Map.Entry<String, JsonNode> e : o.properties()) {
            String field = e.getKey();
            JsonNode v = e.getValue();
            if (v.isNull()) {
                continue;
            }
            if (field.equals("value")) {
                if (!v.isNumber()) {
                    return ObservationRow.unreadable(n, "value", "expected a JSON number, got " + kind(v));
                }
                if (!Double.isFinite(v.asDouble())) {
                    return ObservationRow.unreadable(n, "value", "not a finite number: beyond a double's range");
                }
            }
            else if (TEXT_FIELDS.contains(field)) {
                if (!v.isString()) {
                    return ObservationRow.unreadable(n, field, "expected a JSON string, got " + kind(v));
                }
            }
            else {
                return ObservationRow.unreadable(n, field.length() > 64 ? field.substring(0, 64) + "..." : field,
                        "unknown field: a row has entity, indicator, period, value, unit, source, action and revisedAt");
            }
        }
        return null;
    }

    private static String kind(JsonNode v) {
        return v.isObject() ? "an object" : v.isArray() ? "an array" : v.isBoolean() ? "a boolean"
                : v.isNumber() ? "a number" : v.isString() ? "a string" : v.getNodeType().toString();
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }

    @Override
    public long bytesRead() {
        return in.count();
    }

    @Override
    public void close() {
        parser.close();
    }
}

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
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

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
                return null;
            }
            n++;
            JsonNode o = JSON.readTree(parser);
            if (!o.isObject()) {
                return ObservationRow.unreadable(n, "(row)", "expected a JSON object");
            }
            JsonNode value = o.get("value");
            return Cells.row(n, text(o, "entity"), text(o, "indicator"), text(o, "period"),
                    value == null || value.isNull() ? null : value.asString(), text(o, "unit"), text(o, "source"),
                    text(o, "action"), text(o, "revisedAt"));
        }
        catch (JacksonException e) {
            throw new UnreadableInputException("malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(), e);
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

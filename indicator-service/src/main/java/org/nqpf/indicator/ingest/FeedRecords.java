package org.nqpf.indicator.ingest;

import io.cloudevents.CloudEvent;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.nqpf.contracts.ObservationSubmitted;
import org.nqpf.messaging.RejectedEventException;
import org.nqpf.web.StrictJson;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a feed's record must be, beyond being a CloudEvent of the right type: its CloudEvents headers valid UTF-8
 * text PostgreSQL can store (the SDK would quietly turn broken bytes into U+FFFD and keep going), its data JSON of
 * the submitted observation's shape exactly, every member of its own JSON type, no member twice and none unknown.
 * A record that is not is rejected with the reason, so it is dead-lettered rather than stored as a guess.
 */
final class FeedRecords {

    private static final String[] HEADERS = {"ce_id", "ce_source", "ce_type", "ce_specversion", "ce_time",
            "ce_subject", "content-type"};
    private static final Set<String> TEXT = Set.of("entity", "indicator", "period", "unit", "source");
    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private static final Pattern JSON_TYPE = Pattern.compile("application/(cloudevents\\+)?json\\s*(;.*)?",
            Pattern.CASE_INSENSITIVE);

    static final int MAX_ID = 256;
    static final int MAX_SOURCE = 512;

    private FeedRecords() {
    }

    private static void checkIdentity(String attribute, String value, int max) {
        // The SDK takes an empty one; the spec does not, and every empty id would be the same event
        if (value == null || value.isBlank()) {
            throw new RejectedEventException("CloudEvent " + attribute + " is empty: CloudEvents requires a non-empty "
                    + attribute);
        }
        String why = StrictJson.unstorable(value);
        if (why != null) {
            throw new RejectedEventException("CloudEvent " + attribute + " " + why);
        }
        if (value.length() > max) {
            throw new RejectedEventException("CloudEvent " + attribute + " is oversize: " + value.length()
                    + " characters, at most " + max);
        }
    }

    static void checkHeaders(ConsumerRecord<String, byte[]> record) {
        for (String name : HEADERS) {
            Header header = record.headers().lastHeader(name);
            if (header == null || header.value() == null) {
                continue;
            }
            if (plainAscii(header.value())) {
                continue; // the common case: nothing to decode, nothing PostgreSQL refuses
            }
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(header.value()))
                        .toString();
            }
            catch (CharacterCodingException e) {
                throw new RejectedEventException("header " + name + " is not valid UTF-8");
            }
            String why = StrictJson.unstorable(text);
            if (why != null) {
                throw new RejectedEventException("header " + name + " " + why);
            }
        }
    }

    /** Bytes that are ASCII without NUL: valid UTF-8 text PostgreSQL stores as it is. */
    private static boolean plainAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b <= 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The submitted observation a feed's event carries, checked as {@link #checkData} does and typed from the same
     * parse: the strict tree is read once, where a check of it and then the mapper each read the data.
     */
    static ObservationSubmitted submitted(CloudEvent event) {
        JsonNode data = checkData(event);
        return new ObservationSubmitted(text(data, "entity"), text(data, "indicator"), text(data, "period"),
                data.hasNonNull("value") ? data.get("value").asDouble() : null, text(data, "unit"),
                text(data, "source"));
    }

    private static String text(JsonNode data, String field) {
        JsonNode v = data.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }

    private static JsonNode checkData(CloudEvent event) {
        // The identity is stored in a unique index, whose rows PostgreSQL keeps under a few kilobytes
        checkIdentity("id", event.getId(), MAX_ID);
        checkIdentity("source", String.valueOf(event.getSource()), MAX_SOURCE);
        String type = event.getDataContentType();
        if (type != null && !JSON_TYPE.matcher(type).matches()) {
            throw new RejectedEventException("event " + event.getId() + " has datacontenttype '" + type
                    + "': a feed's observation is application/json");
        }
        if (event.getData() == null) {
            throw new RejectedEventException("event " + event.getId() + " has no data");
        }
        JsonNode data;
        byte[] bytes = event.getData().toBytes();
        if (!StrictJson.isUtf8(bytes)) {
            throw new RejectedEventException("event " + event.getId() + " data is not valid UTF-8");
        }
        try {
            data = STRICT.readTree(bytes);
        }
        catch (JacksonException e) {
            throw new RejectedEventException("event " + event.getId() + " data is not valid JSON: "
                    + e.getOriginalMessage());
        }
        if (data == null || !data.isObject()) {
            throw new RejectedEventException("event " + event.getId() + " data is not a JSON object");
        }
        check(event, data);
        return data;
    }

    private static void check(CloudEvent event, JsonNode data) {
        for (Map.Entry<String, JsonNode> e : data.properties()) {
            String field = e.getKey();
            JsonNode v = e.getValue();
            if (v.isNull()) {
                continue;
            }
            if (field.equals("value")) {
                if (!v.isNumber()) {
                    throw new RejectedEventException(where(event, field) + ": expected a JSON number, got "
                            + v.getNodeType());
                }
                if (!Double.isFinite(v.asDouble())) {
                    throw new RejectedEventException(where(event, field) + ": not a finite number");
                }
            }
            else if (TEXT.contains(field)) {
                if (!v.isString()) {
                    throw new RejectedEventException(where(event, field) + ": expected a JSON string, got "
                            + v.getNodeType());
                }
            }
            else {
                throw new RejectedEventException(where(event, field) + ": unknown field; an observation has entity,"
                        + " indicator, period, value, unit and source");
            }
        }
    }

    /** Where in an event a refused member is, for the reason: built only when one is refused. */
    private static String where(CloudEvent event, String field) {
        return "event " + event.getId() + " data." + (field.length() > 64 ? field.substring(0, 64) : field);
    }
}

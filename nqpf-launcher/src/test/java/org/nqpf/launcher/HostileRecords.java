package org.nqpf.launcher;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.nqpf.contracts.EventTypes;

/**
 * Hostile records for a feed's raw topic ({@link HostileInputIT}): CloudEvents in binary mode with one thing broken,
 * in the headers (missing or broken {@code ce_*}, invalid UTF-8, a {@code ce_time} beyond the tolerated clock skew,
 * data that is not JSON) or in the data (the same breakage as the HTTP bodies). Each must be dead-lettered with its
 * reason. Written as the feed's own principal, so the broker's ACLs are not what refuses them.
 */
final class HostileRecords {

    /** One record to send and what it is. */
    record Sent(String cls, String key, ProducerRecord<String, byte[]> record) {
    }

    private static final String[] CE = {"ce_id", "ce_type", "ce_source", "ce_specversion"};

    private final String topic;
    private final String feed;

    HostileRecords(String topic, String feed) {
        this.topic = topic;
        this.feed = feed;
    }

    Arbitrary<Random> randoms() {
        return Arbitraries.longs().map(Random::new);
    }

    /** Every class of hostile record; {@code n} makes each key unique, so its dead letter is found by key. */
    Arbitrary<Sent> any(java.util.function.IntSupplier n) {
        Arbitrary<Random> r = randoms();
        return Arbitraries.frequencyOf(
                Tuple.of(5, r.map(x -> missingHeader(x, "hk-" + n.getAsInt()))),
                Tuple.of(6, r.map(x -> brokenHeader(x, "hk-" + n.getAsInt()))),
                Tuple.of(4, r.map(x -> futureTime(x, "hk-" + n.getAsInt()))),
                Tuple.of(10, r.map(x -> payload(x, "hk-" + n.getAsInt(), "WRONG_TYPE"))),
                Tuple.of(4, r.map(x -> payload(x, "hk-" + n.getAsInt(), "NUL"))),
                Tuple.of(3, r.map(x -> payload(x, "hk-" + n.getAsInt(), "LONE_SURROGATE"))),
                Tuple.of(4, r.map(x -> payload(x, "hk-" + n.getAsInt(), "INVALID_UTF8"))),
                Tuple.of(4, r.map(x -> payload(x, "hk-" + n.getAsInt(), "DUPLICATE_KEY"))),
                Tuple.of(3, r.map(x -> payload(x, "hk-" + n.getAsInt(), "DEEP_NESTING"))),
                Tuple.of(6, r.map(x -> payload(x, "hk-" + n.getAsInt(), "NUMBER_NOT_JSON"))),
                Tuple.of(4, r.map(x -> payload(x, "hk-" + n.getAsInt(), "UNKNOWN_FIELD"))),
                Tuple.of(3, r.map(x -> payload(x, "hk-" + n.getAsInt(), "OVERSIZE_FIELD"))),
                Tuple.of(5, r.map(x -> payload(x, "hk-" + n.getAsInt(), "INJECTION"))),
                Tuple.of(3, r.map(x -> payload(x, "hk-" + n.getAsInt(), "SYNTAX"))),
                Tuple.of(1, r.map(x -> payload(x, "hk-" + n.getAsInt(), "OVERSIZE_BODY"))));
    }

    /** A good record: a value the platform must store once. */
    ProducerRecord<String, byte[]> good(String id, String source, String entity, String indicator, String period,
            double value) {
        String data = "{\"entity\":\"" + entity + "\",\"indicator\":\"" + indicator + "\",\"period\":\"" + period
                + "\",\"value\":" + value + ",\"source\":\"" + feed + "\"}";
        return record(entity, headers(id, source), data.getBytes(StandardCharsets.UTF_8));
    }

    private Map<String, byte[]> headers(String id, String source) {
        Map<String, byte[]> h = new LinkedHashMap<>();
        h.put("ce_specversion", utf8("1.0"));
        h.put("ce_id", utf8(id));
        h.put("ce_type", utf8(EventTypes.OBSERVATION_SUBMITTED));
        h.put("ce_source", utf8(source));
        h.put("ce_time", utf8(OffsetDateTime.now(ZoneOffset.UTC).toString()));
        h.put("content-type", utf8("application/json"));
        return h;
    }

    private String validData(Random r) {
        return "{\"entity\":\"CN-11\",\"indicator\":\"RD_INTENSITY\",\"period\":\"2024\",\"value\":"
                + (1 + r.nextInt(50)) / 10.0 + ",\"source\":\"" + feed + "\"}";
    }

    Sent missingHeader(Random r, String key) {
        Map<String, byte[]> h = headers(UUID.randomUUID().toString(), "/feeds/hostile");
        h.remove(CE[r.nextInt(CE.length)]);
        return new Sent("CE_HEADER_MISSING", key, record(key, h, utf8(validData(r))));
    }

    Sent brokenHeader(Random r, String key) {
        Map<String, byte[]> h = headers(UUID.randomUUID().toString(), "/feeds/hostile");
        String cls = "CE_HEADER_BROKEN";
        switch (r.nextInt(11)) {
            case 0 -> h.put("ce_specversion", utf8(new String[]{"0.1", "2.0", "", "1.0\u0000", "v1"}[r.nextInt(5)]));
            case 1 -> h.put("ce_type", utf8(new String[]{"org.evil.type", "", "org.nqpf.observation.recorded.v1",
                    "<script>", EventTypes.OBSERVATION_SUBMITTED + "\u0000"}[r.nextInt(5)]));
            case 2 -> h.put("ce_source", utf8(new String[]{"", "::not a uri::", "http://[bad", "\u0000"}[r.nextInt(4)]));
            case 3 -> h.put("ce_id", utf8(""));
            case 4 -> h.put("ce_time", utf8(new String[]{"yesterday", "2024-13-45T25:61:00Z", "0", "", "2024-01-01",
                    "\u0000"}[r.nextInt(6)]));
            case 5 -> h.put("content-type", utf8(new String[]{"text/html", "application/xml", "image/png"}[r.nextInt(3)]));
            case 6 -> {
                h.put(CE[r.nextInt(CE.length)], new byte[]{(byte) 0xFF, (byte) 0xFE, 0x41});
                cls = "INVALID_UTF8";
            }
            case 7 -> {
                h.put("ce_id", utf8("id\u0000" + r.nextInt(1000)));
                cls = "NUL";
            }
            case 8 -> {
                h.put("ce_id", utf8("x".repeat(10_000)));
                cls = "OVERSIZE_FIELD";
            }
            case 9 -> {
                // a lone surrogate as it would travel: its CESU-8 bytes, which UTF-8 does not allow
                byte[] id = utf8("id-" + r.nextInt(1000));
                byte[] withSurrogate = java.util.Arrays.copyOf(id, id.length + 3);
                withSurrogate[id.length] = (byte) 0xED;
                withSurrogate[id.length + 1] = (byte) 0xA0;
                withSurrogate[id.length + 2] = (byte) 0x80;
                h.put("ce_id", withSurrogate);
                cls = "LONE_SURROGATE";
            }
            default -> {
                // no data at all
                return new Sent(cls, key, record(key, h, null));
            }
        }
        return new Sent(cls, key, record(key, h, utf8(validData(r))));
    }

    Sent futureTime(Random r, String key) {
        Map<String, byte[]> h = headers(UUID.randomUUID().toString(), "/feeds/hostile");
        OffsetDateTime future = OffsetDateTime.now(ZoneOffset.UTC)
                .plus(Duration.ofMinutes(10 + r.nextInt(10_000_000)));
        h.put("ce_time", utf8(future.toString()));
        return new Sent("FUTURE_TIME", key, record(key, h, utf8(validData(r))));
    }

    Sent payload(Random r, String key, String cls) {
        Map<String, byte[]> h = headers(UUID.randomUUID().toString(), "/feeds/hostile");
        String[] fields = {"entity", "indicator", "period", "value", "unit", "source"};
        String field = fields[r.nextInt(fields.length)];
        Map<String, String> members = new LinkedHashMap<>();
        members.put("entity", "\"CN-11\"");
        members.put("indicator", "\"RD_INTENSITY\"");
        members.put("period", "\"2024\"");
        members.put("value", String.valueOf((1 + r.nextInt(50)) / 10.0));
        members.put("unit", "\"%\"");
        members.put("source", "\"" + feed + "\"");
        byte[] data = null;
        switch (cls) {
            case "WRONG_TYPE" -> {
                String[] wrong = field.equals("value") ? new String[]{"\"1.5\"", "true", "{}", "[1]", "\"NaN\""}
                        : new String[]{"2024", "true", "{}", "[\"CN-11\"]", "1.5", "{\"a\":\"b\"}"};
                members.put(field, wrong[r.nextInt(wrong.length)]);
            }
            case "NUL" -> members.put(field.equals("value") ? "entity" : field, "\"CN\\u0000" + r.nextInt(10) + "\"");
            case "LONE_SURROGATE" -> members.put(field.equals("value") ? "source" : field,
                    r.nextBoolean() ? "\"\\ud83d\"" : "\"a\\udc00\"");
            case "INVALID_UTF8" -> {
                String text = json(members).replace("CN-11", "CN-@@");
                byte[] b = utf8(text);
                int at = text.indexOf("@@");
                b[at] = (byte) 0xC3;
                b[at + 1] = (byte) 0x28;
                data = b;
            }
            case "DUPLICATE_KEY" -> {
                String text = json(members);
                String dup = field.equals("value") ? "\"value\":42.5," : "\"" + field + "\":\"CN-12\",";
                data = utf8("{" + dup + text.substring(1));
            }
            case "DEEP_NESTING" -> {
                int depth = 1000 + r.nextInt(10_000);
                members.put(field, "[".repeat(depth) + "]".repeat(depth));
            }
            case "NUMBER_NOT_JSON" -> members.put("value",
                    HostileRequests.NUMBER_TOKENS.get(r.nextInt(HostileRequests.NUMBER_TOKENS.size())));
            case "UNKNOWN_FIELD" -> members.put(new String[]{"colour", "valeu", "revised_at", "tenant", "id"}
                    [r.nextInt(5)], "\"x\"");
            case "OVERSIZE_FIELD" -> members.put(field.equals("value") ? "entity" : field,
                    "\"" + "A".repeat(field.equals("source") ? 300 + r.nextInt(1000) : 65 + r.nextInt(30_000)) + "\"");
            case "INJECTION" -> {
                String target = field.equals("value") || field.equals("source") ? "entity" : field;
                members.put(target, HostileRequests.JSON.writeValueAsString(
                        HostileRequests.INJECTIONS.get(r.nextInt(HostileRequests.INJECTIONS.size()))));
            }
            case "SYNTAX" -> {
                String text = json(members);
                String[] broken = {text.substring(0, text.length() / 2), "", "null", "[]", "\"x\"", "{", text + "x",
                        "<observation/>", "entity=CN-11&value=1"};
                data = utf8(broken[r.nextInt(broken.length)]);
            }
            case "OVERSIZE_BODY" -> data = utf8("{\"entity\":\"CN-11\",\"pad\":\"" + "A".repeat(70_000) + "\"}");
            default -> throw new IllegalArgumentException(cls);
        }
        return new Sent(cls, key, record(key, h, data == null ? utf8(json(members)) : data));
    }

    private static String json(Map<String, String> members) {
        List<String> parts = new ArrayList<>();
        members.forEach((k, v) -> parts.add("\"" + k + "\":" + v));
        return "{" + String.join(",", parts) + "}";
    }

    private ProducerRecord<String, byte[]> record(String key, Map<String, byte[]> headers, byte[] value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((k, v) -> record.headers().add(k, v));
        return record;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

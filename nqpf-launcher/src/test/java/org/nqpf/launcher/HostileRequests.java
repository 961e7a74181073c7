package org.nqpf.launcher;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hostile HTTP requests for {@link HostileInputIT}: each is one request that a correct platform must refuse with a
 * problem+json 4xx. Bodies are valid requests of each write endpoint family with one thing broken (a field of the
 * wrong JSON type, a NUL, a lone surrogate, invalid UTF-8, a duplicate key, deep nesting, a number JSON does not
 * have, an unknown field, an oversize field or body, an injection string where a code belongs, a future revision
 * time); reads get hostile query parameters and path segments.
 */
final class HostileRequests {

    /** One hostile request; {@code raw} requests go over a socket because Java's client refuses to send them. */
    record Request(String cls, String family, String method, String target, String contentType, byte[] body,
            Map<String, String> headers, boolean raw, String as) {

        @Override
        public String toString() {
            String shown = body == null ? "" : new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
            return cls + "/" + family + " " + method + " " + (target.length() > 200 ? target.substring(0, 200) + "..."
                    : target) + " [" + contentType + "] " + shown.replace("\u0000", "\\0");
        }
    }

    /**
     * A write endpoint and a valid body it takes; {@code codes} are the paths of fields that hold codes. An endpoint
     * whose body is {@code optional} takes no body as its defaults, so an empty body is no hostile request there.
     */
    record Template(String family, String method, String path, String as, JsonNode body, List<String> codes,
            boolean optional) {

        Template(String family, String method, String path, String as, JsonNode body, List<String> codes) {
            this(family, method, path, as, body, codes, false);
        }

        Template bodyOptional() {
            return new Template(family, method, path, as, body, codes, true);
        }
    }

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static final List<String> INJECTIONS = List.of("' OR '1'='1", "1; DROP TABLE indicator.observation; --",
            "\"; SELECT pg_sleep(5); --", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
            "../../../../etc/passwd", "..\\..\\windows\\win.ini", "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
            "x\r\nSet-Cookie: evil=1", "x\nX-Injected: 1", "${jndi:ldap://evil/a}", "{{7*7}}", "$(rm -rf /)",
            "CN-11' UNION SELECT * FROM pg_user--", "\u202eevil", "CN-11\u0000");
    static final List<String> NUMBER_TOKENS = List.of("NaN", "Infinity", "-Infinity", "+Infinity", "1e400",
            "-1e400", "0x1F", "0X10", "0b101", "0o17", "1_000", "01", "+1", ".5", "1.", "1e", "--1", "1e+", "0x1p3",
            "١٢", "99999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999e400");
    static final String[] WRONG_TYPES = {"123", "true", "false", "{}", "[]", "{\"a\":1}", "[1,2]", "\"text\"", "-1.5"};

    private final List<Template> templates;
    private final byte[] oversizeBody;

    HostileRequests(List<Template> templates, long maxBodyBytes) {
        this.templates = templates;
        // One body just over the gateway's limit, reused: building it each time would cost more than sending it.
        StringBuilder big = new StringBuilder((int) maxBodyBytes + 64).append("{\"observations\": [");
        String row = "{\"entity\": \"CN-11\", \"indicator\": \"RD_INTENSITY\", \"period\": \"2024\", \"value\": 1},";
        while (big.length() < maxBodyBytes + 1024) {
            big.append(row);
        }
        big.setLength(big.length() - 1);
        this.oversizeBody = big.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Every class of hostile request, weighted so that the slow ones (oversize bodies) stay few. */
    Arbitrary<Request> any() {
        Arbitrary<Long> seeds = Arbitraries.longs();
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(14, seeds.map(s -> bodyMutation(new Random(s), "WRONG_TYPE"))),
                net.jqwik.api.Tuple.of(6, seeds.map(s -> bodyMutation(new Random(s), "NUL"))),
                net.jqwik.api.Tuple.of(5, seeds.map(s -> bodyMutation(new Random(s), "LONE_SURROGATE"))),
                net.jqwik.api.Tuple.of(5, seeds.map(s -> bodyMutation(new Random(s), "INVALID_UTF8"))),
                net.jqwik.api.Tuple.of(6, seeds.map(s -> bodyMutation(new Random(s), "DUPLICATE_KEY"))),
                net.jqwik.api.Tuple.of(4, seeds.map(s -> bodyMutation(new Random(s), "DEEP_NESTING"))),
                net.jqwik.api.Tuple.of(8, seeds.map(s -> bodyMutation(new Random(s), "NUMBER_NOT_JSON"))),
                net.jqwik.api.Tuple.of(6, seeds.map(s -> bodyMutation(new Random(s), "UNKNOWN_FIELD"))),
                net.jqwik.api.Tuple.of(3, seeds.map(s -> bodyMutation(new Random(s), "OVERSIZE_FIELD"))),
                net.jqwik.api.Tuple.of(6, seeds.map(s -> bodyMutation(new Random(s), "INJECTION"))),
                net.jqwik.api.Tuple.of(4, seeds.map(s -> bodyMutation(new Random(s), "SYNTAX"))),
                net.jqwik.api.Tuple.of(8, seeds.map(s -> observationRows(new Random(s)))),
                net.jqwik.api.Tuple.of(4, seeds.map(s -> futureRevision(new Random(s)))),
                net.jqwik.api.Tuple.of(16, seeds.map(s -> queryParameter(new Random(s)))),
                net.jqwik.api.Tuple.of(3, seeds.map(s -> imports(new Random(s)))),
                net.jqwik.api.Tuple.of(2, seeds.map(s -> rawRequest(new Random(s)))),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(oversizeBody())));
    }

    // --- bodies of the write endpoints, one thing broken

    Request bodyMutation(Random r, String cls) {
        Template t;
        do {
            t = templates.get(r.nextInt(templates.size()));
        } while (cls.equals("INJECTION") && t.codes().isEmpty());
        ObjectNode body = (ObjectNode) t.body().deepCopy();
        List<String> paths = new ArrayList<>();
        leaves(body, "", paths, false);
        String path = paths.get(r.nextInt(paths.size()));
        String marker = "\"@@HOSTILE@@\"";
        byte[] bytes;
        switch (cls) {
            case "WRONG_TYPE" -> {
                JsonNode now = at(body, path);
                String replacement;
                do {
                    replacement = WRONG_TYPES[r.nextInt(WRONG_TYPES.length)];
                } while (sameType(now, replacement));
                bytes = replaced(body, path, marker, replacement);
            }
            case "NUL" -> bytes = replacedString(body, stringPath(r, body, paths), marker, "CN\\u0000" + r.nextInt(100));
            case "LONE_SURROGATE" -> bytes = replacedString(body, stringPath(r, body, paths), marker,
                    r.nextBoolean() ? "x\\ud800y" : "\\udfff" + r.nextInt(10));
            case "INVALID_UTF8" -> {
                byte[][] bad = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                        {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xC0, (byte) 0xAF}};
                String text = replacedText(body, stringPath(r, body, paths), marker, "\"x@@BYTES@@y\"");
                int at = text.indexOf("@@BYTES@@");
                byte[] before = text.substring(0, at).getBytes(StandardCharsets.UTF_8);
                byte[] after = text.substring(at + 9).getBytes(StandardCharsets.UTF_8);
                byte[] b = bad[r.nextInt(bad.length)];
                bytes = new byte[before.length + b.length + after.length];
                System.arraycopy(before, 0, bytes, 0, before.length);
                System.arraycopy(b, 0, bytes, before.length, b.length);
                System.arraycopy(after, 0, bytes, before.length + b.length, after.length);
            }
            case "DUPLICATE_KEY" -> {
                // the same member twice in one object, the second of another value: which one counts is not JSON's
                String text = JSON.writeValueAsString(body);
                List<String> objects = new ArrayList<>();
                objects.add("");
                containers(body, "", objects);
                String objectPath = objects.get(r.nextInt(objects.size()));
                ObjectNode target = (ObjectNode) at(body, objectPath);
                if (target.isEmpty()) {
                    target.put("code", "A");
                }
                String key = target.propertyNames().iterator().next();
                target.set(key + "@@DUP@@", NODES.stringNode("CN-12"));
                text = JSON.writeValueAsString(body).replace(key + "@@DUP@@", key);
                bytes = text.getBytes(StandardCharsets.UTF_8);
            }
            case "DEEP_NESTING" -> {
                int depth = 1000 + r.nextInt(20_000);
                boolean arrays = r.nextBoolean();
                String open = arrays ? "[" : "{\"a\":";
                String close = arrays ? "]" : "}";
                bytes = replaced(body, path, marker, open.repeat(depth) + "1" + close.repeat(depth));
            }
            case "NUMBER_NOT_JSON" -> bytes = replaced(body, numberPath(r, body, paths), marker,
                    NUMBER_TOKENS.get(r.nextInt(NUMBER_TOKENS.size())));
            case "UNKNOWN_FIELD" -> {
                List<String> objects = new ArrayList<>();
                if (!t.family().equals("observations-json")) {
                    objects.add(""); // a batch's other top-level members are its envelope, documented as skipped
                }
                containers(body, "", objects);
                ObjectNode target = (ObjectNode) at(body, objects.get(r.nextInt(objects.size())));
                target.put("unknown" + r.nextInt(1000), r.nextBoolean() ? "x" : "1");
                bytes = JSON.writeValueAsBytes(body);
            }
            case "OVERSIZE_FIELD" -> bytes = replacedString(body, stringPath(r, body, paths), marker,
                    "A".repeat(1_100_000 + r.nextInt(1000)));
            case "INJECTION" -> {
                String code = t.codes().get(r.nextInt(t.codes().size()));
                String injection = INJECTIONS.get(r.nextInt(INJECTIONS.size()));
                bytes = replaced(body, code, marker, JSON.writeValueAsString(injection));
            }
            case "SYNTAX" -> {
                String text = JSON.writeValueAsString(body);
                String[] broken = {text.substring(0, text.length() / 2), text + "}", text + " trailing", "{" + text,
                        text.replaceFirst(":", ""), text.replace("\"", "'"), "", "null", "[]", "\"just a string\"",
                        text.replaceFirst(",", ",,"), "{\"a\" 1}", "\u00EF\u00BB\u00BF" + text, "/* c */" + text};
                String chosen;
                do {
                    chosen = broken[r.nextInt(broken.length)];
                } while (chosen.isEmpty() && t.optional()); // no body: the documented "copy the latest version"
                bytes = chosen.getBytes(StandardCharsets.UTF_8);
            }
            default -> throw new IllegalArgumentException(cls);
        }
        return new Request(cls, t.family(), t.method(), t.path(), "application/json", bytes, Map.of(), false,
                t.as());
    }

    /** CSV and SDMX-CSV rows, each with one broken cell; the same broken cells as JSON. */
    Request observationRows(Random r) {
        String[] cells = {"CN-11", "RD_INTENSITY", "2024", "1.5", "%", "hostile"};
        int field = r.nextInt(cells.length);
        String[] bad = {"\u0000", "x\u0000y", "0x1F", "0x1p3", "1e400", "NaN", "Infinity", "1_0", "1,5", "١",
                "\"unclosed", "A".repeat(70_000), INJECTIONS.get(r.nextInt(INJECTIONS.size())),
                "", "2024-01", "1d"};
        // (a lone surrogate has no UTF-8 form: Java would write '?'; its CESU-8 bytes are sent below as invalid UTF-8)
        String broken = bad[r.nextInt(bad.length)];
        if (field == 4 || field == 5) {
            // unit and source take free text: break them with what no text may hold
            broken = new String[]{"\u0000", "a\u0000b", "A".repeat(300)}[r.nextInt(3)];
        }
        cells[field] = broken;
        boolean sdmx = r.nextBoolean();
        String text;
        String type;
        if (sdmx) {
            type = "application/vnd.sdmx.data+csv; version=2.0.0";
            text = "STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,SOURCE\n"
                    + "dataflow,HOSTILE:DF(1.0),R," + String.join(",", cells) + "\n";
        }
        else {
            type = "text/csv";
            text = "entity,indicator,period,value,unit,source\n" + String.join(",", cells) + "\n";
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        String cls = classOfCell(broken);
        if (r.nextInt(5) == 0 && text.contains("CN-11")) {
            // invalid UTF-8 in a cell: a byte no UTF-8 has, an overlong '/', or a lone surrogate's CESU-8 form
            byte[][] invalid = {{(byte) 0xFF}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}};
            int which = r.nextInt(invalid.length);
            String marked = text.replaceFirst("CN-11", "CN-\u0001");
            int at = marked.indexOf('\u0001');
            byte[] before = marked.substring(0, at).getBytes(StandardCharsets.UTF_8);
            byte[] after = marked.substring(at + 1).getBytes(StandardCharsets.UTF_8);
            bytes = new byte[before.length + invalid[which].length + after.length];
            System.arraycopy(before, 0, bytes, 0, before.length);
            System.arraycopy(invalid[which], 0, bytes, before.length, invalid[which].length);
            System.arraycopy(after, 0, bytes, before.length + invalid[which].length, after.length);
            cls = which == 2 ? "LONE_SURROGATE" : "INVALID_UTF8";
        }
        return new Request(cls, sdmx ? "observations-sdmx" : "observations-csv", "POST", "/api/v1/observations",
                type, bytes, Map.of(), false, "demo-steward");
    }

    private static String classOfCell(String broken) {
        if (broken.contains("\u0000")) {
            return "NUL";
        }
        if (broken.chars().anyMatch(c -> Character.isSurrogate((char) c))) {
            return "LONE_SURROGATE";
        }
        if (broken.length() > 200) {
            return "OVERSIZE_FIELD";
        }
        if (INJECTIONS.contains(broken)) {
            return "INJECTION";
        }
        if (broken.isEmpty() || broken.startsWith("\"") || broken.equals("2024-01")) {
            return "SYNTAX";
        }
        return "NUMBER_NOT_JSON";
    }

    /** An observation whose source says it was revised after now, beyond any tolerated clock skew. */
    Request futureRevision(Random r) {
        Instant future = Instant.now().plus(Duration.ofMinutes(10 + r.nextInt(5_000_000)));
        int format = r.nextInt(3);
        String type;
        String body;
        if (format == 0) {
            type = "application/json";
            body = "{\"observations\": [{\"entity\": \"CN-11\", \"indicator\": \"RD_INTENSITY\", \"period\": \"2024\","
                    + " \"value\": 1.5, \"source\": \"hostile\", \"revisedAt\": \"" + future + "\"}]}";
        }
        else {
            type = "text/csv";
            body = "entity,indicator,period,value,unit,source,revisedAt\nCN-11,RD_INTENSITY,2024,1.5,%,hostile,"
                    + future + "\n";
        }
        return new Request("FUTURE_TIME", format == 0 ? "observations-json" : "observations-csv", "POST",
                "/api/v1/observations", type, body.getBytes(StandardCharsets.UTF_8), Map.of(), false, "demo-steward");
    }

    /** Read endpoints with one hostile query parameter or path segment. */
    Request queryParameter(Random r) {
        String[][] reads = {
                {"/api/v1/observations?entity=%s&indicator=RD_INTENSITY&period=2023", "demo-steward"},
                {"/api/v1/observations?entity=CN-11&indicator=%s&period=2023", "demo-steward"},
                {"/api/v1/observations?entity=CN-11&period=%s", "demo-steward"},
                {"/api/v1/observations?entity=CN-11&period=2023&asOf=%s", "demo-steward"},
                {"/api/v1/observations/history?entity=CN-11&indicator=RD_INTENSITY&period=%s", "demo-steward"},
                {"/api/v1/entities?cohort=%s", "demo-steward"},
                {"/api/v1/entities?size=%s", "demo-steward"},
                {"/api/v1/entities?page=%s", "demo-steward"},
                {"/api/v1/entities/%s", "demo-steward"},
                {"/api/v1/entities/%s/children", "demo-steward"},
                {"/api/v1/cohorts/%s", "demo-steward"},
                {"/api/v1/indicators/%s", "demo-steward"},
                {"/api/v1/indicators?framework=%s", "demo-steward"},
                {"/api/v1/frameworks/%s", "demo-steward"},
                {"/api/v1/frameworks/NQPF-AI/versions/%s", "demo-steward"},
                {"/api/v1/assessments/CN-11?period=%s", "demo-steward"},
                {"/api/v1/assessments/%s?period=2023", "demo-steward"},
                {"/api/v1/assessments?cohort=%s&period=2023", "demo-steward"},
                {"/api/v1/assessments?cohort=CN-PROVINCES&period=%s", "demo-steward"},
                {"/api/v1/assessments/%s/history", "demo-steward"},
                {"/api/v1/assessments/CN-11/uncertainty?period=2023&runs=%s", "demo-analyst"},
                {"/api/v1/assessments/CN-11/reproduction?period=%s", "demo-steward"},
                {"/api/v1/profiles/%s", "demo-steward"},
                {"/api/v1/roadmaps/%s", "demo-steward"},
                {"/api/v1/roadmaps/CN-11?cohort=%s", "demo-steward"},
                {"/api/v1/roadmaps/CN-11/versions/%s", "demo-steward"},
                {"/api/v1/roadmaps/CN-11/diff?from=%s&to=2", "demo-steward"},
                {"/api/v1/roadmaps/CN-11/report?format=%s&lang=en", "demo-steward"},
                {"/api/v1/roadmaps/CN-11/report?format=md&lang=%s", "demo-steward"},
                {"/api/v1/roadmaps/method-profiles/%s", "demo-steward"},
                {"/api/v1/actions?system=%s", "demo-steward"},
                {"/api/v1/actions/%s", "demo-steward"},
                {"/api/v1/actions/versions/%s", "demo-steward"},
                {"/api/v1/imports/%s", "demo-steward"},
                {"/api/v1/imports?limit=%s", "demo-steward"},
                {"/api/v1/imports/00000000-0000-0000-0000-000000000000/rejections?offset=%s", "demo-steward"},
        };
        String[] read = reads[r.nextInt(reads.length)];
        // A filter of a list that matches nothing is rightly an empty list: filters get only what must be refused
        boolean filter = read[0].contains("=%s") && !read[0].contains("runs=%s") && !read[0].contains("from=%s")
                && !read[0].contains("format=%s") && !read[0].contains("lang=%s")
                && !read[0].contains("asOf=%s") && !read[0].contains("size=%s") && !read[0].contains("page=%s")
                && !read[0].contains("limit=%s") && !read[0].contains("offset=%s")
                // a framework's profiles answer their defaults for any framework code
                || read[0].startsWith("/api/v1/profiles/") || read[0].startsWith("/api/v1/roadmaps/method-profiles/");
        boolean numeric = read[0].contains("limit=%s") || read[0].contains("offset=%s") || read[0].contains("runs=%s")
                || read[0].contains("size=%s") || read[0].contains("page=%s")
                || read[0].contains("versions/%s") || read[0].contains("from=%s") || read[0].contains("asOf=%s");
        String cls;
        String value;
        int pick = r.nextInt(numeric ? 7 : 5);
        if (filter && (pick == 2 || pick == 3)) {
            pick = r.nextBoolean() ? 0 : 1;
        }
        switch (pick) {
            case 0 -> {
                cls = "NUL";
                value = "CN%00" + r.nextInt(10);
            }
            case 1 -> {
                cls = "INVALID_UTF8";
                value = new String[]{"%FF", "%C3%28", "%ED%A0%80", "CN%C0%AF", "%F8%88%80%80%80"}[r.nextInt(5)];
            }
            case 2 -> {
                cls = "INJECTION";
                String injection = INJECTIONS.get(r.nextInt(INJECTIONS.size()));
                value = java.net.URLEncoder.encode(injection, StandardCharsets.UTF_8).replace("+", "%20");
                if (injection.contains("\\")) {
                    value = value.replace("%5C", "%5c");
                }
            }
            case 3 -> {
                cls = "OVERSIZE_FIELD";
                value = "A".repeat(5_000 + r.nextInt(6_000));
            }
            case 4 -> {
                cls = "LONE_SURROGATE";
                value = "%ED%B0%80";
            }
            default -> {
                cls = "NUMBER_NOT_JSON";
                value = new String[]{"-1", "abc", "1e400", "NaN", "0x10", "99999999999999999999", "-2147483649",
                        "1.5", "Infinity", "%20"}[r.nextInt(10)];
            }
        }
        return new Request(cls, "query", "GET", read[0].formatted(value), null, null, Map.of(), false, read[1]);
    }

    /** Import jobs: wrong content types, empty bodies, hostile idempotency keys. */
    Request imports(Random r) {
        int which = r.nextInt(4);
        return switch (which) {
            case 0 -> new Request("SYNTAX", "imports", "POST", "/api/v1/imports",
                    new String[]{"text/html", "application/xml", "image/png", "text/csv; charset=ebcdic"}[r.nextInt(4)],
                    "entity,indicator\n".getBytes(StandardCharsets.UTF_8), Map.of(), false, "demo-steward");
            case 1 -> new Request("SYNTAX", "imports", "POST", "/api/v1/imports", "text/csv", new byte[0], Map.of(),
                    false, "demo-steward");
            case 2 -> new Request("OVERSIZE_FIELD", "imports", "POST", "/api/v1/imports", "text/csv",
                    "entity,indicator,period,value,unit,source\n".getBytes(StandardCharsets.UTF_8),
                    Map.of("Idempotency-Key", "k".repeat(10_000 + r.nextInt(5_000))), false, "demo-steward");
            default -> new Request("INJECTION", "imports", "POST", "/api/v1/imports",
                    "text/csv; boundary=\"<script>\"", new byte[0], Map.of(), false, "demo-steward");
        };
    }

    /** What Java's HTTP client will not send: raw bytes in the request line and headers. */
    Request rawRequest(Random r) {
        String[] targets = {"/api/v1/entities/%zz", "/api/v1/entities/%", "/api/v1/observations?entity=%G1",
                "/api/v1/entities/CN-11%00", "/api/v1/../../../etc/passwd", "/api/v1/entities/..%2f..%2fetc%2fpasswd",
                "/api/v1/entities?cohort=<script>", "/api/v1/entities/%2e%2e/%2e%2e/actuator/env"};
        int which = r.nextInt(3);
        if (which == 0) {
            return new Request(targets[r.nextInt(targets.length)].contains("%00") ? "NUL" : "INJECTION", "query",
                    "GET", targets[r.nextInt(targets.length)], null, null, Map.of(), true, "demo-steward");
        }
        String[] headers = {"Idempotency-Key", "X-Correlation-Id", "Accept-Language", "Accept"};
        String header = headers[r.nextInt(headers.length)];
        String[] values = {"a\u0000b", "\u00ff\u00fe", "x\rInjected: 1", "<script>alert(1)</script>",
                "../../etc/passwd", "' OR 1=1 --", "\u00e9" + "A".repeat(100)};
        String value = values[r.nextInt(values.length)];
        String cls = value.contains("\u0000") ? "NUL" : value.contains("\r") ? "INJECTION"
                : value.startsWith("\u00ff") ? "INVALID_UTF8" : "INJECTION";
        String body = "{\"observations\": [{\"entity\": \"CN-11\", \"indicator\": \"NOT_AN_INDICATOR\", \"period\": "
                + "\"2024\", \"value\": 1}]}";
        return new Request(cls, "headers", "POST", "/api/v1/observations", "application/json",
                body.getBytes(StandardCharsets.ISO_8859_1), Map.of(header, value), true, "demo-steward");
    }

    Request oversizeBody() {
        return new Request("OVERSIZE_BODY", "observations-json", "POST", "/api/v1/observations", "application/json",
                oversizeBody, Map.of(), false, "demo-steward");
    }

    // --- JSON tree helpers

    private static void leaves(JsonNode node, String path, List<String> out, boolean inArray) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                out.add(p);
                leaves(e.getValue(), p, out, false);
            }
        }
        else if (node.isArray()) {
            for (int i = 0; i < Math.min(node.size(), 3); i++) {
                String p = path + "[" + i + "]";
                out.add(p);
                leaves(node.get(i), p, out, true);
            }
        }
    }

    private static void containers(JsonNode node, String path, List<String> out) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                if (e.getValue().isObject()) {
                    out.add(p);
                }
                containers(e.getValue(), p, out);
            }
        }
        else if (node.isArray()) {
            for (int i = 0; i < Math.min(node.size(), 3); i++) {
                String p = path + "[" + i + "]";
                if (node.get(i).isObject()) {
                    out.add(p);
                }
                containers(node.get(i), p, out);
            }
        }
    }

    static JsonNode at(JsonNode root, String path) {
        JsonNode node = root;
        if (path.isEmpty()) {
            return node;
        }
        for (String step : steps(path)) {
            node = step.startsWith("[") ? node.get(Integer.parseInt(step.substring(1, step.length() - 1)))
                    : node.get(step);
        }
        return node;
    }

    private static List<String> steps(String path) {
        List<String> steps = new ArrayList<>();
        for (String part : path.split("\\.")) {
            int b = part.indexOf('[');
            if (b < 0) {
                steps.add(part);
                continue;
            }
            if (b > 0) {
                steps.add(part.substring(0, b));
            }
            for (String idx : part.substring(b).split("(?=\\[)")) {
                steps.add(idx);
            }
        }
        return steps;
    }

    private static void set(JsonNode root, String path, JsonNode value) {
        List<String> steps = steps(path);
        JsonNode parent = root;
        for (int i = 0; i < steps.size() - 1; i++) {
            String s = steps.get(i);
            parent = s.startsWith("[") ? parent.get(Integer.parseInt(s.substring(1, s.length() - 1))) : parent.get(s);
        }
        String last = steps.get(steps.size() - 1);
        if (last.startsWith("[")) {
            ((ArrayNode) parent).set(Integer.parseInt(last.substring(1, last.length() - 1)), value);
        }
        else {
            ((ObjectNode) parent).set(last, value);
        }
    }

    /** The body with the value at {@code path} replaced by raw JSON text (which may be no JSON at all). */
    private static byte[] replaced(ObjectNode body, String path, String marker, String raw) {
        return replacedText(body, path, marker, raw).getBytes(StandardCharsets.UTF_8);
    }

    private static String replacedText(ObjectNode body, String path, String marker, String raw) {
        ObjectNode copy = body.deepCopy();
        set(copy, path, NODES.stringNode(marker.substring(1, marker.length() - 1)));
        return JSON.writeValueAsString(copy).replace(marker, raw);
    }

    /** The string at {@code path} replaced by {@code escaped}, JSON string content with its escapes as written. */
    private static byte[] replacedString(ObjectNode body, String path, String marker, String escaped) {
        return replaced(body, path, marker, "\"" + escaped + "\"");
    }

    private static String stringPath(Random r, JsonNode body, List<String> paths) {
        List<String> strings = paths.stream().filter(p -> at(body, p).isString()).toList();
        return strings.isEmpty() ? paths.get(r.nextInt(paths.size())) : strings.get(r.nextInt(strings.size()));
    }

    private static String numberPath(Random r, JsonNode body, List<String> paths) {
        List<String> numbers = paths.stream().filter(p -> at(body, p).isNumber()).toList();
        return numbers.isEmpty() ? paths.get(r.nextInt(paths.size())) : numbers.get(r.nextInt(numbers.size()));
    }

    private static boolean sameType(JsonNode now, String replacement) {
        JsonNode other = JSON.readTree(replacement);
        return now.getNodeType() == other.getNodeType();
    }
}

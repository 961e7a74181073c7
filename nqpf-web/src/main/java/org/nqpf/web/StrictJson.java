package org.nqpf.web;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * How the services read a client's JSON: strictly, so that a body that could mean two things, or that the database
 * would refuse, is a 400 naming the field instead of a guess or a 500. A duplicate key, an unknown field, a value of
 * the wrong JSON type (no quiet coercion of {@code 2023} to {@code "2023"} or {@code "1.5"} to 1.5), a number that is
 * not finite ({@code 1e400}), and text holding a NUL or a lone surrogate (PostgreSQL stores neither) are refused by
 * the parser, with the path of the field.
 * <p>
 * Only for request bodies: the same application's events keep the lenient reader, so a producer that adds a field
 * does not dead-letter its consumers.
 */
public final class StrictJson {

    private StrictJson() {
    }

    /** The service's mapper, made strict for reading what clients send. */
    public static JsonMapper forRequests(JsonMapper mapper) {
        return mapper.rebuild()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .withCoercionConfig(LogicalType.Textual, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .addModule(module())
                .build();
    }

    /**
     * The text with what PostgreSQL cannot store (a NUL, half of a surrogate pair) written out as its escape, for
     * text the platform writes itself about a client's input: a rejection quoting a field name, say.
     */
    public static String storable(String s) {
        if (s == null || unstorable(s) == null) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(++i));
            }
            else if (c == '\u0000' || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            }
            else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Text PostgreSQL cannot store, or null when it can: a NUL, or half of a surrogate pair. */
    public static String unstorable(String s) {
        if (s == null) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\u0000') {
                return "holds a NUL character (\\u0000) at position " + i;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "holds a lone surrogate (\\u" + Integer.toHexString(c) + ") at position " + i;
            }
            if (Character.isLowSurrogate(c)) {
                return "holds a lone surrogate (\\u" + Integer.toHexString(c) + ") at position " + i;
            }
        }
        return null;
    }

    /**
     * The first text in a JSON tree, key or value, that PostgreSQL cannot store, or a number beyond a double's
     * range; null when there is none. For bodies read as a tree, which the strict deserializers never see.
     */
    public static FieldError unstorable(tools.jackson.databind.JsonNode node) {
        return unstorable(node, "");
    }

    private static FieldError unstorable(tools.jackson.databind.JsonNode node, String path) {
        if (node.isString()) {
            String why = unstorable(node.asString());
            return why == null ? null : new FieldError(path.isEmpty() ? "(body)" : path, why);
        }
        if (node.isNumber() && node.isFloatingPointNumber() && !Double.isFinite(node.asDouble())) {
            return new FieldError(path.isEmpty() ? "(body)" : path, "not a finite number: beyond a double's range");
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                FieldError e = unstorable(node.get(i), path + "[" + i + "]");
                if (e != null) {
                    return e;
                }
            }
        }
        else if (node.isObject()) {
            for (java.util.Map.Entry<String, tools.jackson.databind.JsonNode> member : node.properties()) {
                String key = member.getKey();
                String why = unstorable(key);
                if (why != null) {
                    return new FieldError((path.isEmpty() ? "" : path + ".") + shown(key), "(a key) " + why);
                }
                FieldError e = unstorable(member.getValue(), path.isEmpty() ? key : path + "." + key);
                if (e != null) {
                    return e;
                }
            }
        }
        return null;
    }

    /** Whether the bytes are well-formed UTF-8: no overlong forms, no surrogates, nothing beyond U+10FFFF. */
    public static boolean isUtf8(byte[] bytes) {
        boolean ascii = true;
        for (int i = 0; i < bytes.length && ascii; i++) {
            ascii = bytes[i] >= 0;
        }
        if (ascii) {
            return true; // most data is: no decoder needed
        }
        try {
            java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes));
            return true;
        }
        catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    static SimpleModule module() {
        SimpleModule module = new SimpleModule("nqpf-strict-json");
        module.addDeserializer(String.class, new TextDeserializer());
        module.addKeyDeserializer(String.class, new TextKeyDeserializer());
        module.addDeserializer(Double.class, new FiniteDeserializer());
        module.addDeserializer(Double.TYPE, new FiniteDeserializer());
        return module;
    }

    /** A JSON string, and nothing else, that PostgreSQL can store. */
    static final class TextDeserializer extends ValueDeserializer<String> {

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (String) ctxt.handleUnexpectedToken(String.class, p);
            }
            String text = p.getString();
            String why = unstorable(text);
            return why == null ? text : (String) ctxt.handleWeirdStringValue(String.class, shown(text), why);
        }
    }

    static final class TextKeyDeserializer extends KeyDeserializer {

        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) {
            String why = unstorable(key);
            return why == null ? key : ctxt.handleWeirdKey(String.class, shown(key), why);
        }
    }

    /** A JSON number that is a finite double: {@code 1e400} would otherwise become Infinity. */
    static final class FiniteDeserializer extends ValueDeserializer<Double> {

        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) {
            if (!p.hasToken(JsonToken.VALUE_NUMBER_INT) && !p.hasToken(JsonToken.VALUE_NUMBER_FLOAT)) {
                return (Double) ctxt.handleUnexpectedToken(Double.class, p);
            }
            double value = p.getDoubleValue();
            if (!Double.isFinite(value)) {
                return (Double) ctxt.handleWeirdNumberValue(Double.class, value,
                        "not a finite number: " + p.getString());
            }
            return value;
        }
    }

    private static String shown(String s) {
        String safe = s.replace("\u0000", "\\u0000");
        StringBuilder b = new StringBuilder();
        safe.codePoints().limit(80).forEach(cp -> {
            if (Character.isSurrogate((char) cp) && Character.charCount(cp) == 1) {
                b.append("\\u").append(Integer.toHexString(cp));
            }
            else {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }
}

package org.nqpf.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.nqpf.contracts.EventTypes;

/** Validates real event payloads against the JSON Schema of their CloudEvents type. */
public final class EventSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private EventSchemas() {
    }

    /** The schema's complaints about this payload; empty when it is valid. */
    public static Set<String> violations(String type, byte[] payload) {
        JsonSchema schema = SCHEMAS.computeIfAbsent(type, EventSchemas::load);
        try {
            JsonNode node = JSON.readTree(payload);
            return schema.validate(node).stream().map(ValidationMessage::getMessage).collect(Collectors.toSet());
        }
        catch (IOException e) {
            return Set.of("not JSON: " + e.getMessage());
        }
    }

    /** Throws an {@link AssertionError} listing every violation. */
    public static void assertValid(String type, byte[] payload) {
        Set<String> violations = violations(type, payload);
        if (!violations.isEmpty()) {
            throw new AssertionError(type + " payload violates its schema: " + violations);
        }
    }

    private static JsonSchema load(String type) {
        String resource = EventTypes.of(type).schemaResource();
        try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no schema at " + resource);
            }
            return FACTORY.getSchema(in);
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

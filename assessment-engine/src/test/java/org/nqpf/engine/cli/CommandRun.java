package org.nqpf.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** {@code ./nqpf assess} run in-process, as the command's tests run it: its exit status and what it wrote. */
record CommandRun(int status, String out, String err) {

    static CommandRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = AssessCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CommandRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The JSON document written; the run must have succeeded. */
    JsonNode json() {
        if (status != 0) {
            throw new AssertionError("nqpf assess exited " + status + ": " + err);
        }
        try {
            return new ObjectMapper().readTree(out);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The document's entry for a unit (its first period). */
    static JsonNode unit(JsonNode doc, String code) {
        for (JsonNode u : doc.get("units")) {
            if (u.get("uCode").asText().equals(code)) {
                return u;
            }
        }
        throw new AssertionError("no unit " + code);
    }
}

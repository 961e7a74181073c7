package org.nqpf.web.servlet;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.nqpf.web.FieldError;
import org.nqpf.web.InvalidInputException;
import org.nqpf.web.StrictJson;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads request bodies with the strict mapper ({@link org.nqpf.web.StrictJson}), after checking that the body is
 * UTF-8: Jackson's own decoder lets overlong forms through ({@code C0 AF} read as {@code /}), which is how a filter
 * on the decoded text is walked around.
 * <p>
 * A body an endpoint takes as text ({@code @RequestBody String}: a method profile, stored as its author wrote it)
 * comes here too, as this converter stands before Spring's text converter: it is given as sent, once it has passed
 * the same rules as JSON read into a type.
 */
public class StrictJsonHttpMessageConverter extends JacksonJsonHttpMessageConverter {

    private final JsonMapper strict;

    public StrictJsonHttpMessageConverter(JsonMapper strict) {
        super(strict);
        this.strict = strict;
    }

    @Override
    public Object read(ResolvableType type, HttpInputMessage input, @Nullable Map<String, Object> hints)
            throws IOException, HttpMessageNotReadableException {
        MediaType contentType = input.getHeaders().getContentType();
        Charset charset = contentType == null || contentType.getCharset() == null ? StandardCharsets.UTF_8
                : contentType.getCharset();
        byte[] body = input.getBody().readAllBytes();
        String text;
        try {
            text = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        }
        catch (CharacterCodingException e) {
            throw new HttpMessageNotReadableException("the body is not valid " + charset.name(), input);
        }
        if (type.toClass() == String.class) {
            return checkedText(text, input);
        }
        return notNull(super.read(type, new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(body);
            }

            @Override
            public HttpHeaders getHeaders() {
                return input.getHeaders();
            }
        }, hints), input);
    }

    /**
     * The text, once read strictly as JSON: one value and nothing after it, no key twice, no number beyond a double,
     * and nothing PostgreSQL cannot store (a {@code jsonb} column refuses an escaped NUL with the database's error,
     * a 500).
     */
    private String checkedText(String text, HttpInputMessage input) {
        JsonNode tree;
        try {
            tree = strict.readTree(text);
        }
        catch (JacksonException e) {
            // where it broke, as the row readers say it: a tree has no field path to name
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new HttpMessageNotReadableException("not valid JSON" + where + ": " + e.getOriginalMessage(), input);
        }
        notNull(tree == null || tree.isMissingNode() || tree.isNull() ? null : tree, input);
        FieldError unstorable = StrictJson.unstorable(tree);
        if (unstorable != null) {
            throw new InvalidInputException(HttpStatus.BAD_REQUEST, "unreadable-body", "Unreadable body",
                    List.of(unstorable));
        }
        return text;
    }

    /**
     * A body of JSON {@code null} is neither a JSON object nor no body: where a body is optional, no body means
     * "the defaults" (a draft copy of the latest version), and a {@code null} must not pass for that unnoticed.
     * Spring reads an empty body without asking this converter.
     */
    private static Object notNull(Object value, HttpInputMessage input) {
        if (value == null) {
            throw new HttpMessageNotReadableException("it is JSON null: send a JSON object, or no body where the"
                    + " body is optional", input);
        }
        return value;
    }
}

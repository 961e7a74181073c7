package org.nqpf.web.servlet;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads request bodies with the strict mapper ({@link org.nqpf.web.StrictJson}), after checking that the body is
 * UTF-8: Jackson's own decoder lets overlong forms through ({@code C0 AF} read as {@code /}), which is how a filter
 * on the decoded text is walked around.
 */
public class StrictJsonHttpMessageConverter extends JacksonJsonHttpMessageConverter {

    public StrictJsonHttpMessageConverter(JsonMapper strict) {
        super(strict);
    }

    @Override
    public Object read(ResolvableType type, HttpInputMessage input, @Nullable Map<String, Object> hints)
            throws IOException, HttpMessageNotReadableException {
        MediaType contentType = input.getHeaders().getContentType();
        Charset charset = contentType == null || contentType.getCharset() == null ? StandardCharsets.UTF_8
                : contentType.getCharset();
        if (!charset.equals(StandardCharsets.UTF_8)) {
            return notNull(super.read(type, input, hints), input);
        }
        byte[] body = input.getBody().readAllBytes();
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
        }
        catch (CharacterCodingException e) {
            throw new HttpMessageNotReadableException("the body is not valid UTF-8", input);
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

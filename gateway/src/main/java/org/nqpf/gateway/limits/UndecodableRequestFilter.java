package org.nqpf.gateway.limits;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.nqpf.gateway.problem.Problems;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * A path or query string whose percent-encoded bytes are not UTF-8 ({@code %FF}, an overlong {@code %C0%AF}, a
 * surrogate's {@code %ED%A0%80}) is refused here with a 400 problem naming it. Passed on, each service's Tomcat
 * would refuse it with its own HTML error page, or decode it into replacement characters and answer for a name
 * nobody sent.
 */
@Component
public class UndecodableRequestFilter implements WebFilter, Ordered {

    private final Problems problems;

    public UndecodableRequestFilter(Problems problems) {
        this.problems = problems;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 5; // after the correlation id, before the size limit and routing
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getURI().getRawPath();
        String query = exchange.getRequest().getURI().getRawQuery();
        String wrong = !decodable(path) ? "path" : query != null && !decodable(query) ? "query string" : null;
        if (wrong == null) {
            return chain.filter(exchange);
        }
        return problems.write(exchange, HttpStatus.BAD_REQUEST, "The request's " + wrong + " cannot be decoded: its"
                + " percent-encoded bytes are not UTF-8 (or hold a NUL).");
    }

    /** Whether the percent-decoded bytes are well-formed UTF-8 without a NUL. */
    static boolean decodable(String raw) {
        if (raw == null || raw.indexOf('%') < 0) {
            return true;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return false;
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return false;
                }
                int b = hi * 16 + lo;
                if (b == 0) {
                    return false;
                }
                bytes.write(b);
                i += 2;
            }
            else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()));
            return true;
        }
        catch (CharacterCodingException e) {
            return false;
        }
    }
}

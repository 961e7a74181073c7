package org.nqpf.gateway.limits;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.netty.NettyPipeline;

import org.nqpf.web.ProblemTypes;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Request headers over {@code server.max-http-request-header-size} (16 KB) as problem+json. Netty's HTTP decoder
 * refuses them before any request reaches Spring, and Reactor Netty answers that 431 itself with an empty body (and
 * an undecodable request with an empty 400, an overlong request line with an empty 414); a
 * handler right after the HTTP codec replaces the body of exactly that answer with the problem, in the same
 * vocabulary as the gateway's other refusals. (No correlation id or instance: the request never got that far.)
 */
@Component
public class HeaderSizeProblem implements WebServerFactoryCustomizer<NettyReactiveWebServerFactory> {

    private static final String HANDLER = "nqpf.headerSizeProblem";

    private final java.util.Map<Integer, byte[]> bodies;

    public HeaderSizeProblem(@Value("${server.max-http-request-header-size:8KB}") DataSize limit) {
        // Netty refuses a request it cannot decode with an empty 400 (a broken request line, a header holding a
        // control character), and one whose request line is too long with an empty 414: the same treatment
        this.bodies = java.util.Map.of(
                HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE.value(), problem(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                        "The request's headers are larger than the " + limit.toKilobytes() + "KB the gateway accepts"
                                + " (server.max-http-request-header-size); send fewer or smaller headers (cookies,"
                                + " tokens)."),
                HttpStatus.URI_TOO_LONG.value(), problem(HttpStatus.URI_TOO_LONG, "The request line is longer than"
                        + " the gateway accepts; send long queries as a body."),
                HttpStatus.BAD_REQUEST.value(), problem(HttpStatus.BAD_REQUEST, "The request cannot be decoded as"
                        + " HTTP/1.1: its request line or a header is malformed (a control character, a bad"
                        + " percent-encoding or an invalid header name)."));
    }

    private static byte[] problem(HttpStatus status, String detail) {
        return ("{\"type\":\"" + ProblemTypes.forStatus(status) + "\",\"title\":\"" + status.getReasonPhrase()
                + "\",\"status\":" + status.value() + ",\"detail\":\"" + detail + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void customize(NettyReactiveWebServerFactory factory) {
        factory.addServerCustomizers(server -> server.doOnChannelInit((observer, channel, remote) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null && channel.pipeline().get(HANDLER) == null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, HANDLER, new ProblemBody(bodies));
            }
        }));
    }

    /** Rewrites Netty's own empty 400, 414 and 431 into problem+json; every other message passes untouched. */
    @ChannelHandler.Sharable
    static final class ProblemBody extends ChannelDuplexHandler {

        private final java.util.Map<Integer, byte[]> bodies;

        ProblemBody(java.util.Map<Integer, byte[]> bodies) {
            this.bodies = bodies;
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
            byte[] body = msg instanceof FullHttpResponse r ? bodies.get(r.status().code()) : null;
            if (body != null && msg instanceof FullHttpResponse response && response.content().readableBytes() == 0) {
                FullHttpResponse problem = new DefaultFullHttpResponse(response.protocolVersion(), response.status(),
                        Unpooled.wrappedBuffer(body));
                problem.headers().set(response.headers());
                problem.headers().set(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                problem.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
                response.release();
                super.write(ctx, problem, promise);
                return;
            }
            super.write(ctx, msg, promise);
        }
    }
}

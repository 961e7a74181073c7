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
import io.netty.handler.codec.http.HttpResponseStatus;
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
 * refuses them before any request reaches Spring, and Reactor Netty answers that 431 itself with an empty body; a
 * handler right after the HTTP codec replaces the body of exactly that answer with the problem, in the same
 * vocabulary as the gateway's other refusals. (No correlation id or instance: the request never got that far.)
 */
@Component
public class HeaderSizeProblem implements WebServerFactoryCustomizer<NettyReactiveWebServerFactory> {

    private static final String HANDLER = "nqpf.headerSizeProblem";

    private final byte[] body;

    public HeaderSizeProblem(@Value("${server.max-http-request-header-size:8KB}") DataSize limit) {
        HttpStatus status = HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
        this.body = ("{\"type\":\"" + ProblemTypes.forStatus(status) + "\",\"title\":\"" + status.getReasonPhrase()
                + "\",\"status\":" + status.value() + ",\"detail\":\"The request's headers are larger than the "
                + limit.toKilobytes() + "KB the gateway accepts (server.max-http-request-header-size); send fewer or"
                + " smaller headers (cookies, tokens).\"}").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void customize(NettyReactiveWebServerFactory factory) {
        factory.addServerCustomizers(server -> server.doOnChannelInit((observer, channel, remote) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null && channel.pipeline().get(HANDLER) == null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, HANDLER, new ProblemBody(body));
            }
        }));
    }

    /** Rewrites Netty's own empty 431 into problem+json; every other message passes untouched. */
    @ChannelHandler.Sharable
    static final class ProblemBody extends ChannelDuplexHandler {

        private final byte[] body;

        ProblemBody(byte[] body) {
            this.body = body;
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
            if (msg instanceof FullHttpResponse response
                    && response.status().code() == HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE.code()
                    && response.content().readableBytes() == 0) {
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

package org.nqpf.gateway.limits;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.web.server.ServerWebExchange;

/**
 * Who a request is counted against: the authenticated principal's name (the token's {@code sub}) when there is
 * one; else, for a request carrying {@code X-Api-Key: nqpf_<id>_<secret>}, the key's id (never its secret, which
 * must not end up in Redis or a log); else the client's IP address. Each kind has its own prefix, so a {@code sub}
 * that looks like an IP address never shares a bucket with that address.
 */
public class ClientKeyResolver implements KeyResolver {

    public static final String API_KEY_HEADER = "X-Api-Key";

    private static final Pattern API_KEY = Pattern.compile("nqpf_([A-Za-z0-9-]{1,64})_.+");

    @Override
    public Mono<String> resolve(ServerWebExchange exchange) {
        return exchange.getPrincipal()
                .map(Principal::getName)
                .filter(name -> !name.isBlank())
                .map(name -> "sub:" + name)
                .switchIfEmpty(Mono.fromSupplier(() -> anonymous(exchange)));
    }

    private static String anonymous(ServerWebExchange exchange) {
        String keyId = apiKeyId(exchange.getRequest().getHeaders().getFirst(API_KEY_HEADER));
        if (keyId != null) {
            return "key:" + keyId;
        }
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return "ip:" + (remote == null ? "unknown"
                : remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString());
    }

    /** The id of {@code nqpf_<id>_<secret>}, or null when the header is absent or not of that form. */
    public static String apiKeyId(String header) {
        if (header == null) {
            return null;
        }
        Matcher matcher = API_KEY.matcher(header.trim());
        return matcher.matches() ? matcher.group(1) : null;
    }
}

package org.nqpf.auth.clients;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The clients this server knows ({@code nqpf.auth.clients[i].id}, {@code .secret}, {@code .roles}, {@code .tenant},
 * {@code .source}), plus the demo clients when {@code nqpf.auth.demo-clients} is true: the local platform's only.
 *
 * @param audience       the {@code aud} of every access token: what the resource servers require
 * @param tokenTtlMinutes how long an access token lives
 */
@ConfigurationProperties("nqpf.auth")
public record ClientsProperties(List<PlatformClient> clients, boolean demoClients, String audience,
        Integer tokenTtlMinutes) {

    public ClientsProperties {
        clients = clients == null ? List.of() : List.copyOf(clients);
        audience = audience == null || audience.isBlank() ? "nqpf" : audience;
        tokenTtlMinutes = tokenTtlMinutes == null ? 15 : tokenTtlMinutes;
    }

    /** The six demo clients of docs/SECURITY.md; their secrets are {@code <id>-secret}, for the local platform. */
    public static List<PlatformClient> demo() {
        return List.of(
                new PlatformClient("demo-feed", "demo-feed-secret", List.of("FEED"), null, "demo-feed"),
                new PlatformClient("demo-portal-a", "demo-portal-a-secret", List.of("PORTAL"), "tenant-a", null),
                new PlatformClient("demo-portal-b", "demo-portal-b-secret", List.of("PORTAL"), "tenant-b", null),
                new PlatformClient("demo-analyst", "demo-analyst-secret", List.of("ANALYST"), null, null),
                new PlatformClient("demo-steward", "demo-steward-secret", List.of("STEWARD"), null, null),
                new PlatformClient("demo-operator", "demo-operator-secret", List.of("OPERATOR"), null, null));
    }

    public List<PlatformClient> all() {
        java.util.Map<String, PlatformClient> byId = new java.util.LinkedHashMap<>();
        if (demoClients) {
            demo().forEach(c -> byId.put(c.id(), c));
        }
        clients.forEach(c -> byId.put(c.id(), c)); // a configured client replaces a demo one of the same id
        return List.copyOf(byId.values());
    }
}

package org.nqpf.gateway.routing;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The services behind the gateway, {@code nqpf.services.<key>=<base url>} (e.g. {@code nqpf.services.indicator},
 * env {@code NQPF_SERVICES_INDICATOR}). The same properties feed the routes in application.yml, so the console and
 * the fallback always name the URL the routes really use.
 */
@ConfigurationProperties("nqpf")
public record Downstream(Map<String, URI> services) {

    public Downstream {
        services = services == null ? Map.of() : new LinkedHashMap<>(services);
    }

    /** A service behind the gateway: {@code key} as in {@code /fallback/{key}}, {@code name} as operators know it. */
    public record Service(String key, String name, URI url) {
    }

    public List<Service> all() {
        List<Service> all = new ArrayList<>();
        services.forEach((key, url) -> all.add(new Service(key, nameOf(key), url)));
        return all;
    }

    /** "indicator" → "indicator-service", the application name the service runs under. */
    public static String nameOf(String key) {
        return key.endsWith("-service") ? key : key + "-service";
    }
}

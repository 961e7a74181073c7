package org.nqpf.indicator.apikeys;

import java.net.URI;
import java.util.List;
import org.nqpf.security.Caller;
import org.nqpf.web.NotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Operators' API keys: create (the secret shown once), list, rotate, revoke. OPERATOR only (IndicatorAuthorization). */
@RestController
class ApiKeyController {

    record NewKey(String name, String source) {
    }

    private final ApiKeys keys;

    ApiKeyController(ApiKeys keys) {
        this.keys = keys;
    }

    @PostMapping("/api/v1/api-keys")
    ResponseEntity<ApiKey> create(@RequestBody NewKey body) {
        ApiKey created = keys.create(body.name(), body.source(), Caller.current().subject());
        return ResponseEntity.created(URI.create("/api/v1/api-keys/" + created.id()))
                .header("Cache-Control", "no-store").body(created);
    }

    @GetMapping("/api/v1/api-keys")
    List<ApiKey> list() {
        return keys.list();
    }

    @GetMapping("/api/v1/api-keys/{id}")
    ApiKey one(@PathVariable String id) {
        return keys.find(id).orElseThrow(() -> new NotFoundException("no API key " + id));
    }

    @PostMapping("/api/v1/api-keys/{id}/rotate")
    ResponseEntity<ApiKey> rotate(@PathVariable String id) {
        return ResponseEntity.ok().header("Cache-Control", "no-store").body(keys.rotate(id));
    }

    @DeleteMapping("/api/v1/api-keys/{id}")
    ApiKey revoke(@PathVariable String id) {
        return keys.revoke(id);
    }
}

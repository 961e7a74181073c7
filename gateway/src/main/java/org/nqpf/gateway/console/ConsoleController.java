package org.nqpf.gateway.console;

import java.net.URI;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator console: a static page (static/console/index.html), the status JSON, and (in
 * {@link ConsoleStreamController}) the live stream the page reads.
 */
@RestController
public class ConsoleController {

    private final ServiceProbe probe;

    public ConsoleController(ServiceProbe probe) {
        this.probe = probe;
    }

    @GetMapping({"/console", "/console/"})
    public ResponseEntity<Void> console() {
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create("/console/index.html")).build();
    }

    /** {@code [{"service":"indicator-service","url":"http://localhost:8081","status":"UP"}, ...]} */
    @GetMapping("/console/api/status")
    public Mono<List<ServiceStatus>> status(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        // The services show their outbox gauge to an OPERATOR only: asked as the caller, who is one here.
        return probe.probeAll(authorization).collectList();
    }
}

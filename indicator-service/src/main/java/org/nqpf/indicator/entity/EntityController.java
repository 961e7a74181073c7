package org.nqpf.indicator.entity;

import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.nqpf.indicator.web.NotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class EntityController {

    private final EntityRegistry registry;

    EntityController(EntityRegistry registry) {
        this.registry = registry;
    }

    @GetMapping("/api/v1/entities")
    List<Entity> entities(@RequestParam(required = false) String kind, @RequestParam(required = false) String cohort,
            @RequestParam(required = false) String q) {
        return registry.search(kind, cohort, q);
    }

    @GetMapping("/api/v1/entities/{id}")
    Entity entity(@PathVariable String id) {
        return registry.find(id).orElseThrow(() -> new NotFoundException("entity " + id));
    }

    @PostMapping("/api/v1/entities")
    ResponseEntity<Entity> register(@Valid @RequestBody Entity entity) {
        Entity created = registry.register(entity);
        return ResponseEntity.created(URI.create("/api/v1/entities/" + created.id())).body(created);
    }

    @GetMapping("/api/v1/cohorts")
    List<Cohort> cohorts() {
        return registry.cohorts();
    }

    @GetMapping("/api/v1/cohorts/{code}")
    Cohort cohort(@PathVariable String code) {
        return registry.cohort(code).orElseThrow(() -> new NotFoundException("cohort " + code));
    }

    @PostMapping("/api/v1/cohorts")
    ResponseEntity<Cohort> createCohort(@Valid @RequestBody Cohort cohort) {
        Cohort created = registry.createCohort(cohort);
        return ResponseEntity.created(URI.create("/api/v1/cohorts/" + created.code())).body(created);
    }
}

package org.nqpf.indicator.entity;

import org.nqpf.web.FieldError;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nqpf.security.Caller;
import org.nqpf.web.NotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Entities and cohorts. Lists stay JSON arrays (what clients of the first version read); paging travels in headers:
 * {@code X-Total-Count} and an RFC 8288 {@code Link} with first, prev, next and last pages. Every read is of what the
 * caller may see ({@link TenantScope#readerOf}): a PORTAL's lists hold its tenant's entities only, and an entity of
 * another tenant answers 404 exactly as a missing one.
 */
@RestController
class EntityController {

    private final EntityRegistry registry;

    EntityController(EntityRegistry registry) {
        this.registry = registry;
    }

    @GetMapping("/api/v1/entities")
    ResponseEntity<List<Entity>> entities(@RequestParam(required = false) String kind,
            @RequestParam(required = false) String cohort, @RequestParam(required = false) String q,
            @RequestParam(required = false) String parent, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "100") int size) {
        List<FieldError> problems = paging(page, size);
        if (kind != null && !Entity.KINDS.contains(kind)) {
            problems.add(new FieldError("kind", "'" + kind + "' is not one of " + String.join(", ", Entity.KINDS)));
        }
        if (!problems.isEmpty()) {
            throw EntityProblem.badQuery(problems);
        }
        EntitySearch search = new EntitySearch(kind, cohort, q, parent);
        return paged(registry.search(search, page, size, scope()), search, "/api/v1/entities");
    }

    @GetMapping("/api/v1/entities/{id}")
    Entity entity(@PathVariable String id) {
        return registry.find(id, scope()).orElseThrow(() -> new NotFoundException("no entity " + id));
    }

    /** The direct children, paged like the entity list. */
    @GetMapping("/api/v1/entities/{id}/children")
    ResponseEntity<List<Entity>> children(@PathVariable String id, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "100") int size) {
        List<FieldError> problems = paging(page, size);
        if (!problems.isEmpty()) {
            throw EntityProblem.badQuery(problems);
        }
        EntitySearch search = new EntitySearch(null, null, null, id);
        return paged(registry.search(search, page, size, scope()), search,
                UriComponentsBuilder.fromPath("/api/v1/entities/{id}/children").buildAndExpand(id).encode().toUriString());
    }

    @PostMapping("/api/v1/entities")
    ResponseEntity<Entity> register(@RequestBody Entity entity) {
        Entity created = registry.register(entity);
        return ResponseEntity.created(URI.create("/api/v1/entities/" + created.id())).body(created);
    }

    /** Replaces code, names, parent and tenant; id and kind, if sent, must be the entity's own. */
    @PutMapping("/api/v1/entities/{id}")
    Entity update(@PathVariable String id, @RequestBody Entity change) {
        return registry.update(id, change);
    }

    @GetMapping("/api/v1/cohorts")
    List<Cohort> cohorts() {
        return registry.cohorts(scope());
    }

    @GetMapping("/api/v1/cohorts/{code}")
    Cohort cohort(@PathVariable String code) {
        return registry.cohort(code, scope()).orElseThrow(() -> new NotFoundException("no cohort " + code));
    }

    @PostMapping("/api/v1/cohorts")
    ResponseEntity<Cohort> createCohort(@RequestBody Cohort cohort) {
        Cohort created = registry.createCohort(cohort);
        return ResponseEntity.created(URI.create("/api/v1/cohorts/" + created.code())).body(created);
    }

    /** Adds a member; adding it again changes nothing. */
    @PutMapping("/api/v1/cohorts/{code}/members/{entityId}")
    Cohort addMember(@PathVariable String code, @PathVariable String entityId) {
        return registry.addMember(code, entityId);
    }

    @DeleteMapping("/api/v1/cohorts/{code}/members/{entityId}")
    ResponseEntity<Void> removeMember(@PathVariable String code, @PathVariable String entityId) {
        registry.removeMember(code, entityId);
        return ResponseEntity.noContent().build();
    }

    private static TenantScope scope() {
        return TenantScope.readerOf(Caller.current());
    }

    private static List<FieldError> paging(int page, int size) {
        List<FieldError> problems = new ArrayList<>();
        if (page < 0) {
            problems.add(new FieldError("page", page + " is negative; pages count from 0"));
        }
        if (size < 1 || size > EntityRegistry.MAX_PAGE_SIZE) {
            problems.add(new FieldError("size", size + " is not between 1 and " + EntityRegistry.MAX_PAGE_SIZE));
        }
        return problems;
    }

    private static ResponseEntity<List<Entity>> paged(EntityPage page, EntitySearch search, String path) {
        List<String> links = new ArrayList<>();
        links.add(link(path, search, 0, page.size(), "first"));
        if (page.page() > 0) {
            links.add(link(path, search, Math.min(page.page() - 1, page.lastPage()), page.size(), "prev"));
        }
        if (page.page() < page.lastPage()) {
            links.add(link(path, search, page.page() + 1, page.size(), "next"));
        }
        links.add(link(path, search, page.lastPage(), page.size(), "last"));
        return ResponseEntity.ok().header("X-Total-Count", String.valueOf(page.total()))
                .header("Link", String.join(", ", links)).body(page.items());
    }

    /** A relative reference (RFC 8288 resolves it against the request URI), so it holds behind the gateway. */
    private static String link(String path, EntitySearch search, int page, int size, String rel) {
        String uri = UriComponentsBuilder.fromPath(path)
                .queryParamIfPresent("kind", Optional.ofNullable(search.kind()))
                .queryParamIfPresent("cohort", Optional.ofNullable(search.cohort()))
                .queryParamIfPresent("q", Optional.ofNullable(search.q()))
                .queryParamIfPresent("parent", path.endsWith("/children") ? Optional.empty() : Optional.ofNullable(search.parent()))
                .queryParam("page", page).queryParam("size", size)
                .encode().build().toUriString();
        return "<" + uri + ">; rel=\"" + rel + "\"";
    }
}

package org.nqpf.roadmap.library;

import java.net.URI;
import java.util.List;
import org.nqpf.contracts.ActionSystem;
import org.nqpf.contracts.Dimension;
import org.nqpf.web.NotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The action library: its actions (of the newest published version by default) and its versions. */
@RestController
@RequestMapping("/api/v1/actions")
public class ActionController {

    private final ActionLibrary library;
    private final LibraryVersions versions;

    public ActionController(ActionLibrary library, LibraryVersions versions) {
        this.library = library;
        this.versions = versions;
    }

    /** Actions filtered by system, dimension and indicator moved; a filter left out matches everything. */
    @GetMapping
    public List<LibraryAction> list(@RequestParam(required = false) ActionSystem system,
            @RequestParam(required = false) Dimension dimension, @RequestParam(required = false) String indicator,
            @RequestParam(required = false) Integer version) {
        return of(version).actions().stream()
                .filter(a -> system == null || a.system() == system)
                .filter(a -> dimension == null || a.dimension() == dimension)
                .filter(a -> indicator == null || a.moves(indicator))
                .toList();
    }

    @GetMapping("/{code}")
    public LibraryAction one(@PathVariable String code, @RequestParam(required = false) Integer version) {
        LibraryVersion v = of(version);
        return action(v, code);
    }

    @GetMapping("/versions")
    public List<LibraryVersion.Summary> versions() {
        return library.summaries();
    }

    @PostMapping("/versions")
    public ResponseEntity<LibraryVersion> create(@RequestBody(required = false) LibraryVersions.NewVersion request) {
        LibraryVersion created = versions.create(request == null ? new LibraryVersions.NewVersion(null, null, null)
                : request);
        return ResponseEntity.created(location(created.version())).body(created);
    }

    @GetMapping("/versions/{version}")
    public LibraryVersion version(@PathVariable int version) {
        return library.version(version).orElseThrow(() -> LibraryProblem.noVersion(version));
    }

    @PutMapping("/versions/{version}")
    public LibraryVersion replace(@PathVariable int version, @RequestBody LibraryVersions.Content content) {
        return versions.replace(version, content);
    }

    @PostMapping("/versions/{version}/publish")
    public LibraryVersion publish(@PathVariable int version) {
        return versions.publish(version);
    }

    @GetMapping("/versions/{version}/actions/{code}")
    public LibraryAction versionAction(@PathVariable int version, @PathVariable String code) {
        return action(version(version), code);
    }

    /** Adds the action to a draft (201) or replaces the one of that code (200). */
    @PutMapping("/versions/{version}/actions/{code}")
    public ResponseEntity<LibraryAction> put(@PathVariable int version, @PathVariable String code,
            @RequestBody ActionDraft draft) {
        LibraryVersions.Written written = versions.put(version, code, draft);
        return written.created()
                ? ResponseEntity.created(URI.create(location(version) + "/actions/" + code)).body(written.action())
                : ResponseEntity.ok(written.action());
    }

    @DeleteMapping("/versions/{version}/actions/{code}")
    public ResponseEntity<Void> delete(@PathVariable int version, @PathVariable String code) {
        versions.delete(version, code);
        return ResponseEntity.noContent().build();
    }

    private LibraryVersion of(Integer version) {
        if (version != null) {
            return version(version);
        }
        return library.newestPublished()
                .orElseThrow(() -> new NotFoundException("no library version is published yet"));
    }

    private static LibraryAction action(LibraryVersion v, String code) {
        return v.actions().stream().filter(a -> a.code().equals(code)).findFirst()
                .orElseThrow(() -> LibraryProblem.noAction(code, v.version()));
    }

    private static URI location(int version) {
        return URI.create("/api/v1/actions/versions/" + version);
    }
}

package org.nqpf.indicator.catalog;

import java.net.URI;
import java.util.List;
import org.nqpf.web.NotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class CatalogController {

    private final Catalog catalog;
    private final FrameworkVersions versions;

    CatalogController(Catalog catalog, FrameworkVersions versions) {
        this.catalog = catalog;
        this.versions = versions;
    }

    @GetMapping("/api/v1/frameworks")
    List<FrameworkSummary> frameworks() {
        return catalog.summaries();
    }

    @PostMapping("/api/v1/frameworks")
    ResponseEntity<Framework> create(@RequestBody FrameworkDraft draft) {
        Framework created = versions.create(draft);
        return ResponseEntity.created(location(created)).body(created);
    }

    @GetMapping("/api/v1/frameworks/{code}")
    FrameworkSummary framework(@PathVariable String code) {
        return catalog.summary(code).orElseThrow(() -> new NotFoundException("no framework " + code));
    }

    @PostMapping("/api/v1/frameworks/{code}/versions")
    ResponseEntity<Framework> newVersion(@PathVariable String code, @RequestBody(required = false) NewVersion request) {
        Framework created = versions.newVersion(code,
                request == null ? new NewVersion(null, null, null, null, null) : request);
        return ResponseEntity.created(location(created)).body(created);
    }

    @GetMapping("/api/v1/frameworks/{code}/versions/{version}")
    Framework version(@PathVariable String code, @PathVariable int version) {
        return catalog.framework(code, version)
                .orElseThrow(() -> new NotFoundException("no framework " + code + " version " + version));
    }

    @PutMapping("/api/v1/frameworks/{code}/versions/{version}")
    Framework edit(@PathVariable String code, @PathVariable int version, @RequestBody FrameworkDraft draft) {
        return versions.edit(code, version, draft);
    }

    @PostMapping("/api/v1/frameworks/{code}/versions/{version}/publish")
    Framework publish(@PathVariable String code, @PathVariable int version) {
        return versions.publish(code, version);
    }

    @PostMapping("/api/v1/frameworks/{code}/versions/{version}/default")
    Framework makeDefault(@PathVariable String code, @PathVariable int version) {
        return versions.makeDefault(code, version);
    }

    /**
     * The indicators of a framework version: the default framework when none is named, the latest published version
     * (else the latest draft) when a framework is named without a version.
     */
    @GetMapping("/api/v1/indicators")
    List<Indicator> indicators(@RequestParam(required = false) String framework,
            @RequestParam(required = false) Integer version) {
        if (framework == null) {
            return catalog.defaultFramework().indicators();
        }
        int v = version != null ? version
                : catalog.summary(framework)
                        .map(s -> s.latestPublishedVersion() != null ? s.latestPublishedVersion() : s.latestVersion())
                        .orElseThrow(() -> new NotFoundException("no framework " + framework));
        return catalog.framework(framework, v)
                .orElseThrow(() -> new NotFoundException("no framework " + framework + " version " + v)).indicators();
    }

    @GetMapping("/api/v1/indicators/{code}")
    Indicator indicator(@PathVariable String code) {
        Indicator indicator = catalog.defaultIndicatorsByCode().get(code);
        if (indicator == null) {
            throw new NotFoundException("no indicator " + code + " in the default framework");
        }
        return indicator;
    }

    private static URI location(Framework f) {
        return URI.create("/api/v1/frameworks/" + f.code() + "/versions/" + f.version());
    }
}

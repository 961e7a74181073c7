package org.nqpf.indicator.catalog;

import java.util.List;
import org.nqpf.indicator.web.NotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class CatalogController {

    private final Catalog catalog;

    CatalogController(Catalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/api/v1/frameworks")
    List<Framework> frameworks() {
        return catalog.frameworks();
    }

    @GetMapping("/api/v1/frameworks/{code}/versions/{version}")
    Framework framework(@PathVariable String code, @PathVariable int version) {
        return catalog.framework(code, version)
                .orElseThrow(() -> new NotFoundException("framework " + code + " version " + version));
    }

    /** The indicators of a framework version, the default framework when none is named. */
    @GetMapping("/api/v1/indicators")
    List<Indicator> indicators(@RequestParam(required = false) String framework,
            @RequestParam(required = false) Integer version) {
        if (framework == null) {
            return catalog.defaultFramework().indicators();
        }
        Framework f = version == null
                ? catalog.frameworks().stream().filter(x -> x.code().equals(framework))
                        .reduce((a, b) -> b).orElseThrow(() -> new NotFoundException("framework " + framework))
                : catalog.framework(framework, version)
                        .orElseThrow(() -> new NotFoundException("framework " + framework + " version " + version));
        return f.indicators();
    }

    @GetMapping("/api/v1/indicators/{code}")
    Indicator indicator(@PathVariable String code) {
        Indicator indicator = catalog.defaultIndicatorsByCode().get(code);
        if (indicator == null) {
            throw new NotFoundException("indicator " + code + " in the default framework");
        }
        return indicator;
    }
}

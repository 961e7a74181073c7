package org.nqpf.roadmap.library;

import java.util.List;
import org.nqpf.web.NotFoundException;
import org.nqpf.contracts.ActionSystem;
import org.nqpf.contracts.Dimension;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The action library: four systems x actors x instruments. */
@RestController
@RequestMapping("/api/v1/actions")
public class ActionController {

    private final ActionLibrary library;

    public ActionController(ActionLibrary library) {
        this.library = library;
    }

    @GetMapping
    public List<LibraryAction> list(@RequestParam(required = false) ActionSystem system,
            @RequestParam(required = false) Dimension dimension) {
        return library.find(system, dimension);
    }

    @GetMapping("/{code}")
    public LibraryAction one(@PathVariable String code) {
        return library.byCode(code).orElseThrow(() -> new NotFoundException("no action with code '" + code
                + "' in the library; GET /api/v1/actions lists them"));
    }
}

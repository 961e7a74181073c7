package org.nqpf.assessment.profile;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The method profile of each framework: read it, its versions, and set a new version. */
@RestController
class ProfileController {

    private final MethodProfiles profiles;
    private final JsonMapper json;

    ProfileController(MethodProfiles profiles, JsonMapper json) {
        this.profiles = profiles;
        this.json = json;
    }

    record View(String frameworkCode, int version, JsonNode profile, String method, String createdAt) {
    }

    @GetMapping("/api/v1/profiles/{framework}")
    View current(@PathVariable String framework) {
        MethodProfiles.Configured configured = profiles.current(framework);
        return profiles.latest(framework).map(this::view).orElse(new View(framework, 0,
                json.readTree(MethodProfiles.DEFAULT_JSON), configured.describe(), null));
    }

    @GetMapping("/api/v1/profiles/{framework}/versions")
    List<View> versions(@PathVariable String framework) {
        return profiles.versions(framework).stream().map(this::view).toList();
    }

    /** A new version of the framework's profile; every assessment of the framework is recomputed with it. */
    @PutMapping(path = "/api/v1/profiles/{framework}", consumes = MediaType.APPLICATION_JSON_VALUE)
    View update(@PathVariable String framework, @RequestBody String body) {
        try {
            return view(profiles.save(framework, body));
        }
        catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        }
    }

    private View view(MethodProfiles.Version v) {
        return new View(v.frameworkCode(), v.version(), json.readTree(v.json()),
                MethodProfiles.configure(v.version(), v.json()).describe(),
                v.createdAt() == null ? null : v.createdAt().toString());
    }

}

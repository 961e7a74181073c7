package org.nqpf.roadmap.library;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seeds library version 1 from the data shipped with the service, {@value #RESOURCE}, through the same rules as the
 * API. Runs while the context starts, before the assessment listener does, so no roadmap is planned without a
 * library; a version 1 already there is left alone (it is published, hence immutable: a change to the shipped data
 * belongs in a new file and a new version).
 */
@Component
public class LibrarySeed implements InitializingBean {

    static final String RESOURCE = "library/nqpf-ai-v1.json";
    private static final Logger log = LoggerFactory.getLogger(LibrarySeed.class);

    /** The file's shape: which framework it covers, the unit its effects are in, and the actions. */
    record Shipped(String frameworkCode, String effectUnit, String effectUnitNote, List<ActionDraft> actions) {
    }

    private final LibraryVersions versions;
    private final JsonMapper json;

    LibrarySeed(LibraryVersions versions, JsonMapper json) {
        this.versions = versions;
        this.json = json;
    }

    static Shipped read(JsonMapper json) {
        try (InputStream in = new ClassPathResource(RESOURCE).getInputStream()) {
            Shipped shipped = json.readValue(in, Shipped.class);
            if (!LibraryVersion.EFFECT_UNIT.equals(shipped.effectUnit())) {
                throw new IllegalStateException(RESOURCE + " gives effects in " + shipped.effectUnit() + ", not "
                        + LibraryVersion.EFFECT_UNIT);
            }
            return shipped;
        }
        catch (IOException e) {
            throw new IllegalStateException(RESOURCE + " cannot be read", e);
        }
    }

    /**
     * The shipped library as a published version 1, checked against the framework's indicators as a seeded database
     * would check it: for planning without a database (the roadmap benchmark, the planner's tests).
     */
    public static LibraryVersion shipped(JsonMapper json, FrameworkIndicators.Known known) {
        Shipped shipped = read(json);
        List<org.nqpf.web.FieldError> errors = new java.util.ArrayList<>();
        List<LibraryAction> actions = LibraryRules.actions(shipped.actions(), known, errors);
        if (!errors.isEmpty()) {
            throw new IllegalStateException(RESOURCE + " does not fit " + known.frameworkCode() + ": " + errors);
        }
        java.time.Instant at = java.time.Instant.EPOCH;
        return new LibraryVersion(1, shipped.frameworkCode(), LibraryVersion.Status.PUBLISHED, null,
                LibraryVersion.EFFECT_UNIT, at, at, actions.stream()
                        .sorted(java.util.Comparator.comparing(LibraryAction::code)).toList());
    }

    @Override
    public void afterPropertiesSet() {
        Shipped shipped = read(json);
        if (versions.seed(shipped.frameworkCode(), shipped.actions())) {
            log.info("action library version 1 seeded from {}: {} actions", RESOURCE, shipped.actions().size());
        }
    }
}

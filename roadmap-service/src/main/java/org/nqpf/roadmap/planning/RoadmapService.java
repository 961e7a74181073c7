package org.nqpf.roadmap.planning;

import org.nqpf.roadmap.library.EntityKind;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.nqpf.contracts.AssessmentComputed;
import org.nqpf.contracts.EventTypes;
import org.nqpf.contracts.RoadmapGenerated;
import org.nqpf.contracts.Topics;
import org.nqpf.messaging.Events;
import org.nqpf.messaging.Outbox;
import org.nqpf.roadmap.library.ActionLibrary;
import org.nqpf.roadmap.library.FrameworkIndicators;
import org.nqpf.roadmap.library.LibraryVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Turns each assessment into a new roadmap version when, and only when, it changes the entity's current roadmap. */
@Service
public class RoadmapService {

    static final String CONSUMER = "roadmap-service";
    private static final Logger log = LoggerFactory.getLogger(RoadmapService.class);

    public enum Outcome {
        /** A new version was stored and announced. */
        GENERATED,
        /** The rebuilt roadmap equals the current one. */
        UNCHANGED,
        /** The assessment is for an older period than the current roadmap's: it must not replace it. */
        OLDER_PERIOD,
        /** No dimension left to improve (e.g. a cohort of one scoring 100 everywhere). */
        NOTHING_TO_PLAN,
        /** No library version is published yet. */
        NO_LIBRARY
    }

    private final RoadmapPlanner planner = new RoadmapPlanner();
    private final ActionLibrary library;
    private final FrameworkIndicators frameworks;
    private final RoadmapStore store;
    private final Outbox outbox;
    private final Events events;
    private final JsonMapper json;
    private final RoadmapProperties properties;
    private final MeterRegistry meters;

    public RoadmapService(ActionLibrary library, FrameworkIndicators frameworks, RoadmapStore store, Outbox outbox,
            Events events, JsonMapper json, RoadmapProperties properties, MeterRegistry meters) {
        this.library = library;
        this.frameworks = frameworks;
        this.store = store;
        this.outbox = outbox;
        this.events = events;
        this.json = json;
        this.properties = properties;
        this.meters = meters;
    }

    /**
     * Applies one assessment event, delivered once per event id by the listener's dispatcher: its inbox row, the
     * roadmap and its announcement commit together or not at all.
     */
    @Transactional
    public Outcome apply(String eventId, AssessmentComputed assessment) {
        Outcome outcome = decide(eventId, assessment);
        meters.counter("nqpf.roadmaps.assessments", "outcome", outcome.name()).increment();
        log.info("assessment {} of {} for {} (event {}): {}", assessment.assessmentId(), assessment.entityId(),
                assessment.period(), eventId, outcome);
        return outcome;
    }

    private Outcome decide(String eventId, AssessmentComputed assessment) {
        String entityId = assessment.entityId();
        // What a library version may name: every framework's indicators, as its assessments list them.
        frameworks.record(assessment);
        store.lock(entityId);
        Optional<Roadmap> current = store.current(entityId);
        if (current.isPresent() && assessment.period().compareTo(current.get().period()) < 0) {
            return Outcome.OLDER_PERIOD;
        }
        // The kind the assessment names; events from before it carried one fall back to the configured kind.
        EntityKind kind = assessment.entityKind() != null ? EntityKind.valueOf(assessment.entityKind())
                : properties.entityKind();
        // The newest published version for the assessment's framework; until assessments of a framework the library
        // does not cover are dead-lettered (issue 9, item 7), they are planned from the newest of any framework, as
        // before versions: the planner only reads the actions' dimensions.
        Optional<LibraryVersion> from = library.newestPublished(assessment.frameworkCode())
                .or(library::newestPublished);
        if (from.isEmpty()) {
            return Outcome.NO_LIBRARY;
        }
        List<PlannedAction> actions = planner.plan(assessment, from.get().actions(), kind);
        if (actions.isEmpty()) {
            return Outcome.NOTHING_TO_PLAN;
        }
        String digest = digest(assessment.period(), actions);
        if (current.isPresent() && current.get().contentDigest().equals(digest)) {
            return Outcome.UNCHANGED;
        }
        int version = current.map(r -> r.version() + 1).orElse(1);
        // Micros: what PostgreSQL keeps, so the API and the event show the same instant.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Roadmap roadmap = new Roadmap(UUID.randomUUID().toString(), entityId, assessment.cohort(),
                assessment.period(), version, assessment.assessmentId(), now, actions, digest, from.get().version());
        store.insert(roadmap);
        // The event id is the roadmap id: a re-sent outbox row is de-duplicated downstream.
        outbox.append(Topics.ROADMAPS, entityId,
                events.create(roadmap.roadmapId(), EventTypes.ROADMAP_GENERATED, entityId, announce(roadmap)));
        return Outcome.GENERATED;
    }

    static RoadmapGenerated announce(Roadmap r) {
        List<RoadmapGenerated.Action> actions = r.actions().stream()
                .map(a -> new RoadmapGenerated.Action(a.actionCode(), a.title(), a.system(), a.actor().name(),
                        a.instrument(), a.dimension(), a.phase().name(), a.priority(), a.rationale(), a.target(),
                        a.peer()))
                .toList();
        return new RoadmapGenerated(r.roadmapId(), r.entityId(), r.period(), r.version(), r.assessmentId(), actions,
                r.generatedAt());
    }

    /** What makes two roadmaps the same: the period and the actions, not which assessment or when. */
    private String digest(String period, List<PlannedAction> actions) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(period.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(json.writeValueAsBytes(actions));
            return HexFormat.of().formatHex(sha.digest());
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}

package org.nqpf.roadmap.roadmaps;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.nqpf.contracts.AssessmentComputed;
import org.nqpf.contracts.EventTypes;
import org.nqpf.contracts.RoadmapGenerated;
import org.nqpf.contracts.Topics;
import org.nqpf.messaging.Events;
import org.nqpf.messaging.Outbox;
import org.nqpf.messaging.RejectedEventException;
import org.nqpf.roadmap.library.ActionLibrary;
import org.nqpf.roadmap.library.EntityKind;
import org.nqpf.roadmap.library.FrameworkIndicators;
import org.nqpf.roadmap.library.LibraryAction;
import org.nqpf.roadmap.library.LibraryVersion;
import org.nqpf.roadmap.planning.Plan;
import org.nqpf.roadmap.planning.Planner;
import org.nqpf.roadmap.planning.PlanningInput;
import org.nqpf.roadmap.planning.Unplannable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The closed loop: each assessment is kept in the projection and marks its cohort-period due; a due cohort-period is
 * planned for every member against the others, and a member gets a new roadmap version only when its plan changed.
 */
@Service
public class RoadmapService {

    static final String CONSUMER = "roadmap-service";
    private static final Logger log = LoggerFactory.getLogger(RoadmapService.class);

    public enum Outcome {
        /** A new version was stored and announced. */
        GENERATED,
        /** The plan equals the current version's. */
        UNCHANGED,
        /** The entity's roadmap in this cohort and framework is of a newer period: an older one must not replace it. */
        OLDER_PERIOD,
        /** The planner refused the member; the others are planned still. */
        UNPLANNABLE
    }

    private final Planner planner = new Planner();
    private final ActionLibrary library;
    private final FrameworkIndicators frameworks;
    private final AssessmentProjection assessments;
    private final PlanningMarks marks;
    private final RoadmapStore store;
    private final MethodProfiles profiles;
    private final Outbox outbox;
    private final Events events;
    private final RoadmapProperties properties;
    private final MeterRegistry meters;
    private final TransactionTemplate apart;

    public RoadmapService(ActionLibrary library, FrameworkIndicators frameworks, AssessmentProjection assessments,
            PlanningMarks marks, RoadmapStore store, MethodProfiles profiles, Outbox outbox, Events events,
            RoadmapProperties properties, MeterRegistry meters, PlatformTransactionManager transactions) {
        this.library = library;
        this.frameworks = frameworks;
        this.assessments = assessments;
        this.marks = marks;
        this.store = store;
        this.profiles = profiles;
        this.outbox = outbox;
        this.events = events;
        this.properties = properties;
        this.meters = meters;
        this.apart = new TransactionTemplate(transactions);
        this.apart.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Takes one assessment event, in the listener's inbox transaction: refuses at once what no retry could plan,
     * keeps the rest in the projection and marks its cohort-period due.
     *
     * @throws RejectedEventException when the framework has no published library version or no action of it applies
     *                                to the entity's kind
     */
    @Transactional
    public void accept(String eventId, AssessmentComputed received) {
        // What a library version may name: every framework's indicators as its assessments list them. Learnt apart
        // from the inbox transaction so that an event dead-lettered for want of a library still teaches them, and a
        // library for its framework can then be written.
        apart.executeWithoutResult(status -> frameworks.record(received));
        AssessmentComputed a = withKind(received);
        EntityKind kind = EntityKind.valueOf(a.entityKind());
        LibraryVersion from = library.newestPublished(a.frameworkCode()).orElseThrow(() -> rejected(eventId,
                "no published action library version covers framework '" + a.frameworkCode() + "'"));
        if (from.actions().stream().noneMatch(x -> x.appliesTo(kind))) {
            throw rejected(eventId, "no action of library version " + from.version() + " (" + a.frameworkCode()
                    + ") applies to entity kind " + kind);
        }
        boolean stored = assessments.store(a);
        if (stored) {
            marks.mark(new PlanningMarks.Key(a.cohort(), a.frameworkCode(), a.period()), properties.quietPeriod(),
                    properties.longestWait());
            // The roadmap of a newer period reads this one as its history (which indicators deteriorated since):
            // it is planned again too, or it would keep resting on the figures this assessment replaced, and a
            // rebuild from the topics, which plans after reading them all, would not give the live roadmap.
            assessments.newestPeriod(a.entityId(), a.cohort(), a.frameworkCode())
                    .filter(newest -> newest.compareTo(a.period()) > 0)
                    .ifPresent(newest -> marks.mark(new PlanningMarks.Key(a.cohort(), a.frameworkCode(), newest),
                            properties.quietPeriod(), properties.longestWait()));
        }
        log.info("assessment {} of {} in {}/{}/{} (event {}): {}", a.assessmentId(), a.entityId(), a.cohort(),
                a.frameworkCode(), a.period(), eventId, stored ? "stored, planning due" : "older than the stored one");
    }

    private static RejectedEventException rejected(String eventId, String reason) {
        return new RejectedEventException("event " + eventId + " cannot be planned: " + reason);
    }

    /** The kind the assessment names; events from before it carried one get the configured kind. */
    private AssessmentComputed withKind(AssessmentComputed a) {
        if (a.entityKind() != null) {
            if (Arrays.stream(EntityKind.values()).noneMatch(k -> k.name().equals(a.entityKind()))) {
                throw new RejectedEventException("entityKind is '" + a.entityKind() + "', expected one of "
                        + Arrays.toString(EntityKind.values()));
            }
            return a;
        }
        return new AssessmentComputed(a.assessmentId(), a.entityId(), a.cohort(), a.period(), a.frameworkCode(),
                a.frameworkVersion(), a.method(), a.inputDigest(), a.overallScore(), a.rank(), a.cohortSize(),
                a.dimensions(), a.subsystems(), a.coupling(), a.indicators(), a.computedAt(),
                properties.entityKind().name(), a.aggregates());
    }

    /**
     * Plans every member of a due cohort-period in one transaction with the versions it stores and their
     * announcements; skipped when another worker holds the key. The mark is deleted unless it was marked again.
     *
     * @return the outcome per entity; empty when the key was held elsewhere or is planned already
     */
    @Transactional
    public Map<String, Outcome> plan(PlanningMarks.Due due) {
        PlanningMarks.Key key = due.key();
        if (!marks.tryLock(key)) {
            return Map.of();
        }
        // The mark's generation now that this worker holds the key, not as the due list read it: since then another
        // worker may have planned the key and an assessment marked it anew, its generation starting again at 1.
        // Read before the members, it lets this plan delete only a mark whose assessments it reads.
        OptionalLong generation = marks.generation(key);
        if (generation.isEmpty()) {
            return Map.of();
        }
        // One list for every member: the planner builds the cohort's matrices and frontier once for it.
        List<AssessmentComputed> members = List.copyOf(assessments.members(key.cohort(), key.frameworkCode(),
                key.period()));
        Optional<LibraryVersion> from = library.newestPublished(key.frameworkCode());
        Map<String, Outcome> outcomes = new java.util.LinkedHashMap<>();
        if (from.isEmpty()) {
            // The listener refuses such events; a library can only be missing here if it was never published.
            log.warn("{}: no published library version; {} members not planned", key, members.size());
            members.forEach(m -> outcomes.put(m.entityId(), count(Outcome.UNPLANNABLE)));
        }
        else {
            var profile = profiles.of(key.frameworkCode());
            for (AssessmentComputed member : members) {
                outcomes.put(member.entityId(), count(planOne(member, members, from.get(), profile)));
            }
        }
        marks.done(key, generation.getAsLong());
        log.info("{} planned: {}", key, outcomes.values().stream()
                .collect(Collectors.groupingBy(Function.identity(), java.util.TreeMap::new, Collectors.counting())));
        return outcomes;
    }

    private Outcome count(Outcome outcome) {
        meters.counter("nqpf.roadmaps.plans", "outcome", outcome.name()).increment();
        return outcome;
    }

    private Outcome planOne(AssessmentComputed a, List<AssessmentComputed> members, LibraryVersion from,
            org.nqpf.roadmap.planning.PlanningProfile profile) {
        RoadmapKey key = new RoadmapKey(a.entityId(), a.cohort(), a.frameworkCode());
        Optional<StoredRoadmap> current = store.current(key);
        if (current.isPresent() && a.period().compareTo(current.get().period()) < 0) {
            return Outcome.OLDER_PERIOD;
        }
        // Read before planning: only the planner's failures are caught, never the database's (they end the
        // transaction, and the mark stays for the next look).
        PlanningInput input = input(a, members, from, profile, key);
        Plan plan;
        try {
            plan = planner.plan(input);
        }
        catch (Unplannable e) {
            log.warn("{} in {}/{}/{} cannot be planned: {}", a.entityId(), a.cohort(), a.frameworkCode(),
                    a.period(), e.getMessage());
            return Outcome.UNPLANNABLE;
        }
        catch (RuntimeException e) {
            // One member the planner fails on must not keep its cohort's other members waiting.
            log.error("{} in {}/{}/{} not planned", a.entityId(), a.cohort(), a.frameworkCode(), a.period(), e);
            return Outcome.UNPLANNABLE;
        }
        String digest = Planner.digest(plan);
        if (current.isPresent() && digest.equals(current.get().contentDigest())) {
            return Outcome.UNCHANGED;
        }
        // Micros: what PostgreSQL keeps, so the API and the event show the same instant.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        StoredRoadmap roadmap = new StoredRoadmap(UUID.randomUUID().toString(), a.entityId(), a.cohort(),
                a.frameworkCode(), a.period(), current.map(r -> r.version() + 1).orElse(1), a.assessmentId(), now,
                digest, from.version(), plan, null);
        store.insert(roadmap);
        // The event id is the roadmap id: a re-sent outbox row is de-duplicated downstream.
        outbox.append(Topics.ROADMAPS, a.entityId(), events.create(roadmap.roadmapId(), EventTypes.ROADMAP_GENERATED,
                a.entityId(), announce(roadmap, from)));
        return Outcome.GENERATED;
    }

    private PlanningInput input(AssessmentComputed a, List<AssessmentComputed> members, LibraryVersion from,
            org.nqpf.roadmap.planning.PlanningProfile profile, RoadmapKey key) {
        return new PlanningInput(a, members,
                assessments.history(a.entityId(), a.cohort(), a.frameworkCode(), a.period()), from, profile,
                store.baseline(key, a.period()).orElse(null));
    }

    /**
     * What the stored roadmap's plan would achieve with another set of actions: planned from the same assessment,
     * cohort and library version as the roadmap.
     *
     * @throws IllegalArgumentException naming an action code the library version does not hold
     */
    @Transactional(readOnly = true)
    public Plan.Projections whatIf(StoredRoadmap roadmap, List<String> actionCodes) {
        AssessmentComputed a = assessments.of(roadmap.entityId(), roadmap.cohort(), roadmap.frameworkCode(),
                roadmap.period()).orElseThrow(() -> new IllegalStateException("the assessment of " + roadmap.key()
                        + " for " + roadmap.period() + " is gone"));
        LibraryVersion from = roadmap.libraryVersion() == null ? library.newestPublished(roadmap.frameworkCode())
                .orElseThrow() : library.version(roadmap.libraryVersion()).orElseThrow();
        List<AssessmentComputed> members = List.copyOf(assessments.members(roadmap.cohort(), roadmap.frameworkCode(),
                roadmap.period()));
        return planner.whatIf(input(a, members, from, profiles.of(roadmap.frameworkCode()), roadmap.key()),
                actionCodes);
    }

    static RoadmapGenerated announce(StoredRoadmap r, LibraryVersion from) {
        Map<String, LibraryAction> byCode = from.actions().stream()
                .collect(Collectors.toMap(LibraryAction::code, Function.identity()));
        List<RoadmapGenerated.Action> actions = new ArrayList<>();
        for (Plan.Action a : r.plan().actions()) {
            LibraryAction definition = byCode.get(a.code());
            Plan.Move first = a.moves() == null || a.moves().isEmpty() ? null : a.moves().get(0);
            actions.add(new RoadmapGenerated.Action(a.code(), a.titleEn(), a.system(), a.leadActor().name(),
                    a.instrument(), definition == null ? null : definition.dimension(), a.phase().name(),
                    a.priority(), a.rationaleEn(), first == null ? null : first.target(),
                    first == null ? null : first.peer()));
        }
        return new RoadmapGenerated(r.roadmapId(), r.entityId(), r.period(), r.version(), r.assessmentId(), actions,
                r.generatedAt(), r.cohort(), r.frameworkCode(), r.libraryVersion());
    }
}

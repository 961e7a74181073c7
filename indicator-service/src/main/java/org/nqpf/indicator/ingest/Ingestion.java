package org.nqpf.indicator.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.nqpf.contracts.EventTypes;
import org.nqpf.contracts.ObservationRecorded;
import org.nqpf.contracts.Topics;
import org.nqpf.indicator.catalog.Catalog;
import org.nqpf.indicator.catalog.Indicator;
import org.nqpf.indicator.entity.Entity;
import org.nqpf.indicator.entity.EntityRegistry;
import org.nqpf.indicator.ingest.ObservationStore.Change;
import org.nqpf.indicator.ingest.ObservationStore.Outcome;
import org.nqpf.messaging.Events;
import org.nqpf.messaging.Outbox;
import org.nqpf.messaging.ProcessedEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one path every channel feeds: validate each row, store the good ones with their provenance and revision
 * history, and publish each stored change as a canonical event through the outbox, in the same transaction. A bad
 * row never stops the good rows beside it.
 */
@Service
public class Ingestion {

    private static final Logger log = LoggerFactory.getLogger(Ingestion.class);

    private final Catalog catalog;
    private final EntityRegistry registry;
    private final ObservationStore store;
    private final Outbox outbox;
    private final ProcessedEvents inbox;
    private final Events events;
    private final Counter acceptedRows;
    private final Counter rejectedRows;
    private final java.time.Duration maxClockSkew;

    public Ingestion(Catalog catalog, EntityRegistry registry, ObservationStore store, Outbox outbox,
            ProcessedEvents inbox, Events events, MeterRegistry meters, IngestProperties properties) {
        this.maxClockSkew = properties.maxClockSkew();
        this.catalog = catalog;
        this.registry = registry;
        this.store = store;
        this.outbox = outbox;
        this.inbox = inbox;
        this.events = events;
        this.acceptedRows = meters.counter("nqpf.ingest.rows", "outcome", "accepted");
        this.rejectedRows = meters.counter("nqpf.ingest.rows", "outcome", "rejected");
    }

    /** What validation makes of a batch, before anything is stored. */
    public record Checked(List<Change> changes, List<Rejection> rejected, Map<String, Indicator> indicators,
            Map<String, Entity> entities) {
    }

    /** Validates every row against the default framework and the registry; stores nothing. */
    public Checked check(List<ObservationRow> rows) {
        return check(rows, Submitter.UNBOUND);
    }

    /**
     * Validates every row as the submitter's: a row for an entity it may not submit for is rejected as one for an
     * unknown entity, and a source-bound submitter's rows are recorded under its source (a row naming another is
     * rejected). Stores nothing.
     */
    public Checked check(List<ObservationRow> rows, Submitter submitter) {
        Map<String, Indicator> indicators = catalog.defaultIndicatorsByCode();
        // Text the database cannot hold is refused before the registry is asked about it
        List<ObservationRow> screened = rows.stream().map(ObservationValidator::screened).toList();
        Map<String, Entity> entities = registry.findAll(screened.stream().filter(r -> r.problem() == null)
                .map(ObservationRow::entity).filter(Objects::nonNull).collect(Collectors.toSet()),
                submitter.entities());
        Instant latest = Instant.now().plus(maxClockSkew);
        List<Change> changes = new ArrayList<>(rows.size());
        List<Rejection> rejected = new ArrayList<>();
        for (ObservationRow received : screened) {
            ObservationRow row = received;
            Optional<Rejection> rejection = Optional.empty();
            if (submitter.sourceBound() && row.problem() == null) {
                if (row.source() == null || row.source().isBlank()) {
                    row = row.withSource(submitter.source());
                }
                else if (!row.source().trim().equals(submitter.source())) {
                    rejection = Optional.of(new Rejection(row.row(), "source", "a feed submits under its own source '"
                            + submitter.source() + "', not '" + row.source().trim() + "'"));
                }
            }
            if (rejection.isEmpty()) {
                rejection = ObservationValidator.validate(row, indicators, entities, latest, maxClockSkew);
            }
            if (rejection.isPresent()) {
                rejected.add(rejection.get());
            }
            else {
                changes.add(new Change(row.row(), row.entity(), row.indicator(), row.period(),
                        row.isDelete() ? null : row.value(), row.isDelete(), row.source().trim(), row.sourceTime(),
                        row.eventId()));
            }
        }
        return new Checked(changes, rejected, indicators, entities);
    }

    /**
     * The feed events among {@code eventIds} not yet applied. An event that changed nothing is known by the inbox;
     * one that stored a revision, by the history's own index, which is looked up only when {@code lookUpHistory}:
     * otherwise that index refuses a second copy when it is written (a {@code DuplicateKeyException}), and the
     * caller asks again with the lookup.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Set<String> unapplied(Collection<String> eventIds, boolean lookUpHistory) {
        Set<String> fresh = new LinkedHashSet<>(eventIds);
        if (!fresh.isEmpty()) {
            if (lookUpHistory) {
                fresh.removeAll(store.recordedEvents(fresh));
            }
            fresh.removeAll(inbox.seen(RawFeedListener.CONSUMER, fresh));
        }
        return fresh;
    }

    @Transactional
    public IngestResult ingest(List<ObservationRow> rows, Channel channel) {
        return ingest(rows, channel, Submitter.UNBOUND);
    }

    @Transactional
    public IngestResult ingest(List<ObservationRow> rows, Channel channel, Submitter submitter) {
        return store(check(rows, submitter), rows.size(), channel);
    }

    /** Stores the valid changes of a checked batch and publishes what changed. */
    @Transactional
    public IngestResult store(Checked checked, int received, Channel channel) {
        List<Outcome> outcomes = store.apply(checked.changes(), channel.name(), Instant.now());
        List<Outbox.Entry> published = new ArrayList<>();
        int superseded = 0;
        int unchanged = 0;
        List<String> changedNothing = new ArrayList<>();
        for (Outcome o : outcomes) {
            switch (o.kind()) {
                case SUPERSEDED -> superseded++;
                case UNCHANGED -> {
                    unchanged++;
                    if (o.change().eventId() != null) {
                        changedNothing.add(o.change().eventId());
                    }
                }
                default -> published.add(recorded(o.stored(), checked.indicators().get(o.change().indicator()),
                        checked.entities().get(o.change().entity())));
            }
        }
        outbox.appendAll(published);
        // A feed event that changed nothing leaves no revision behind: the inbox remembers it, so a re-send after
        // the value has moved on still changes nothing.
        inbox.record(RawFeedListener.CONSUMER, changedNothing);
        acceptedRows.increment(published.size());
        rejectedRows.increment(checked.rejected().size());
        // One line per batch (not per row): with its trace id, the first step of an observation's way to a roadmap.
        log.info("observations stored ({}): {} received, {} accepted and published, {} unchanged, {} superseded, "
                + "{} rejected", channel, received, published.size(), unchanged, superseded, checked.rejected().size());
        return new IngestResult(received, published.size(), superseded, unchanged, checked.rejected());
    }

    private Outbox.Entry recorded(StoredObservation o, Indicator indicator, Entity entity) {
        ObservationRecorded payload = new ObservationRecorded(o.id().toString(), entity.id(), entity.kind(),
                entity.cohorts(), indicator.frameworkCode(), indicator.frameworkVersion(), indicator.code(),
                indicator.dimension(), indicator.subsystem(), indicator.mechanism(), indicator.direction(),
                indicator.unit(), o.period(), o.value(), o.deleted(), o.revision(), o.source(), o.channel(),
                o.receivedAt(), indicator.path());
        // The id names the revision, so a re-send of the same revision is recognised downstream.
        String eventId = o.id() + "/" + o.revision();
        return new Outbox.Entry(Topics.OBSERVATIONS, entity.id(),
                events.create(eventId, EventTypes.OBSERVATION_RECORDED, entity.id(), payload));
    }
}

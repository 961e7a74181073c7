package org.nqpf.indicator.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.nqpf.contracts.EventTypes;
import org.nqpf.contracts.ObservationRecorded;
import org.nqpf.contracts.Topics;
import org.nqpf.indicator.catalog.Catalog;
import org.nqpf.indicator.catalog.Indicator;
import org.nqpf.indicator.entity.Entity;
import org.nqpf.indicator.entity.EntityRegistry;
import org.nqpf.messaging.Events;
import org.nqpf.messaging.Outbox;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one path every channel feeds: validate each row, store the good ones with their provenance, and publish each
 * stored revision as a canonical event through the outbox, in the same transaction. A bad row never stops the good
 * rows beside it.
 */
@Service
public class Ingestion {

    private final Catalog catalog;
    private final EntityRegistry registry;
    private final ObservationStore store;
    private final Outbox outbox;
    private final Events events;
    private final Counter acceptedRows;
    private final Counter rejectedRows;

    public Ingestion(Catalog catalog, EntityRegistry registry, ObservationStore store, Outbox outbox, Events events,
            MeterRegistry meters) {
        this.catalog = catalog;
        this.registry = registry;
        this.store = store;
        this.outbox = outbox;
        this.events = events;
        this.acceptedRows = meters.counter("nqpf.ingest.rows", "outcome", "accepted");
        this.rejectedRows = meters.counter("nqpf.ingest.rows", "outcome", "rejected");
    }

    @Transactional
    public IngestResult ingest(List<ObservationRow> rows, Channel channel) {
        Map<String, Indicator> indicators = catalog.defaultIndicatorsByCode();
        Map<String, Entity> entities = registry.findAll(rows.stream().map(ObservationRow::entity)
                .filter(e -> e != null).collect(Collectors.toSet()));
        Instant receivedAt = Instant.now();
        List<Rejection> rejected = new ArrayList<>();
        List<Outbox.Entry> published = new ArrayList<>();
        int unchanged = 0;
        for (ObservationRow row : rows) {
            Optional<Rejection> rejection = ObservationValidator.validate(row, indicators, entities);
            if (rejection.isPresent()) {
                rejected.add(rejection.get());
                continue;
            }
            Optional<StoredObservation> stored = store.record(row.entity(), row.indicator(), row.period(),
                    row.value(), row.source().trim(), channel, receivedAt);
            if (stored.isEmpty()) {
                unchanged++;
                continue;
            }
            published.add(recorded(stored.get(), indicators.get(row.indicator()), entities.get(row.entity())));
        }
        outbox.appendAll(published);
        acceptedRows.increment(published.size());
        rejectedRows.increment(rejected.size());
        return new IngestResult(rows.size(), published.size(), unchanged, rejected);
    }

    private Outbox.Entry recorded(StoredObservation o, Indicator indicator, Entity entity) {
        ObservationRecorded payload = new ObservationRecorded(o.id().toString(), entity.id(), entity.kind(),
                entity.cohorts(), indicator.frameworkCode(), indicator.frameworkVersion(), indicator.code(),
                indicator.dimension(), indicator.subsystem(), indicator.mechanism(), indicator.direction(),
                indicator.unit(), o.period(), o.value(), o.deleted(), o.revision(), o.source(), o.channel(),
                o.receivedAt());
        // The id names the revision, so a re-send of the same revision is recognised downstream.
        String eventId = o.id() + "/" + o.revision();
        return new Outbox.Entry(Topics.OBSERVATIONS, entity.id(),
                events.create(eventId, EventTypes.OBSERVATION_RECORDED, entity.id(), payload));
    }
}

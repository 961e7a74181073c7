package org.nqpf.messaging;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

/**
 * The one opening of every Kafka listener: reads the CloudEvent from the record (either Kafka mode), dispatches by
 * its {@code ce_type} to the handler registered for that type, and applies each event id once per consumer. A record
 * that is no CloudEvent, is too large, has a type nobody registered, or data that is not its type's payload is
 * rejected with {@link RejectedEventException}: dead-lettered with the reason, no retries.
 *
 * <p>Build one per listener with {@link InboundEvents#consumer}; a record listener calls {@link #dispatch}, a batch
 * listener {@link #dispatchBatch}; one that stores a batch in one statement calls {@link #read} per record and keeps
 * its own inbox check.
 */
public final class EventDispatcher {

    /** What a consumer does with one event of a type, inside the transaction that records it as processed. */
    @FunctionalInterface
    public interface Handler<T> {
        void handle(CloudEvent event, T payload);
    }

    /** A record read and typed: the event and its payload. */
    public record Inbound<T>(CloudEvent event, T payload) {

        public String id() {
            return event.getId();
        }
    }

    /**
     * How a route types an event's data: the contract's class by the shared mapper, or a reader of the consumer's
     * own (e.g. a strict one that checks and types in one parse).
     */
    private record Route<T>(Class<T> payloadType, Handler<T> handler, Function<CloudEvent, T> reader) {
    }

    private final String consumer;
    private final Map<String, Route<?>> routes;
    private final long maxEventBytes;
    private final Events events;
    private final ProcessedEvents inbox;
    private final TransactionTemplate tx;
    private final Counter redeliveries;

    private EventDispatcher(Builder builder) {
        this.consumer = builder.consumer;
        this.routes = Map.copyOf(builder.routes);
        this.maxEventBytes = builder.maxEventSize == null ? Long.MAX_VALUE : builder.maxEventSize.toBytes();
        this.events = builder.events;
        this.inbox = builder.inbox;
        this.tx = builder.tx;
        this.redeliveries = Counter.builder("nqpf.inbox.redeliveries").tag("consumer", consumer)
                .description("events received again and skipped: their id was processed before")
                .register(builder.meters);
    }

    /** The inbox's name for this consumer: one row per event id it applied. */
    public String consumer() {
        return consumer;
    }

    /** Reads, checks and types one record; changes nothing. */
    public Inbound<?> read(ConsumerRecord<String, byte[]> record) {
        if (record.value() != null && record.value().length > maxEventBytes) {
            throw new RejectedEventException("oversize payload: " + record.value().length + " bytes, a "
                    + record.topic() + " event carries at most " + maxEventBytes);
        }
        CloudEvent event = Events.read(record);
        Route<?> route = routes.get(event.getType());
        if (route == null) {
            throw new RejectedEventException("event " + event.getId() + " on " + record.topic() + " has type '"
                    + event.getType() + "', expected " + String.join(" or ", routes.keySet()));
        }
        return typed(event, route);
    }

    /** {@link #read} for a consumer that takes one payload type. */
    public <T> Inbound<T> read(ConsumerRecord<String, byte[]> record, Class<T> payloadType) {
        Inbound<?> inbound = read(record);
        return new Inbound<>(inbound.event(), payloadType.cast(inbound.payload()));
    }

    private <T> Inbound<T> typed(CloudEvent event, Route<T> route) {
        return new Inbound<>(event, route.reader() != null ? route.reader().apply(event)
                : events.payload(event, route.payloadType()));
    }

    /**
     * Reads the record and hands it to its type's handler, in one transaction with the inbox row: a redelivered
     * event id changes nothing, and a handler that fails leaves no inbox row behind.
     */
    public void dispatch(ConsumerRecord<String, byte[]> record) {
        Inbound<?> inbound = read(record);
        tx.executeWithoutResult(status -> {
            if (inbox.firstDelivery(consumer, inbound.id())) {
                handle(inbound);
            }
            else {
                redeliveries.increment();
            }
        });
    }

    /** What a batch consumer does with the first deliveries of a batch, in order, inside one transaction. */
    @FunctionalInterface
    public interface BatchHandler<T> {
        void handle(List<Inbound<T>> events);
    }

    /**
     * Reads the records and hands the ones delivered for the first time to {@code handler}, in one transaction with
     * their inbox rows: one commit for the batch instead of one per record. A record that cannot be read is named to
     * the error handler (a {@link BatchListenerFailedException} with its index) after the records before it are
     * applied, so it alone is dead-lettered and the ones after it are delivered again. When the batch's transaction
     * fails for another reason than an outage, the records are applied one at a time to find the one at fault, and
     * the same happens from there; an outage fails the batch as it is, to be waited out and delivered again.
     */
    public <T> void dispatchBatch(List<ConsumerRecord<String, byte[]>> records, Class<T> payloadType,
            BatchHandler<T> handler) {
        List<Inbound<T>> read = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            try {
                read.add(read(records.get(i), payloadType));
            }
            catch (RejectedEventException e) {
                applyBatch(read, handler);
                throw new BatchListenerFailedException(e.getMessage(), e, i);
            }
        }
        applyBatch(read, handler);
    }

    private <T> void applyBatch(List<Inbound<T>> batch, BatchHandler<T> handler) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            applyInTransaction(batch, handler);
        }
        catch (RuntimeException e) {
            if (Outages.isOutage(e)) {
                throw e;
            }
            for (int i = 0; i < batch.size(); i++) {
                try {
                    applyInTransaction(List.of(batch.get(i)), handler);
                }
                catch (RuntimeException one) {
                    if (Outages.isOutage(one)) {
                        throw one;
                    }
                    throw new BatchListenerFailedException(String.valueOf(one.getMessage()), one, i);
                }
            }
        }
    }

    private <T> void applyInTransaction(List<Inbound<T>> batch, BatchHandler<T> handler) {
        tx.executeWithoutResult(status -> {
            Set<String> fresh = inbox.firstDeliveries(consumer, batch.stream().map(Inbound::id).toList());
            List<Inbound<T>> first = new ArrayList<>(fresh.size());
            for (Inbound<T> inbound : batch) {
                if (fresh.remove(inbound.id())) { // an id twice in one batch counts once
                    first.add(inbound);
                }
                else {
                    redeliveries.increment();
                }
            }
            if (!first.isEmpty()) {
                handler.handle(first);
            }
        });
    }

    @SuppressWarnings("unchecked")
    private <T> void handle(Inbound<T> inbound) {
        Route<T> route = (Route<T>) routes.get(inbound.event().getType());
        if (route.handler() == null) {
            throw new IllegalStateException(consumer + " reads " + inbound.event().getType()
                    + " in batches: it has no handler to dispatch to");
        }
        route.handler().handle(inbound.event(), inbound.payload());
    }

    /** Registers the types a consumer takes; any other type is rejected. */
    public static final class Builder {

        private final String consumer;
        private final Events events;
        private final ProcessedEvents inbox;
        private final TransactionTemplate tx;
        private final MeterRegistry meters;
        private final Map<String, Route<?>> routes = new LinkedHashMap<>();
        private DataSize maxEventSize;

        Builder(String consumer, Events events, ProcessedEvents inbox, TransactionTemplate tx, MeterRegistry meters) {
            this.consumer = consumer;
            this.events = events;
            this.inbox = inbox;
            this.tx = tx;
            this.meters = meters;
        }

        /** Events of {@code type} carry a {@code payloadType} and go to {@code handler}. */
        public <T> Builder on(String type, Class<T> payloadType, Handler<T> handler) {
            return route(type, new Route<>(payloadType, handler, null));
        }

        private Builder route(String type, Route<?> route) {
            if (routes.putIfAbsent(type, route) != null) {
                throw new IllegalArgumentException(consumer + " registers " + type + " twice");
            }
            return this;
        }

        /** Events of {@code type} carry a {@code payloadType}, taken by a batch listener through {@link #read}. */
        public <T> Builder accept(String type, Class<T> payloadType) {
            return on(type, payloadType, null);
        }

        /**
         * {@link #accept}, the data typed by {@code reader}, which throws {@link RejectedEventException} for data that
         * does not fit: one parse where a check of the raw JSON and then the mapper would each read it.
         */
        public <T> Builder accept(String type, Class<T> payloadType, Function<CloudEvent, T> reader) {
            return route(type, new Route<>(payloadType, null, Objects.requireNonNull(reader)));
        }

        /** Records larger than this are rejected before they are parsed. */
        public Builder maxEventSize(DataSize size) {
            this.maxEventSize = size;
            return this;
        }

        public EventDispatcher build() {
            if (routes.isEmpty()) {
                throw new IllegalStateException(consumer + " registers no event type");
            }
            return new EventDispatcher(this);
        }
    }
}

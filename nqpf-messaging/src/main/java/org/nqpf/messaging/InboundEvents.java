package org.nqpf.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.transaction.support.TransactionTemplate;

/** Where each listener gets its {@link EventDispatcher}: {@code inbound.consumer("roadmap-service").on(...).build()}. */
public class InboundEvents {

    private final Events events;
    private final ProcessedEvents inbox;
    private final TransactionTemplate tx;
    private final MeterRegistry meters;

    public InboundEvents(Events events, ProcessedEvents inbox, TransactionTemplate tx, MeterRegistry meters) {
        this.events = events;
        this.inbox = inbox;
        this.tx = tx;
        this.meters = meters;
    }

    /** A dispatcher for {@code consumer}, the name its processed event ids are kept under in the inbox. */
    public EventDispatcher.Builder consumer(String consumer) {
        return new EventDispatcher.Builder(consumer, events, inbox, tx, meters);
    }
}

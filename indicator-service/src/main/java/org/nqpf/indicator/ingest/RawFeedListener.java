package org.nqpf.indicator.ingest;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.nqpf.contracts.EventTypes;
import org.nqpf.contracts.ObservationSubmitted;
import org.nqpf.contracts.Topics;
import org.nqpf.messaging.EventDispatcher;
import org.nqpf.messaging.InboundEvents;
import org.nqpf.messaging.RejectedEventException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Kafka edge of ingestion: government data feeds, each on its own raw topic ({@link Topics#rawFeed(String)}), all
 * read by one pattern subscription; a new feed's topic is picked up at the consumer's next metadata refresh
 * ({@code metadata.max.age.ms} in application.yml). Only the feed may write its topic, so the topic names the
 * writer: a record claiming another source is dead-lettered, one without a source gets the feed's.
 * <p>
 * Records are taken in batches for throughput. The valid records before the first bad one are stored in one
 * transaction; the bad one is then handed to the error handler, which dead-letters it with its reason, and the
 * records after it are delivered again. A redelivered event (same {@code ce_id}) changes nothing.
 */
@Component
class RawFeedListener {

    static final String CONSUMER = "indicator-service:raw-feed";

    private final Ingestion ingestion;
    private final EventDispatcher dispatcher;
    private final TransactionTemplate tx;
    private final Counter redelivered;

    RawFeedListener(Ingestion ingestion, InboundEvents inbound, TransactionTemplate tx, IngestProperties properties,
            MeterRegistry meters) {
        this.ingestion = ingestion;
        // Read through the dispatcher, stored here: a batch goes to PostgreSQL in one statement, and its inbox check
        // is the history's own index (Ingestion.unapplied), not a row per event.
        // The data is checked and typed by FeedRecords in one strict parse.
        this.dispatcher = inbound.consumer(CONSUMER)
                .accept(EventTypes.OBSERVATION_SUBMITTED, ObservationSubmitted.class, FeedRecords::submitted)
                .maxEventSize(properties.maxEventSize()).build();
        this.tx = tx;
        this.redelivered = Counter.builder("nqpf.ingest.redelivered-batches")
                .description("feed batches stored again with each event looked up, after the history refused a copy")
                .register(meters);
    }

    private record Submitted(int index, String eventId, ObservationRow row) {
    }

    @KafkaListener(topicPattern = Topics.RAW_FEED_PATTERN, batch = "true")
    public void on(List<ConsumerRecord<String, byte[]>> records) {
        List<Submitted> good = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            try {
                good.add(decode(i, records.get(i)));
            }
            catch (RejectedEventException e) {
                store(good);
                throw new BatchListenerFailedException(e.getMessage(), e, i);
            }
        }
        store(good);
    }

    private Submitted decode(int index, ConsumerRecord<String, byte[]> record) {
        FeedRecords.checkHeaders(record);
        EventDispatcher.Inbound<ObservationSubmitted> inbound = dispatcher.read(record, ObservationSubmitted.class);
        CloudEvent event = inbound.event();
        ObservationSubmitted s = inbound.payload(); // checked by FeedRecords.submitted
        String source = feedSource(record.topic(), s.source());
        String identity = identity(event);
        return new Submitted(index, identity, new ObservationRow(index + 1, s.entity(), s.indicator(),
                s.period(), s.value(), s.unit(), source, ObservationRow.Action.REPLACE,
                event.getTime() == null ? null : event.getTime().toInstant(), null, identity));
    }

    /**
     * What makes a CloudEvent itself: its source and its id together (the id is unique only within its source). Two
     * senders that both number their events from 1 send different events; the second is stored, not dropped as a
     * duplicate of the first. A URI reference holds no space, so the space cannot be part of either.
     */
    static String identity(CloudEvent event) {
        return event.getSource() + " " + event.getId();
    }

    /**
     * The source to record: the feed that wrote the topic. The CloudEvent's own source names the sending software
     * and proves nothing, so it is not used.
     */
    static String feedSource(String topic, String claimed) {
        String feed = Topics.feedOf(topic).orElseThrow(() -> new RejectedEventException(
                "topic '" + topic + "' is no feed's raw topic"));
        if (claimed == null || claimed.isBlank()) {
            return feed;
        }
        if (!claimed.equals(feed)) {
            throw new RejectedEventException("source '" + claimed + "' does not belong to feed '" + feed
                    + "' that wrote it");
        }
        return claimed;
    }

    /**
     * Stores the decoded events in one transaction; when one fails validation, stores those before it and rejects
     * it, so it goes to the dead-letter topic and the partition moves on.
     */
    private void store(List<Submitted> decoded) {
        if (decoded.isEmpty()) {
            return;
        }
        RejectedAt rejected;
        try {
            rejected = tx.execute(status -> storeOnce(decoded, false, status));
        }
        catch (DuplicateKeyException e) {
            // An event of the batch had stored its revision before (redelivered after a crash or a rebalance): the
            // history's unique index refused the second copy and the transaction rolled back whole. Once more, each
            // event looked up first. Redeliveries are rare, so the lookup is not paid on every batch.
            redelivered.increment();
            rejected = tx.execute(status -> storeOnce(decoded, true, status));
        }
        if (rejected != null) {
            Submitted bad = rejected.submitted();
            store(decoded.stream().filter(s -> s.index() < bad.index()).toList());
            // The reason names what is wrong, not which event (the dead letter keeps its id): records refused for
            // one cause share one reason, and an operator replays them together once it is fixed.
            String reason = "rejected: " + rejected.reason().field() + ": " + rejected.reason().detail();
            throw new BatchListenerFailedException("event " + bad.eventId() + " " + reason,
                    new RejectedEventException(reason), bad.index());
        }
    }

    /** One try at storing the batch; the first rejected row, if any, with nothing stored. */
    private RejectedAt storeOnce(List<Submitted> decoded, boolean lookUpHistory, TransactionStatus status) {
        Set<String> fresh = ingestion.unapplied(decoded.stream().map(Submitted::eventId).toList(), lookUpHistory);
        Map<Integer, Submitted> byRow = new LinkedHashMap<>();
        for (Submitted s : decoded) {
            if (fresh.remove(s.eventId())) { // a duplicate within the batch counts once
                byRow.put(s.row().row(), s);
            }
        }
        List<ObservationRow> rows = byRow.values().stream().map(Submitted::row).toList();
        Ingestion.Checked checked = ingestion.check(rows);
        if (checked.rejected().isEmpty()) {
            ingestion.store(checked, rows.size(), Channel.KAFKA);
            return null;
        }
        status.setRollbackOnly();
        Rejection first = checked.rejected().get(0);
        return new RejectedAt(byRow.get(first.row()), first);
    }

    private record RejectedAt(Submitted submitted, Rejection reason) {
    }
}

package org.nqpf.indicator.ingest;

import io.cloudevents.CloudEvent;
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

    RawFeedListener(Ingestion ingestion, InboundEvents inbound, TransactionTemplate tx, IngestProperties properties) {
        this.ingestion = ingestion;
        // Read through the dispatcher, stored here: a batch goes to PostgreSQL in one statement, and its inbox check
        // is the history's own index (Ingestion.unapplied), not a row per event.
        this.dispatcher = inbound.consumer(CONSUMER).accept(EventTypes.OBSERVATION_SUBMITTED, ObservationSubmitted.class)
                .maxEventSize(properties.maxEventSize()).build();
        this.tx = tx;
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
        EventDispatcher.Inbound<ObservationSubmitted> inbound = dispatcher.read(record, ObservationSubmitted.class);
        CloudEvent event = inbound.event();
        ObservationSubmitted s = inbound.payload();
        String source = feedSource(record.topic(), s.source());
        return new Submitted(index, event.getId(), new ObservationRow(index + 1, s.entity(), s.indicator(),
                s.period(), s.value(), s.unit(), source, ObservationRow.Action.REPLACE,
                event.getTime() == null ? null : event.getTime().toInstant(), null, event.getId()));
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
        RejectedAt rejected = tx.execute(status -> {
            Set<String> fresh = ingestion.unapplied(decoded.stream().map(Submitted::eventId).toList());
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
        });
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

    private record RejectedAt(Submitted submitted, Rejection reason) {
    }
}

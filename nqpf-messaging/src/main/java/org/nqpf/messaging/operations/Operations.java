package org.nqpf.messaging.operations;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.nqpf.messaging.MessagingAutoConfiguration;
import org.nqpf.web.InvalidInputException;
import org.nqpf.web.NotFoundException;
import org.nqpf.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What operators see and do: the service's pipeline at a glance (outbox, dead letters, consumer lag), its dead
 * letters, and their replay to the source topic once the cause is fixed, each replay recorded with who and when.
 */
public class Operations {

    /** The most dead letters one replay by reason sends; the rest wait for the next call. */
    public static final int MAX_REPLAY = 10_000;
    public static final int MAX_IDS = 1_000;

    private final String service;
    private final DeadLetterRecords records;
    private final ConsumerLag lag;
    private final KafkaTemplate<String, byte[]> kafka;
    private final TransactionTemplate tx;

    public Operations(String service, DeadLetterRecords records, ConsumerLag lag, KafkaTemplate<String, byte[]> kafka,
            TransactionTemplate tx) {
        this.service = service;
        this.records = records;
        this.lag = lag;
        this.kafka = kafka;
        this.tx = tx;
    }

    public record Status(String service, Outbox outbox, DeadLetters deadLetters, List<ConsumerLag.Lag> consumerLag) {
    }

    public record Outbox(long pending, long parked) {
    }

    public record DeadLetters(@JsonProperty("new") long newCount, List<DeadLetterRecords.ReasonCount> byReason) {
    }

    public record Replayed(int replayed, String by, Instant at) {
    }

    public Status status() {
        return new Status(service, new Outbox(records.outboxPending(), records.outboxParked()),
                new DeadLetters(records.countNew(), records.newByReasonCounts()), lag.lag());
    }

    public List<DeadLetter> deadLetters(String status, String reason, int limit) {
        return records.list(status, reason, limit);
    }

    public List<DeadLetterRecords.ParkedRow> parked(int limit) {
        return records.parked(limit);
    }

    /** Replays the dead letters named; every id must exist. */
    public Replayed replayIds(List<Long> ids, String by) {
        if (ids.size() > MAX_IDS) {
            throw InvalidInputException.badRequest("ids", "at most " + MAX_IDS + " ids per replay, got " + ids.size());
        }
        List<DeadLetterRecords.Stored> found = records.byIds(ids);
        List<Long> missing = ids.stream().distinct()
                .filter(id -> found.stream().noneMatch(s -> s.id() == id)).toList();
        if (!missing.isEmpty()) {
            throw new NotFoundException("no dead letter " + missing.stream().map(String::valueOf)
                    .reduce((a, b) -> a + ", " + b).orElse("") + " in " + service);
        }
        return replay(found, by);
    }

    /** Replays every dead letter of this reason not replayed yet (up to {@link #MAX_REPLAY}). */
    public Replayed replayReason(String reason, String by) {
        List<DeadLetterRecords.Stored> found = records.newByReason(reason, MAX_REPLAY);
        if (found.isEmpty()) {
            throw InvalidInputException.badRequest("reason", "no dead letter waiting for replay has the reason '"
                    + reason + "'");
        }
        return replay(found, by);
    }

    /**
     * Sends each record back to its source topic as it was (key, value, headers), minus what the dead-lettering
     * added, plus {@code nqpf-replay-of}; records the replay once the broker has every record. A consumer applies a
     * replayed event once: its id is the original's.
     */
    private Replayed replay(List<DeadLetterRecords.Stored> letters, String by) {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<CompletableFuture<?>> acks = new ArrayList<>(letters.size());
        for (DeadLetterRecords.Stored letter : letters) {
            RecordHeaders headers = new RecordHeaders();
            for (Header h : letter.headers()) {
                if (!addedByDeadLettering(h.key())) {
                    headers.add(h);
                }
            }
            headers.add(new RecordHeader(DeadLetterRecords.REPLAY_OF_HEADER,
                    String.valueOf(letter.id()).getBytes(StandardCharsets.UTF_8)));
            acks.add(kafka.send(new ProducerRecord<>(letter.sourceTopic(), null, letter.key(), letter.value(),
                    headers)));
        }
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(e);
        }
        catch (Exception e) {
            throw unavailable(e);
        }
        List<Long> ids = letters.stream().map(DeadLetterRecords.Stored::id).toList();
        tx.executeWithoutResult(status -> records.replayed(ids, by, at));
        return new Replayed(ids.size(), by, at);
    }

    private static boolean addedByDeadLettering(String header) {
        return header.startsWith("kafka_dlt-") || header.equals(MessagingAutoConfiguration.DLT_REASON_HEADER)
                || header.equals(DeadLetterRecords.REPLAY_OF_HEADER) || header.startsWith("springDeserializerException");
    }

    private ProblemException unavailable(Exception e) {
        return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "Service Unavailable",
                "the broker did not take the replay; nothing was recorded as replayed, try again", e);
    }
}

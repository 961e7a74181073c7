package org.nqpf.messaging.operations;

import java.time.Instant;
import java.util.List;

/** A dead letter as operators see it: where it came from, why it was refused, whether and by whom it was replayed. */
public record DeadLetter(long id, String sourceTopic, Integer partition, Long offset, String key, String eventId,
        String eventType, String reason, Instant deadLetteredAt, String status, List<Replay> replays) {

    public static final String NEW = "NEW";
    public static final String REPLAYED = "REPLAYED";

    /** One replay: the caller's subject and when. */
    public record Replay(String by, Instant at) {
    }
}

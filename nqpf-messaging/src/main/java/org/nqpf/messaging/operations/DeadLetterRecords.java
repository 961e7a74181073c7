package org.nqpf.messaging.operations;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.nqpf.contracts.Topics;
import org.nqpf.messaging.MessagingAutoConfiguration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.support.KafkaHeaders;

/** The SQL of dead letters, their replays and the parked outbox rows, in the service's own schema. */
public class DeadLetterRecords {

    /** Header a replayed record carries: the id of the dead letter it replays. */
    public static final String REPLAY_OF_HEADER = "nqpf-replay-of";

    private final JdbcTemplate jdbc;

    public DeadLetterRecords(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A record to send back: where, with which key, headers and value. */
    public record Stored(long id, String sourceTopic, String key, List<Header> headers, byte[] value) {
    }

    public record ParkedRow(long id, String topic, String key, String eventId, String eventType, String reason,
            Instant createdAt, Instant parkedAt) {
    }

    public record ReasonCount(String reason, long count) {
    }

    /** Keeps a record read from a dead-letter topic; the same record read again (a redelivery) is kept once. */
    public boolean store(ConsumerRecord<String, byte[]> record) {
        List<String> names = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        for (Header h : record.headers()) {
            names.add(text(h.key()));
            values.add(h.value() == null ? new byte[0] : h.value());
        }
        String sourceTopic = header(record, KafkaHeaders.DLT_ORIGINAL_TOPIC);
        if (sourceTopic == null) {
            sourceTopic = record.topic().endsWith(Topics.DLT_SUFFIX)
                    ? record.topic().substring(0, record.topic().length() - Topics.DLT_SUFFIX.length()) : record.topic();
        }
        String reason = header(record, MessagingAutoConfiguration.DLT_REASON_HEADER);
        if (reason == null) {
            reason = header(record, KafkaHeaders.DLT_EXCEPTION_MESSAGE);
        }
        return jdbc.update("""
                INSERT INTO dead_letter (dlt_topic, dlt_partition, dlt_offset, source_topic, source_partition,
                                         source_offset, record_key, header_names, header_values, value, event_id,
                                         event_type, reason, replay_of, dead_lettered_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?::text[], ?::bytea[], ?, ?, ?, ?, ?, ?)
                ON CONFLICT (dlt_topic, dlt_partition, dlt_offset) DO NOTHING""",
                record.topic(), record.partition(), record.offset(), text(sourceTopic),
                number(record, KafkaHeaders.DLT_ORIGINAL_PARTITION), number(record, KafkaHeaders.DLT_ORIGINAL_OFFSET),
                text(record.key()), names.toArray(String[]::new), values.toArray(byte[][]::new), record.value(),
                text(header(record, "ce_id")), text(header(record, "ce_type")),
                reason == null ? "unknown" : text(reason), replayOf(record),
                Timestamp.from(Instant.ofEpochMilli(record.timestamp()))) == 1;
    }

    public List<DeadLetter> list(String status, String reason, int limit) {
        List<DeadLetter> letters = jdbc.query("""
                SELECT id, source_topic, source_partition, source_offset, record_key, event_id, event_type, reason,
                       dead_lettered_at, status
                FROM dead_letter
                WHERE (?::text IS NULL OR status = ?) AND (?::text IS NULL OR reason = ?)
                ORDER BY dead_lettered_at DESC, id DESC LIMIT ?""",
                (rs, n) -> letter(rs, List.of()), status, status, reason, reason, limit);
        if (letters.isEmpty()) {
            return letters;
        }
        Map<Long, List<DeadLetter.Replay>> replays = new LinkedHashMap<>();
        jdbc.query("""
                SELECT dead_letter_id, replayed_by, replayed_at FROM dead_letter_replay
                WHERE dead_letter_id = ANY(?) ORDER BY replayed_at, id""", rs -> {
            replays.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                    .add(new DeadLetter.Replay(rs.getString(2), rs.getTimestamp(3).toInstant()));
        }, (Object) letters.stream().map(DeadLetter::id).toArray(Long[]::new));
        return letters.stream().map(d -> new DeadLetter(d.id(), d.sourceTopic(), d.partition(), d.offset(), d.key(),
                d.eventId(), d.eventType(), d.reason(), d.deadLetteredAt(), d.status(),
                List.copyOf(replays.getOrDefault(d.id(), List.of())))).toList();
    }

    /** The dead letters with these ids, in the order asked; ids that do not exist are missing from the answer. */
    public List<Stored> byIds(List<Long> ids) {
        Map<Long, Stored> found = new LinkedHashMap<>();
        jdbc.query("""
                SELECT id, source_topic, record_key, header_names, header_values, value FROM dead_letter
                WHERE id = ANY(?)""", rs -> {
            Stored s = stored(rs);
            found.put(s.id(), s);
        }, (Object) ids.toArray(Long[]::new));
        return ids.stream().distinct().filter(found::containsKey).map(found::get).toList();
    }

    /** The dead letters not yet replayed with this reason, oldest first, at most {@code limit}. */
    public List<Stored> newByReason(String reason, int limit) {
        return jdbc.query("""
                SELECT id, source_topic, record_key, header_names, header_values, value FROM dead_letter
                WHERE status = 'NEW' AND reason = ? ORDER BY id LIMIT ?""", (rs, n) -> stored(rs), reason, limit);
    }

    /** Records a replay of each dead letter by {@code by} at {@code at}; they are REPLAYED from now on. */
    public void replayed(List<Long> ids, String by, Instant at) {
        Timestamp when = Timestamp.from(at);
        jdbc.update("""
                INSERT INTO dead_letter_replay (dead_letter_id, replayed_by, replayed_at)
                SELECT unnest(?::bigint[]), ?, ?""", ids.toArray(Long[]::new), text(by), when);
        jdbc.update("UPDATE dead_letter SET status = 'REPLAYED' WHERE id = ANY(?)", (Object) ids.toArray(Long[]::new));
    }

    public long countNew() {
        Long n = jdbc.queryForObject("SELECT count(*) FROM dead_letter WHERE status = 'NEW'", Long.class);
        return n == null ? 0 : n;
    }

    public List<ReasonCount> newByReasonCounts() {
        return jdbc.query("""
                SELECT reason, count(*) FROM dead_letter WHERE status = 'NEW'
                GROUP BY reason ORDER BY count(*) DESC, reason""",
                (rs, n) -> new ReasonCount(rs.getString(1), rs.getLong(2)));
    }

    public long outboxPending() {
        Long n = jdbc.queryForObject("SELECT coalesce(sum(events), 0) FROM outbox_event", Long.class);
        return n == null ? 0 : n;
    }

    public long outboxParked() {
        Long n = jdbc.queryForObject("SELECT count(*) FROM outbox_parked", Long.class);
        return n == null ? 0 : n;
    }

    public List<ParkedRow> parked(int limit) {
        return jdbc.query("""
                SELECT id, topic, record_key, event_id, event_type, reason, created_at, parked_at FROM outbox_parked
                ORDER BY parked_at DESC, id DESC, position DESC LIMIT ?""",
                (rs, n) -> new ParkedRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant(),
                        rs.getTimestamp(8).toInstant()), limit);
    }

    private static DeadLetter letter(ResultSet rs, List<DeadLetter.Replay> replays) throws SQLException {
        return new DeadLetter(rs.getLong(1), rs.getString(2), (Integer) rs.getObject(3),
                (Long) rs.getObject(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                rs.getTimestamp(9).toInstant(), rs.getString(10), replays);
    }

    private static Stored stored(ResultSet rs) throws SQLException {
        String[] names = (String[]) array(rs.getArray(4));
        byte[][] values = (byte[][]) array(rs.getArray(5));
        List<Header> headers = new ArrayList<>(names.length);
        for (int i = 0; i < names.length; i++) {
            headers.add(new RecordHeader(names[i], values[i]));
        }
        return new Stored(rs.getLong(1), rs.getString(2), rs.getString(3), headers, rs.getBytes(6));
    }

    private static Object array(Array array) throws SQLException {
        return array.getArray();
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** Spring writes the original partition as 4 bytes and the offset as 8. */
    private static Number number(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        if (h == null || h.value() == null) {
            return null;
        }
        return switch (h.value().length) {
            case 4 -> ByteBuffer.wrap(h.value()).getInt();
            case 8 -> ByteBuffer.wrap(h.value()).getLong();
            default -> null;
        };
    }

    private static Long replayOf(ConsumerRecord<?, ?> record) {
        String id = header(record, REPLAY_OF_HEADER);
        try {
            return id == null ? null : Long.valueOf(id.trim());
        }
        catch (NumberFormatException e) {
            return null;
        }
    }

    /** PostgreSQL text holds no NUL; a hostile record's key or reason may. */
    private static String text(String s) {
        return s == null ? null : s.replace((char) 0, '\uFFFD');
    }
}

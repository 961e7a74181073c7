package org.nqpf.launcher.bench;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.postgresql.PGConnection;

/**
 * The floor of any durable Kafka-to-PostgreSQL sink on this machine: a plain consumer that writes each raw record once
 * into one table, a poll's batch per transaction with {@code COPY}, commits it (the platform's database keeps
 * {@code fsync} and {@code synchronous_commit} on, as for the services), then commits the offsets. Nothing is
 * validated, nothing derived, nothing published: what is left is the cost of reading from the broker and of one
 * durable write per batch, which the full ingest path (validation, history, current view, outbox, publication) pays
 * too.
 */
final class SinkFloor {

    /** The same batch the ingest listener takes (indicator-service's {@code max-poll-records}). */
    static final int BATCH = 2000;

    record Result(long records, double seconds, double perSecond) {
    }

    private SinkFloor() {
    }

    /** Drains {@code expected} records of {@code topic} from its beginning into a fresh table; the rate is timed from the first record to the last commit. */
    static Result drain(Map<String, Object> kafkaClient, String topic, long expected, String jdbcUrl, String user,
            String password) throws Exception {
        Map<String, Object> config = new HashMap<>(kafkaClient);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-floor-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, BATCH);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        try (Connection db = DriverManager.getConnection(jdbcUrl, user, password);
                KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            try (Statement st = db.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS bench_floor CASCADE");
                st.execute("CREATE SCHEMA bench_floor");
                // Keyed on the record's place in the log, as a sink that must never double a record would be.
                st.execute("CREATE TABLE bench_floor.raw_record (part INT NOT NULL, record_offset BIGINT NOT NULL,"
                        + " record_key TEXT, value TEXT NOT NULL, PRIMARY KEY (part, record_offset))");
            }
            db.setAutoCommit(false);
            PGConnection pg = db.unwrap(PGConnection.class);
            consumer.subscribe(List.of(topic));
            long stored = 0;
            long first = 0;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            StringBuilder copy = new StringBuilder(BATCH * 200);
            while (stored < expected) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("floor: only " + stored + " of " + expected + " after 10 min");
                }
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                if (records.isEmpty()) {
                    continue;
                }
                if (first == 0) {
                    first = System.nanoTime();
                }
                copy.setLength(0);
                for (ConsumerRecord<String, byte[]> r : records) {
                    copy.append(r.partition()).append('\t').append(r.offset()).append('\t');
                    text(copy, r.key());
                    copy.append('\t');
                    text(copy, new String(r.value(), StandardCharsets.UTF_8));
                    copy.append('\n');
                }
                pg.getCopyAPI().copyIn("COPY bench_floor.raw_record FROM STDIN", new StringReader(copy.toString()));
                db.commit();
                consumer.commitSync();
                stored += records.count();
            }
            double seconds = (System.nanoTime() - first) / 1e9;
            try (Statement st = db.createStatement()) {
                st.execute("DROP SCHEMA bench_floor CASCADE");
            }
            db.commit();
            return new Result(stored, seconds, stored / seconds);
        }
    }

    /** COPY's text format: backslash, tab, newline and carriage return escaped; null as \N. */
    private static void text(StringBuilder out, String s) {
        if (s == null) {
            out.append("\\N");
            return;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }
}

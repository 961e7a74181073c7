package org.nqpf.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** A plain Kafka client for tests: send records as a feed would, and read what services wrote. */
public final class KafkaProbe implements AutoCloseable {

    private static KafkaProbe shared;

    private final Map<String, Object> client;
    private final KafkaProducer<String, byte[]> producer;

    /**
     * One probe on the JVM's broker for every test class that wants one, closed when the JVM ends: no test class
     * opens and closes its own. Do not close it.
     */
    public static synchronized KafkaProbe shared() {
        if (shared == null) {
            KafkaProbe probe = new KafkaProbe();
            Runtime.getRuntime().addShutdownHook(new Thread(probe::close, "kafka-probe-close"));
            shared = probe;
        }
        return shared;
    }

    public KafkaProbe() {
        this(TestInfrastructure.kafka().bootstrapServers());
    }

    public KafkaProbe(String bootstrapServers) {
        this(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** On a broker that wants more than its address: {@code client} holds bootstrap servers and credentials. */
    public KafkaProbe(Map<String, Object> client) {
        this.client = Map.copyOf(client);
        Properties p = new Properties();
        p.putAll(this.client);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        this.producer = new KafkaProducer<>(p);
    }

    public void send(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get();
        }
        catch (Exception e) {
            throw new IllegalStateException("could not send to " + record.topic(), e);
        }
    }

    /** Sends the records as one burst, then waits for every acknowledgement: a consumer tends to get them in one poll. */
    public void sendAll(List<ProducerRecord<String, byte[]>> records) {
        List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
        records.forEach(r -> acks.add(producer.send(r)));
        producer.flush();
        for (java.util.concurrent.Future<?> ack : acks) {
            try {
                ack.get();
            }
            catch (Exception e) {
                throw new IllegalStateException("could not send the burst", e);
            }
        }
    }

    /**
     * Reads the topic from the beginning until {@code count} records matching {@code filter} arrived or the timeout
     * passed; returns the matching records.
     */
    public List<ConsumerRecord<String, byte[]>> read(String topic, Predicate<ConsumerRecord<String, byte[]>> filter,
            int count, Duration timeout) {
        return read(topic, filter, matching -> matching.size() >= count, timeout);
    }

    /**
     * Reads the topic from the beginning until the matching records read so far are {@code enough} or the timeout
     * passed; returns the matching records.
     */
    public List<ConsumerRecord<String, byte[]>> read(String topic, Predicate<ConsumerRecord<String, byte[]>> filter,
            Predicate<List<ConsumerRecord<String, byte[]>>> enough, Duration timeout) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        List<ConsumerRecord<String, byte[]>> matching = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            while (!enough.test(matching) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (filter.test(r)) {
                        matching.add(r);
                    }
                }
            }
        }
        return matching;
    }

    /** How many records the topic holds, from its offsets: duplicates count, nothing is read. */
    public long count(String topic) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, Duration.ofSeconds(10));
            return partitions.stream().mapToLong(tp -> end.get(tp) - begin.get(tp)).sum();
        }
    }

    /** A header's value as text, or null. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    public static Map<String, String> ceAttributes(ConsumerRecord<?, ?> record) {
        return Map.of("id", String.valueOf(header(record, "ce_id")), "type", String.valueOf(header(record, "ce_type")),
                "source", String.valueOf(header(record, "ce_source")));
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}

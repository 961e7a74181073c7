package org.nqpf.messaging.operations;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * How far the service's own consumer groups are behind, from Kafka's admin client: per group and topic, the sum
 * over partitions of the last committed-visible offset minus the group's committed offset.
 */
public class ConsumerLag implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ConsumerLag.class);
    private static final long TIMEOUT_S = 5;

    public record Lag(String group, String topic, long lag) {
    }

    private final KafkaAdmin kafkaAdmin;
    private final Supplier<Collection<String>> groups;
    private volatile Admin admin;

    public ConsumerLag(KafkaAdmin kafkaAdmin, Supplier<Collection<String>> groups) {
        this.kafkaAdmin = kafkaAdmin;
        this.groups = groups;
    }

    /** The lag of every group of the service; empty (and logged) when the broker does not answer in time. */
    public List<Lag> lag() {
        List<Lag> lags = new ArrayList<>();
        try {
            Admin client = admin();
            for (String group : new java.util.TreeSet<>(groups.get())) {
                Map<TopicPartition, OffsetAndMetadata> committed = client.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(TIMEOUT_S, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                committed.forEach((tp, offset) -> {
                    if (offset != null) {
                        latest.put(tp, OffsetSpec.latest());
                    }
                });
                if (latest.isEmpty()) {
                    continue;
                }
                Map<TopicPartition, ListOffsetsResultInfo> ends = client.listOffsets(latest,
                        new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(TIMEOUT_S, TimeUnit.SECONDS);
                Map<String, Long> byTopic = new TreeMap<>();
                latest.keySet().forEach(tp -> byTopic.merge(tp.topic(),
                        Math.max(0, ends.get(tp).offset() - committed.get(tp).offset()), Long::sum));
                byTopic.forEach((topic, lag) -> lags.add(new Lag(group, topic, lag)));
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        catch (Exception e) {
            log.warn("consumer lag unknown: the broker did not answer: {}", e.getMessage());
        }
        return lags;
    }

    private Admin admin() {
        Admin a = admin;
        if (a == null) {
            synchronized (this) {
                if (admin == null) {
                    admin = Admin.create(kafkaAdmin.getConfigurationProperties());
                }
                a = admin;
            }
        }
        return a;
    }

    @Override
    public void destroy() {
        if (admin != null) {
            admin.close(java.time.Duration.ofSeconds(2));
        }
    }
}

package org.nqpf.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.nqpf.contracts.TopicSettings;
import org.nqpf.contracts.Topics;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.FixedBackOff;
import tools.jackson.databind.json.JsonMapper;

/**
 * Kafka and outbox conventions shared by every service, so each one produces and consumes the same way:
 * idempotent producer with {@code acks=all}, {@link ErrorHandlingDeserializer}, an error handler
 * ({@link OutageAwareErrorHandler}) that waits out outages and dead-letters bad records to {@code <topic>.DLT} with the
 * reason in headers, the outbox relay, and the inbox.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@EnableScheduling
@EnableConfigurationProperties({MessagingProperties.class, OutboxProperties.class})
public class MessagingAutoConfiguration {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(MessagingAutoConfiguration.class);

    /** Header naming, in words, why a record was dead-lettered. */
    public static final String DLT_REASON_HEADER = "nqpf-dlt-reason";

    @Bean
    DefaultKafkaProducerFactoryCustomizer nqpfProducerConventions() {
        return factory -> factory.updateConfigs(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                // The relay sends the outbox in bursts: large batches mean fewer requests for the broker to handle.
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    @Bean
    DefaultKafkaConsumerFactoryCustomizer nqpfConsumerConventions() {
        return factory -> factory.updateConfigs(Map.of(
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ErrorHandlingDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ErrorHandlingDeserializer.class,
                ErrorHandlingDeserializer.KEY_DESERIALIZER_CLASS, StringDeserializer.class,
                ErrorHandlingDeserializer.VALUE_DESERIALIZER_CLASS, ByteArrayDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                // A crashed instance keeps its partitions until its session expires; 10 s instead of Kafka's 45 s
                // lets the restarted instance (or a peer) take the feed over sooner.
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000,
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000));
    }

    @Bean
    CommonErrorHandler nqpfErrorHandler(KafkaTemplate<Object, Object> template, MessagingProperties properties) {
        // Partition -1: let the producer pick, so a dead-letter topic need not match its source's partitions.
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
                (record, ex) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
        recoverer.setHeadersFunction((record, ex) -> {
            String reason = reason(ex);
            log.warn("dead-lettering {}-{}@{}: {} ({})", record.topic(), record.partition(), record.offset(), reason,
                    ex.getClass().getSimpleName());
            RecordHeaders headers = new RecordHeaders();
            headers.add(DLT_REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
            return headers;
        });
        // A bad record goes to its dead-letter topic (at once, or after a few retries of what may pass); a database or
        // broker outage is waited out, however long it lasts.
        return new OutageAwareErrorHandler(recoverer,
                new FixedBackOff(properties.retryInterval().toMillis(), properties.retries()),
                properties.outageInitialInterval(), properties.outageMaxInterval());
    }

    /** Our own rejection says best what is wrong; otherwise the deepest cause does. */
    static String reason(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof RejectedEventException) {
                return t.getMessage();
            }
        }
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    /**
     * The platform's topics with their dead-letter twins, when this service may create them (tests; the launcher and
     * compose's kafka-setup create them otherwise): retention per {@link TopicSettings}, the replication factor and
     * {@code min.insync.replicas} of {@code nqpf.messaging.*} (1 on the embedded broker).
     */
    @Bean
    KafkaAdmin.NewTopics nqpfTopics(MessagingProperties properties) {
        List<NewTopic> topics = new ArrayList<>();
        for (String topic : Topics.ALL) {
            for (String name : List.of(topic, Topics.deadLetter(topic))) {
                topics.add(new NewTopic(name, properties.partitions(), properties.replicationFactor())
                        .configs(TopicSettings.configs(name, properties.minInsyncReplicas())));
            }
        }
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    /** The outbox and inbox tables, in the service's own schema with a Flyway history of their own. */
    @Bean
    @ConditionalOnMissingBean(FlywayMigrationStrategy.class)
    FlywayMigrationStrategy nqpfMessagingMigrations(MessagingProperties properties) {
        return new MessagingMigrations(properties.migrations());
    }

    @Bean
    Events nqpfEvents(JsonMapper json, MessagingProperties properties, Environment environment) {
        return new Events(json, properties.source() != null ? properties.source()
                : "/nqpf/" + applicationName(environment));
    }

    /** Boot's own {@code spring.application.name}: the service's name in event sources and lock names. */
    private static String applicationName(Environment environment) {
        return environment.getProperty("spring.application.name", "nqpf");
    }

    @Bean
    InboundEvents nqpfInboundEvents(Events events, ProcessedEvents inbox, TransactionTemplate tx,
            MeterRegistry meters) {
        return new InboundEvents(events, inbox, tx, meters);
    }

    /** The relay and the inbox purge on the application's scheduler, at the configured intervals. */
    @Bean
    SchedulingConfigurer nqpfMessagingSchedule(OutboxRelay relay, InboxRetention retention,
            MessagingProperties messaging, OutboxProperties outbox) {
        return registrar -> {
            if (outbox.relay()) {
                registrar.addFixedDelayTask(relay::relay, outbox.pollInterval());
            }
            registrar.addFixedDelayTask(new FixedDelayTask(retention::scheduledPurge, messaging.inboxPurgeInterval(),
                    messaging.inboxPurgeInterval()));
        };
    }

    @Bean
    InboxRetention nqpfInboxRetention(JdbcTemplate jdbc, MessagingProperties properties, MeterRegistry meters) {
        return new InboxRetention(jdbc, properties.inboxRetention(), meters);
    }

    /** The tracer's own propagator, when the service runs one (Micrometer Tracing), else nothing is carried. */
    @Bean
    TraceContinuation nqpfTraceContinuation(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        Tracer t = tracer.getIfUnique();
        Propagator p = propagator.getIfUnique();
        return t == null || p == null ? TraceContinuation.none() : new TraceContinuation(t, p);
    }

    @Bean
    Outbox nqpfOutbox(JdbcTemplate jdbc, JsonMapper json, TraceContinuation trace, MessagingProperties properties) {
        return new Outbox(jdbc, json, trace, properties.outboxBatch());
    }

    @Bean
    @SuppressWarnings("unchecked")
    OutboxRelay nqpfOutboxRelay(JdbcTemplate jdbc, TransactionTemplate tx, KafkaTemplate<?, ?> kafka, JsonMapper json,
            MessagingProperties properties, MeterRegistry meters, Environment environment, TraceContinuation trace) {
        return new OutboxRelay(jdbc, tx, (KafkaTemplate<String, byte[]>) kafka, json,
                "outbox:" + applicationName(environment),
                properties.outboxBatch(), meters).tracing(trace);
    }

    @Bean
    ProcessedEvents nqpfProcessedEvents(JdbcTemplate jdbc) {
        return new ProcessedEvents(jdbc);
    }
}

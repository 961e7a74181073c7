package org.nqpf.messaging.operations;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.nqpf.messaging.MessagingAutoConfiguration;
import org.nqpf.messaging.MessagingProperties;
import org.nqpf.messaging.OutageAwareErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Dead letters kept and mended: a consumer group of the service's own reads the dead-letter twins of the topics it
 * consumes ({@code nqpf.messaging.dead-letters.*}) into its {@code dead_letter} table; a servlet service also serves
 * the Operations API over them ({@link OperationsController}, OPERATOR only).
 */
@AutoConfiguration(after = MessagingAutoConfiguration.class)
@ConditionalOnBean(KafkaTemplate.class)
@EnableConfigurationProperties(DeadLetterProperties.class)
public class OperationsAutoConfiguration {

    static final String CONTAINER = "nqpfDeadLetterContainer";
    private static final Logger log = LoggerFactory.getLogger(OperationsAutoConfiguration.class);

    @Bean
    DeadLetterRecords nqpfDeadLetterRecords(JdbcTemplate jdbc) {
        return new DeadLetterRecords(jdbc);
    }

    /** The dead-letter group. Not the service's own listeners' factory settings alone: its own group and handler. */
    @Bean(CONTAINER)
    @ConditionalOnExpression("!'${nqpf.messaging.dead-letters.topics:}'.isEmpty() "
            + "or !'${nqpf.messaging.dead-letters.topic-pattern:}'.isEmpty()")
    ConcurrentMessageListenerContainer<?, ?> nqpfDeadLetterContainer(
            ConcurrentKafkaListenerContainerFactory<?, ?> factory, DeadLetterProperties properties,
            DeadLetterRecords records, MessagingProperties messaging, Environment environment) {
        ConcurrentMessageListenerContainer<?, ?> container = properties.topicPattern() != null
                && !properties.topicPattern().isBlank()
                ? factory.createContainer(Pattern.compile(properties.topicPattern()))
                : factory.createContainer(properties.topics().toArray(String[]::new));
        container.getContainerProperties().setGroupId(groupId(properties, environment));
        container.getContainerProperties().setMessageListener(new DeadLetterListener(records));
        container.setBeanName(CONTAINER);
        // Storing a dead letter fails only while the database is away: wait for it. Anything else is logged, and
        // the record stays on the dead-letter topic, where it can still be read.
        container.setCommonErrorHandler(new OutageAwareErrorHandler(
                (record, ex) -> log.error("dead letter {}-{}@{} could not be kept: {}", record.topic(),
                        record.partition(), record.offset(), ex.getMessage()),
                new FixedBackOff(1_000, 3), messaging.outageInitialInterval(), messaging.outageMaxInterval()));
        return container;
    }

    static String groupId(DeadLetterProperties properties, Environment environment) {
        return properties.groupId() != null && !properties.groupId().isBlank() ? properties.groupId()
                : environment.getProperty("spring.application.name", "nqpf") + "-dead-letters";
    }

    /** The service's own groups: its listeners' and its dead-letter group. */
    @Bean
    ConsumerLag nqpfConsumerLag(KafkaAdmin admin, ObjectProvider<KafkaListenerEndpointRegistry> registry,
            ObjectProvider<ConcurrentMessageListenerContainer<?, ?>> containers) {
        return new ConsumerLag(admin, () -> {
            Set<String> groups = new LinkedHashSet<>();
            registry.ifAvailable(r -> r.getListenerContainers().forEach(c -> add(groups, c)));
            containers.orderedStream().forEach(c -> add(groups, c));
            return groups;
        });
    }

    private static void add(Collection<String> groups, MessageListenerContainer container) {
        if (container.getGroupId() != null) {
            groups.add(container.getGroupId());
        }
    }

    @Bean
    @SuppressWarnings("unchecked")
    Operations nqpfOperations(DeadLetterRecords records, ConsumerLag lag, KafkaTemplate<?, ?> kafka,
            TransactionTemplate tx, Environment environment) {
        return new Operations(environment.getProperty("spring.application.name", "nqpf"), records, lag,
                (KafkaTemplate<String, byte[]>) kafka, tx);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class Web {

        @Bean
        OperationsController nqpfOperationsController(Operations operations) {
            return new OperationsController(operations);
        }
    }

}

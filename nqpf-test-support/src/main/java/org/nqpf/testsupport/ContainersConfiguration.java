package org.nqpf.testsupport;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** Where Docker runs: Kafka and PostgreSQL containers, wired in by {@code @ServiceConnection}. */
@TestConfiguration(proxyBeanMethods = false)
class ContainersConfiguration {

    @Bean
    @ServiceConnection
    PostgreSQLContainer postgresContainer() {
        return TestInfrastructure.postgresContainer();
    }

    @Bean
    @ServiceConnection
    KafkaContainer kafkaContainer() {
        return TestInfrastructure.kafkaContainer();
    }
}

package org.nqpf.testsupport;

import java.util.List;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** A configured server or the embedded ones, handed to Boot as connection details. */
@TestConfiguration(proxyBeanMethods = false)
class ConnectionDetailsConfiguration {

    @Bean
    JdbcConnectionDetails nqpfTestJdbcConnectionDetails() {
        TestInfrastructure.Postgres pg = TestInfrastructure.postgres();
        return new JdbcConnectionDetails() {
            @Override
            public String getUsername() {
                return pg.username();
            }

            @Override
            public String getPassword() {
                return pg.password();
            }

            @Override
            public String getJdbcUrl() {
                return pg.jdbcUrl();
            }
        };
    }

    @Bean
    KafkaConnectionDetails nqpfTestKafkaConnectionDetails() {
        String servers = TestInfrastructure.kafka().bootstrapServers();
        return () -> List.of(servers.split(","));
    }
}

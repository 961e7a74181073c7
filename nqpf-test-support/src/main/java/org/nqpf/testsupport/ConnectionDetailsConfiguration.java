package org.nqpf.testsupport;

import java.util.List;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** A configured server or the embedded ones, handed to Boot as connection details. */
@TestConfiguration(proxyBeanMethods = false)
class ConnectionDetailsConfiguration {

    /**
     * {@code nqpf.test.database-proxy=true} (in a service's test profile) puts {@link TestInfrastructure#postgresProxy()}
     * between the service and its database, so its tests can cut the connection.
     */
    @Bean
    JdbcConnectionDetails nqpfTestJdbcConnectionDetails(Environment environment) {
        TestInfrastructure.Postgres pg = environment.getProperty("nqpf.test.database-proxy", Boolean.class, false)
                ? TestInfrastructure.viaProxy() : TestInfrastructure.postgres();
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

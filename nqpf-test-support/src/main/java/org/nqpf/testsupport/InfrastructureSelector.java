package org.nqpf.testsupport;

import org.springframework.context.annotation.ImportSelector;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.ClassUtils;

/**
 * Imports the Testcontainers configuration where Docker runs, the connection-details one elsewhere; nothing for a
 * service with neither JDBC nor Kafka on its class path (the gateway), which has no broker or database to connect.
 */
class InfrastructureSelector implements ImportSelector {

    @Override
    public String[] selectImports(AnnotationMetadata metadata) {
        ClassLoader loader = getClass().getClassLoader();
        if (!ClassUtils.isPresent("org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails", loader)
                && !ClassUtils.isPresent("org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails", loader)) {
            return new String[0];
        }
        boolean configured = System.getenv("NQPF_TEST_JDBC_URL") != null
                || System.getenv("NQPF_TEST_KAFKA_BOOTSTRAP_SERVERS") != null;
        if (!configured && TestInfrastructure.dockerAvailable()) {
            return new String[] {ContainersConfiguration.class.getName()};
        }
        return new String[] {ConnectionDetailsConfiguration.class.getName()};
    }
}

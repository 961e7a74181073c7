package org.nqpf.testsupport;

import org.springframework.context.annotation.ImportSelector;
import org.springframework.core.type.AnnotationMetadata;

/** Imports the Testcontainers configuration where Docker runs, the connection-details one elsewhere. */
class InfrastructureSelector implements ImportSelector {

    @Override
    public String[] selectImports(AnnotationMetadata metadata) {
        boolean configured = System.getenv("NQPF_TEST_JDBC_URL") != null
                || System.getenv("NQPF_TEST_KAFKA_BOOTSTRAP_SERVERS") != null;
        if (!configured && TestInfrastructure.dockerAvailable()) {
            return new String[] {ContainersConfiguration.class.getName()};
        }
        return new String[] {ConnectionDetailsConfiguration.class.getName()};
    }
}

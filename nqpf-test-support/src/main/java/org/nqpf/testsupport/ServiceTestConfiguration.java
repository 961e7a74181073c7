package org.nqpf.testsupport;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** The {@link ApiClient} of a {@link ServiceTest}, pointed at the port the service's server took. */
@TestConfiguration(proxyBeanMethods = false)
class ServiceTestConfiguration {

    @Bean
    ApiClient nqpfTestApiClient(Environment environment) {
        // local.server.port is set once the server has started, after this bean exists: read it per request.
        // As the test client (STEWARD, ANALYST, OPERATOR): what a service's own tests do; ApiClient.as(...) for others.
        return new ApiClient(() -> "http://localhost:" + environment.getRequiredProperty("local.server.port"))
                .as(TestIdentity.TEST_CLIENT);
    }
}

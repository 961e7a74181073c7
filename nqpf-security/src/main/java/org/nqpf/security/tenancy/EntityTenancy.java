package org.nqpf.security.tenancy;

import org.nqpf.messaging.InboundEvents;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The registry's tenants kept in a service that is not the registry: imported by each service whose answers a
 * tenant-bound caller must see filtered (assessment-service, roadmap-service), one consumer of
 * {@code nqpf.entities.v1} named {@code <spring.application.name>.entities}.
 */
@Configuration(proxyBeanMethods = false)
public class EntityTenancy {

    @Bean
    EntityTenants entityTenants(JdbcClient jdbc) {
        return new EntityTenants(jdbc);
    }

    @Bean
    EntityListener entityListener(InboundEvents inbound, EntityTenants tenants, Environment environment) {
        return new EntityListener(inbound, tenants,
                environment.getRequiredProperty("spring.application.name") + ".entities");
    }
}

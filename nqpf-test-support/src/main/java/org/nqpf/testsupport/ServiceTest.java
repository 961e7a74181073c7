package org.nqpf.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * A service test on real infrastructure: the whole service on a random port, connected to the JVM's real Kafka
 * broker and PostgreSQL ({@link NqpfInfrastructure}), with the {@code test} profile (each service's
 * {@code application-test.properties} holds its faster test timings) and an {@link ApiClient} bean for its port.
 * <p>
 * Every test of a service carries exactly this and nothing that changes the context, so they all share one cached
 * context and so one consumer per group: a second context would split the group's partitions between two copies of
 * the service.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@NqpfInfrastructure
@ActiveProfiles("test")
@Import(ServiceTestConfiguration.class)
public @interface ServiceTest {
}

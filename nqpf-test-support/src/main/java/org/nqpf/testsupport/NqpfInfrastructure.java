package org.nqpf.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;

/**
 * Put on a {@code @SpringBootTest} to connect it to the JVM's real Kafka broker and PostgreSQL
 * (see {@link TestInfrastructure} for how they are picked).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Import(InfrastructureSelector.class)
public @interface NqpfInfrastructure {
}

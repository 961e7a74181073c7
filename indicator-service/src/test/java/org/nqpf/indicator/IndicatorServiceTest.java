package org.nqpf.indicator;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.nqpf.testsupport.NqpfInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;

/** The one context every integration test of this service shares, on a real broker and database. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"nqpf.outbox.poll-interval=50ms", "nqpf.messaging.retry-interval=50ms"})
@NqpfInfrastructure
public @interface IndicatorServiceTest {
}

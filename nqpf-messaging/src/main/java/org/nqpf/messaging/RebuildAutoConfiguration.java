package org.nqpf.messaging;

import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * What turns an instance into a rebuild instance besides its schema and consumer group ({@code ./nqpf rebuild}):
 * with {@code nqpf.rebuild.from} set, the tables the service lists in {@code nqpf.rebuild.copied-tables} are copied
 * from that live schema when Flyway has made the new one (Boot hands every {@link org.flywaydb.core.api.callback.Callback}
 * bean to Flyway). The launcher also turns the outbox relay off ({@code nqpf.outbox.relay=false}).
 */
@AutoConfiguration
@ConditionalOnProperty("nqpf.rebuild.from")
public class RebuildAutoConfiguration {

    @Bean
    RebuildCopies nqpfRebuildCopies(Environment environment) {
        List<String> tables = Binder.get(environment).bind("nqpf.rebuild.copied-tables", Bindable.listOf(String.class))
                .orElse(List.of());
        return new RebuildCopies(environment.getRequiredProperty("nqpf.rebuild.from"), tables);
    }
}

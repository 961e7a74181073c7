package org.nqpf.web.reactive;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;

/** Puts {@link ReactiveProblemAdvice} in a WebFlux app, before Boot's WebFlux configuration and its own handler. */
@AutoConfiguration(beforeName = "org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(ResponseEntityExceptionHandler.class)
public class ReactiveProblemAdviceAutoConfiguration {

    @Bean
    ReactiveProblemAdvice nqpfReactiveProblemAdvice() {
        return new ReactiveProblemAdvice();
    }
}

package org.nqpf.web.servlet;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Puts {@link ProblemAdvice} in every servlet service. Before Boot's MVC configuration, whose own problem-details
 * handler then stands back: one advice answers every error.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(ResponseEntityExceptionHandler.class)
public class ProblemAdviceAutoConfiguration {

    @Bean
    ProblemAdvice nqpfProblemAdvice() {
        return new ProblemAdvice();
    }
}

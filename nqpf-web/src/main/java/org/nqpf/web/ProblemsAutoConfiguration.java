package org.nqpf.web;

import org.nqpf.web.reactive.ReactiveProblemAdvice;
import org.nqpf.web.servlet.ProblemAdvice;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts the advice of the app's web stack in every service and the gateway. Before Boot's MVC and WebFlux
 * configurations, whose own problem-details handlers then stand back: one advice answers every error.
 */
@AutoConfiguration(beforeName = {"org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration",
        "org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration",
        "org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration"},
        afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
public class ProblemsAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = Type.SERVLET)
    @ConditionalOnClass(name = "org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler")
    static class Servlet {

        @Bean
        ProblemAdvice nqpfProblemAdvice() {
            return new ProblemAdvice();
        }

        @Bean
        org.springframework.web.servlet.config.annotation.WebMvcConfigurer nqpfUnstorableText() {
            return new org.springframework.web.servlet.config.annotation.WebMvcConfigurer() {
                @Override
                public void addInterceptors(org.springframework.web.servlet.config.annotation.InterceptorRegistry r) {
                    r.addInterceptor(new org.nqpf.web.servlet.UnstorableTextInterceptor());
                }

                @Override
                public void addFormatters(org.springframework.format.FormatterRegistry registry) {
                    org.nqpf.web.servlet.DecimalParameters.register(registry);
                }
            };
        }

        /** Numbers in query parameters and path variables in decimal notation only, in every binder. */
        @Bean
        org.nqpf.web.servlet.DecimalParameters.Binding nqpfDecimalParameters() {
            return new org.nqpf.web.servlet.DecimalParameters.Binding();
        }

        /**
         * Request bodies read strictly ({@link StrictJson}): Boot's own converter, which would read them with the
         * lenient mapper the events use, stands back.
         */
        @Bean
        @ConditionalOnClass(name = "org.springframework.http.converter.json.JacksonJsonHttpMessageConverter")
        org.springframework.http.converter.json.JacksonJsonHttpMessageConverter nqpfStrictJsonConverter(
                tools.jackson.databind.json.JsonMapper jsonMapper) {
            return new org.nqpf.web.servlet.StrictJsonHttpMessageConverter(StrictJson.forRequests(jsonMapper));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = Type.REACTIVE)
    @ConditionalOnClass(name = "org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler")
    static class Reactive {

        @Bean
        ReactiveProblemAdvice nqpfReactiveProblemAdvice() {
            return new ReactiveProblemAdvice();
        }
    }
}

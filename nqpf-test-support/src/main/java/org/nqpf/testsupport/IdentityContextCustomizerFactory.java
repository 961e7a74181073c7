package org.nqpf.testsupport;

import java.util.List;
import java.util.Map;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

/**
 * Points every {@link ServiceTest}'s resource server at the JVM's {@link TestIdentity}: the service validates tokens
 * against a real provider's keys, found through its issuer's discovery document as in production.
 */
class IdentityContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        if (!MergedAnnotations.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
                .isPresent(ServiceTest.class)) {
            return null;
        }
        return new IdentityCustomizer();
    }

    private static final class IdentityCustomizer implements ContextCustomizer {

        @Override
        public void customizeContext(org.springframework.context.ConfigurableApplicationContext context,
                org.springframework.test.context.MergedContextConfiguration merged) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("nqpfTestIdentity",
                    Map.of("spring.security.oauth2.resourceserver.jwt.issuer-uri", TestIdentity.shared().issuer())));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof IdentityCustomizer; // one provider per JVM: the contexts may share the cache
        }

        @Override
        public int hashCode() {
            return IdentityCustomizer.class.hashCode();
        }
    }
}

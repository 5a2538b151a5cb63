package io.checkoutrelay.enricher.trace;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The tracer and W3C propagator come from Spring Boot's Brave auto-configuration (management.tracing.*). */
@Configuration(proxyBeanMethods = false)
class TracingConfig {

    @Bean
    CheckoutTracing checkoutTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new CheckoutTracing(tracer.getIfAvailable(() -> Tracer.NOOP),
                propagator.getIfAvailable(() -> Propagator.NOOP));
    }
}

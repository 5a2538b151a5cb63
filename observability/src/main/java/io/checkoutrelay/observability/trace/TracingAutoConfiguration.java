package io.checkoutrelay.observability.trace;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Gives each service its {@link CheckoutTracing}. The tracer and the W3C propagator come from Spring
 * Boot's Brave auto-configuration ({@code management.tracing.*}); without them it still keeps the
 * checkoutId in the MDC.
 */
@AutoConfiguration
public class TracingAutoConfiguration {

    @Bean
    CheckoutTracing checkoutTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new CheckoutTracing(tracer.getIfAvailable(() -> Tracer.NOOP),
                propagator.getIfAvailable(() -> Propagator.NOOP));
    }
}

package io.checkoutrelay.keyed;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * What every service on the engine gets without declaring it: the {@code keyed-consumer.*} settings and,
 * for its {@link KeyedConsumer}, the health indicators {@code consumerReadiness} (UP only while the loop
 * consumes) and {@code consumerLiveness} (DOWN once the loop has failed to restart for
 * {@code keyed-consumer.liveness-timeout}), which the services put in their {@code readiness} and
 * {@code liveness} groups.
 */
@AutoConfiguration
@EnableConfigurationProperties(KeyedConsumerProperties.class)
public class KeyedConsumerAutoConfiguration {

    @Bean
    @ConditionalOnSingleCandidate(KeyedConsumer.class)
    HealthIndicator consumerReadinessHealthIndicator(KeyedConsumer consumer) {
        return consumer.readiness();
    }

    @Bean
    @ConditionalOnSingleCandidate(KeyedConsumer.class)
    HealthIndicator consumerLivenessHealthIndicator(KeyedConsumer consumer) {
        return consumer.liveness();
    }
}

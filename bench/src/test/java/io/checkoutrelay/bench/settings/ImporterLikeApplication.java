package io.checkoutrelay.bench.settings;

import java.util.Map;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * A Spring Boot app whose settings have the importer's names and shapes ({@code crm-importer.consumer.*},
 * {@code crm-importer.checkoutchamp.max-concurrent-calls} from {@code CRM_MAX_CONCURRENT_CALLS}, resilience4j's
 * rate limiter instances) and actuator as the bench exposes it: the real binding rules of environment
 * variables, without a broker.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@EnableConfigurationProperties({ImporterLikeApplication.Importer.class, ImporterLikeApplication.RateLimiters.class})
class ImporterLikeApplication {

    /** As the importer's application.yml maps CRM_MAX_CONCURRENT_CALLS. */
    static final Map<String, Object> DEFAULTS = Map.of("crm-importer.checkoutchamp.max-concurrent-calls",
            "${CRM_MAX_CONCURRENT_CALLS:10}", "spring.main.banner-mode", "off");

    @ConfigurationProperties("crm-importer")
    record Importer(@DefaultValue Consumer consumer, @DefaultValue CheckoutChamp checkoutchamp) {
    }

    record Consumer(@DefaultValue("crm-importer") String groupId, @DefaultValue("512") int maxInFlight) {
    }

    record CheckoutChamp(@DefaultValue("10") int maxConcurrentCalls) {
    }

    @ConfigurationProperties("resilience4j.ratelimiter")
    record RateLimiters(Map<String, Instance> instances) {
    }

    record Instance(@DefaultValue("200") int limitForPeriod) {
    }
}

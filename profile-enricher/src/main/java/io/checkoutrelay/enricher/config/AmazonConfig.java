package io.checkoutrelay.enricher.config;

import io.checkoutrelay.enricher.amazon.AmazonHosts;
import io.checkoutrelay.enricher.amazon.LoginWithAmazon;
import io.checkoutrelay.enricher.amazon.ResilientAmazon;
import io.checkoutrelay.enricher.checkout.CheckoutEnricher;
import io.checkoutrelay.enricher.metrics.EnricherMetrics;
import io.checkoutrelay.observability.trace.CheckoutTracing;
import io.checkoutrelay.schemas.token.TokenCipher;
import io.checkoutrelay.schemas.token.TokenKeyRing;
import io.github.resilience4j.bulkhead.ThreadPoolBulkhead;
import io.github.resilience4j.bulkhead.ThreadPoolBulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Login with Amazon: the HTTP client, resilience4j's retry, circuit breaker and bulkhead named
 * {@value #RESILIENCE_NAME} (configured under resilience4j.* in application.yml), and the enricher.
 */
@Configuration(proxyBeanMethods = false)
class AmazonConfig {

    private static final Logger log = LoggerFactory.getLogger(AmazonConfig.class);

    static final String RESILIENCE_NAME = "amazon";

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    EnricherMetrics enricherMetrics(MeterRegistry registry) {
        return new EnricherMetrics(registry);
    }

    @Bean
    TokenCipher tokenCipher(EnricherProperties properties) {
        return new TokenCipher(TokenKeyRing.parse(properties.tokenKeys()));
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService enricherScheduler() {
        AtomicInteger count = new AtomicInteger();
        return Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "enricher-scheduler-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** As many pooled connections as the bulkhead has threads: each call runs on one of them. */
    @Bean(destroyMethod = "close")
    CloseableHttpClient amazonHttpClient(EnricherProperties properties, ThreadPoolBulkheadRegistry bulkheads) {
        return LoginWithAmazon.httpClient(properties.amazon().connectTimeout(), properties.amazon().requestTimeout(),
                bulkheads.bulkhead(RESILIENCE_NAME).getBulkheadConfig().getMaxThreadPoolSize());
    }

    @Bean
    LoginWithAmazon loginWithAmazon(CloseableHttpClient amazonHttpClient, JsonMapper json, EnricherMetrics metrics) {
        return new LoginWithAmazon(amazonHttpClient, json, metrics);
    }

    @Bean
    ResilientAmazon resilientAmazon(LoginWithAmazon amazon, RetryRegistry retries, CircuitBreakerRegistry breakers,
            ThreadPoolBulkheadRegistry bulkheads, ScheduledExecutorService enricherScheduler, Clock clock,
            EnricherMetrics metrics, CheckoutTracing tracing, EnricherProperties properties) {
        ThreadPoolBulkhead bulkhead = bulkheads.bulkhead(RESILIENCE_NAME);
        Retry retry = retries.retry(RESILIENCE_NAME);
        log.info("Login with Amazon: {}-{} concurrent calls, {} queued; transient failures retried for {} "
                        + "(never past the token's life, at most {} attempts)",
                bulkhead.getBulkheadConfig().getCoreThreadPoolSize(), bulkhead.getBulkheadConfig().getMaxThreadPoolSize(),
                bulkhead.getBulkheadConfig().getQueueCapacity(), properties.retryWindow(),
                retry.getRetryConfig().getMaxAttempts());
        return new ResilientAmazon(amazon, retry, breakers.circuitBreaker(RESILIENCE_NAME), bulkhead,
                enricherScheduler, clock, metrics, tracing);
    }

    @Bean
    CheckoutEnricher checkoutEnricher(EnricherProperties properties, TokenCipher cipher, ResilientAmazon amazon,
            Clock clock) {
        String clientId = RequiredSetting.require(properties.amazon().clientId(), "AMAZON_CLIENT_ID",
                "our Login with Amazon client id, which every token's tokeninfo aud must equal");
        String baseUrl = RequiredSetting.require(properties.amazon().baseUrl(), "AMAZON_API_BASE_URL",
                "the Login with Amazon host");
        AmazonHosts hosts = new AmazonHosts(baseUrl, properties.amazon().billerBaseUrls());
        return new CheckoutEnricher(cipher, amazon, hosts, clientId, properties.tokenLifetime(),
                properties.retryWindow(), clock);
    }
}

package io.checkoutrelay.enricher.config;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The enricher's settings ({@code relay.enricher.*}); application.yml maps the contract's environment
 * variables onto them.
 *
 * @param autoOffsetReset where a consumer group without committed offsets starts (earliest: nothing is skipped)
 * @param maxInFlight     input records processed at once (different checkouts); beyond it the consumer pauses
 * @param tokenLifetime   how long a Login with Amazon token lives after capture (60 minutes)
 * @param retryWindow     how long transient failures are retried from the start of processing (the retry
 *                        budget; resilience4j's attempt count is set high so that this ends it); the token's life caps it
 * @param drainTimeout    how long a stopping service waits for records in flight before it commits and exits
 */
@ConfigurationProperties("relay.enricher")
public record EnricherProperties(
        @DefaultValue("profile-enricher") String consumerGroup,
        @DefaultValue("earliest") String autoOffsetReset,
        @DefaultValue("64") int maxInFlight,
        @DefaultValue("100ms") Duration pollTimeout,
        @DefaultValue("60m") Duration tokenLifetime,
        @DefaultValue("10m") Duration retryWindow,
        @DefaultValue("20s") Duration drainTimeout,
        String schemaRegistryUrl,
        String tokenKeys,
        @DefaultValue Amazon amazon) {

    /**
     * @param baseUrl        AMAZON_API_BASE_URL: the default Login with Amazon host
     * @param clientId       AMAZON_CLIENT_ID: tokeninfo's aud must equal it (required)
     * @param billerBaseUrls host per CRM Amazon biller id, for merchants with EU or JP accounts
     */
    public record Amazon(
            @DefaultValue("https://api.amazon.com") String baseUrl,
            String clientId,
            Map<Long, String> billerBaseUrls,
            @DefaultValue("2s") Duration connectTimeout,
            @DefaultValue("5s") Duration requestTimeout) {
    }
}

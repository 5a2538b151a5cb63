package io.checkoutrelay.importer.config;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import io.checkoutrelay.schemas.topic.TopicSpec;
import io.checkoutrelay.schemas.topic.Topics;

/**
 * Every {@code crm-importer.*} setting. The required ones (CRM credentials, token keys) make the
 * service refuse to start, naming the environment variable, when they are missing.
 */
@ConfigurationProperties("crm-importer")
public record ImporterProperties(
        String registryUrl,
        String tokenKeys,
        @DefaultValue CheckoutChamp checkoutchamp,
        @DefaultValue TopicNames topics,
        @DefaultValue Consumer consumer,
        @DefaultValue Retry retry,
        @DefaultValue Ledger ledger) {

    public ImporterProperties {
        require(checkoutchamp.loginId(), "CHECKOUTCHAMP_LOGIN_ID");
        require(checkoutchamp.password(), "CHECKOUTCHAMP_PASSWORD");
        require(tokenKeys, "RELAY_TOKEN_KEYS");
        if (checkoutchamp.maxConcurrentCalls() < 1) {
            throw new IllegalArgumentException("crm-importer.checkoutchamp.max-concurrent-calls must be at least 1");
        }
    }

    /** The CRM API: where, who, how long to wait and how many calls at once. */
    public record CheckoutChamp(
            @DefaultValue("https://api.checkoutchamp.com") String baseUrl,
            String loginId,
            String password,
            @DefaultValue("10s") Duration connectTimeout,
            @DefaultValue("30s") Duration requestTimeout,
            @DefaultValue("10") int maxConcurrentCalls) {

        @Override
        public String toString() {
            return "CheckoutChamp[baseUrl=" + baseUrl + ", loginId=" + loginId + ", password=(redacted)]";
        }
    }

    /**
     * The names of the input topic and the ledger (compacted, co-partitioned with the input: the topics
     * command gives every topic one partition count). Tests give each run topics of its own.
     */
    public record TopicNames(
            @DefaultValue("amazon.checkout.enriched.v1") String input,
            @DefaultValue("crm-importer.ledger.v1") String ledger) {

        /** What the importer writes ({@link Topics#CRM_IMPORTER_OUTPUTS}), its ledger and dead letters named as set here. */
        public List<TopicSpec> outputs() {
            TopicSpec ledgerTopic = Topics.IMPORTER_LEDGER.named(ledger);
            TopicSpec deadLetters = Topics.CHECKOUT_ENRICHED.named(input).deadLetter();
            return Topics.CRM_IMPORTER_OUTPUTS.stream().map(spec -> spec.equals(Topics.IMPORTER_LEDGER) ? ledgerTopic
                    : spec.equals(Topics.CHECKOUT_ENRICHED_DLT) ? deadLetters : spec).toList();
        }
    }

    /** The input consumer: group and how many records may be in flight at once. */
    public record Consumer(
            @DefaultValue("crm-importer") String groupId,
            @DefaultValue("512") int maxInFlight,
            @DefaultValue("60s") Duration revokeWait,
            @DefaultValue("45s") Duration sessionTimeout) {
    }

    /**
     * Retries of transient CRM failures: exponential backoff with jitter (resilience4j's interval
     * function), at most {@code maxRetries}, and never past the token's deadline minus
     * {@code tokenSafetyMargin}: with the defaults the token's life is the bound that matters.
     * After an ambiguous answer to a money-moving call (a gateway's 5xx, a timeout, an unreadable body)
     * Order Query waits the CRM request timeout plus {@code settleDelay}, so that a request still inside
     * the CRM has finished; PARTIAL must then be read again at least {@code partialConfirmInterval}
     * later before the call is sent again.
     */
    public record Retry(
            @DefaultValue("200ms") Duration initialBackoff,
            @DefaultValue("2.0") double multiplier,
            @DefaultValue("0.5") double jitter,
            @DefaultValue("30s") Duration maxBackoff,
            @DefaultValue("120") int maxRetries,
            @DefaultValue("30s") Duration tokenSafetyMargin,
            @DefaultValue("5s") Duration settleDelay,
            @DefaultValue("30s") Duration partialConfirmInterval) {

        public Retry {
            if (settleDelay.isNegative()) {
                throw new IllegalArgumentException("crm-importer.retry.settle-delay (CRMIMPORTER_RETRY_SETTLEDELAY) "
                        + "must be zero or more, not " + settleDelay);
            }
            if (partialConfirmInterval.toMillis() < 100 || partialConfirmInterval.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new IllegalArgumentException("crm-importer.retry.partial-confirm-interval "
                        + "(CRMIMPORTER_RETRY_PARTIALCONFIRMINTERVAL) must be between 100ms and 10m, not "
                        + partialConfirmInterval);
            }
        }
    }

    /**
     * The in-memory ledger: entries held at most over the owned partitions; beyond it settled entries unchanged
     * for two hours are forgotten, the longest unchanged first (about 0.35 KiB of heap each).
     */
    public record Ledger(@DefaultValue("50000") int maxEntries) {

        public Ledger {
            if (maxEntries < 1) {
                throw new IllegalArgumentException("crm-importer.ledger.max-entries (CRMIMPORTER_LEDGER_MAXENTRIES) "
                        + "must be positive, not " + maxEntries);
            }
        }
    }

    private static void require(String value, String variable) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(variable + " is required but not set");
        }
    }

    @Override
    public String toString() {
        return "ImporterProperties[registryUrl=" + registryUrl + ", tokenKeys=(redacted), checkoutchamp="
                + checkoutchamp + ", topics=" + topics + ", consumer=" + consumer + ", retry=" + retry + ", ledger=" + ledger + "]";
    }
}

package io.checkoutrelay.intake.config;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the intake (prefix {@code intake}); application.yml maps the contract's environment
 * variables onto them.
 *
 * @param allowedOrigins  lander origins allowed by CORS (INTAKE_ALLOWED_ORIGINS)
 * @param trustedProxies  addresses or CIDR ranges of proxies whose X-Forwarded-For is believed
 * @param maxBodySize     request bodies above this get 413
 * @param publish         bounds on making a checkout durable
 * @param rateLimit       per-client request budget
 * @param status          status view and long polling
 * @param clientPrices    which campaigns take the prices a lander sends (default: none)
 */
@ConfigurationProperties(prefix = "intake")
public record IntakeProperties(
        @DefaultValue List<String> allowedOrigins,
        @DefaultValue List<String> trustedProxies,
        @DefaultValue("16KB") DataSize maxBodySize,
        @DefaultValue Publish publish,
        @DefaultValue RateLimit rateLimit,
        @DefaultValue Status status,
        @DefaultValue ClientPrices clientPrices) {

    /**
     * @param timeout how long a request waits for the broker's acknowledgement before answering 503;
     *                the producer's own delivery timeout is derived from it, so the producer gives up first
     */
    /**
     * @param timeout  how long a request waits for its captured record to be acknowledged
     * @param maxBlock how long a send may wait for producer buffer space or metadata
     * @param linger   how long the producer waits to fill a batch (each checkout waits for it twice:
     *                 captured, then status)
     */
    public record Publish(@DefaultValue("5s") Duration timeout, @DefaultValue("2s") Duration maxBlock,
                          @DefaultValue("2ms") Duration linger) {
        public Publish {
            if (linger.isNegative() || linger.compareTo(timeout) >= 0) {
                throw new IllegalArgumentException("intake.publish.linger (INTAKE_PUBLISH_LINGER) must be at least 0"
                        + " and below intake.publish.timeout (" + timeout + "), not " + linger);
            }
        }
    }

    /**
     * @param requestsPerSecond sustained requests per client and second
     * @param burst             requests a client may make at once
     * @param maxClients        clients tracked at once; beyond it the idlest are forgotten
     */
    public record RateLimit(@DefaultValue("true") boolean enabled, @DefaultValue("10") double requestsPerSecond,
                            @DefaultValue("30") int burst, @DefaultValue("100000") int maxClients) {
    }

    /**
     * @param maxWait        the largest waitSeconds a GET may ask for
     * @param upsellGrace    how long an upsell for a checkout this replica has not seen yet waits for it
     * @param maxWaiters     long polls held at once; beyond it GET answers at once
     * @param loadProgressEvery while loading the status view at start, how often its progress is logged
     * @param maxEntries     checkouts the status view holds at most; beyond it the settled, then the longest
     *                       unchanged are forgotten (they answer 404 as after the topic's retention)
     */
    public record Status(@DefaultValue("30s") Duration maxWait, @DefaultValue("3s") Duration upsellGrace,
                         @DefaultValue("20000") int maxWaiters, @DefaultValue("5s") Duration loadProgressEvery,
                         @DefaultValue("50000") int maxEntries) {
        public Status {
            if (maxEntries < 1) {
                throw new IllegalArgumentException("intake.status.max-entries (INTAKE_STATUS_MAXENTRIES) must be"
                        + " positive, not " + maxEntries);
            }
            if (loadProgressEvery.isNegative() || loadProgressEvery.isZero()) {
                throw new IllegalArgumentException("intake.status.load-progress-every"
                        + " (INTAKE_STATUS_LOADPROGRESSEVERY) must be positive, not " + loadProgressEvery);
            }
        }
    }

    /**
     * The price policy. A lander's {@code price} and {@code replaceProductId} come from the buyer's
     * browser, so anyone can change them; by default they are removed and the CRM charges its campaign
     * prices. Only the campaigns listed here keep them (e.g. a campaign whose products have no price in
     * the CRM and whose lander must set it), accepting that a buyer can change the price of that
     * campaign's products.
     *
     * @param campaigns CheckoutChamp campaign ids whose lander prices are accepted
     *                  (INTAKE_CLIENTPRICES_CAMPAIGNS, comma-separated)
     */
    public record ClientPrices(@DefaultValue List<Long> campaigns) {
        public ClientPrices {
            for (Long campaign : campaigns) {
                if (campaign == null || campaign <= 0) {
                    throw new IllegalArgumentException("intake.client-prices.campaigns (INTAKE_CLIENTPRICES_CAMPAIGNS)"
                            + " must list positive campaign ids, not " + campaigns);
                }
            }
            campaigns = List.copyOf(campaigns);
        }
    }
}

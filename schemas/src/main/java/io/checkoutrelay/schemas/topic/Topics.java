package io.checkoutrelay.schemas.topic;

import java.time.Duration;
import java.util.List;

/**
 * The topics of checkout-relay: names and settings, defined once. Every topic's key is the
 * checkoutId as a string (see {@link #CHECKOUT_STATUS} for the one refinement); values are Avro in
 * the Confluent wire format.
 */
public final class Topics {

    /** Written by order-intake: {@code AmazonCheckoutCaptured}. Holds encrypted tokens: short retention. */
    public static final TopicSpec CHECKOUT_CAPTURED = new TopicSpec("amazon.checkout.captured.v1",
            TopicSpec.DELETE, Duration.ofHours(6), "checkouts and upsells accepted from landers");

    /** Written by profile-enricher: {@code AmazonCheckoutEnriched}. Holds encrypted tokens: short retention. */
    public static final TopicSpec CHECKOUT_ENRICHED = new TopicSpec("amazon.checkout.enriched.v1",
            TopicSpec.DELETE, Duration.ofHours(6), "checkouts with a verified buyer");

    /** Written by crm-importer: {@code OrderImported}. Read by analytics: long retention. */
    public static final TopicSpec ORDER_IMPORTED = new TopicSpec("crm.order.imported.v1",
            TopicSpec.DELETE, Duration.ofDays(90), "orders and upsells now in CheckoutChamp");

    /** Written by profile-enricher and crm-importer: {@code OrderDeclined}. Long retention. */
    public static final TopicSpec ORDER_DECLINED = new TopicSpec("crm.order.declined.v1",
            TopicSpec.DELETE, Duration.ofDays(90), "declined orders and upsells with what can be done");

    /**
     * Written by every stage: {@code CheckoutStatusChanged}, compacted. Key: the checkoutId for the
     * order's status, {@link #upsellStatusKey} for an upsell's, so compaction keeps each one's latest.
     */
    public static final TopicSpec CHECKOUT_STATUS = new TopicSpec("checkout.status.v1",
            TopicSpec.COMPACT, null, "current status of every order and upsell");

    /** Default partition count; the importer's ledger must have the same count as its input. */
    public static final int DEFAULT_PARTITIONS = 6;

    private Topics() {
    }

    public static List<TopicSpec> all() {
        return List.of(CHECKOUT_CAPTURED, CHECKOUT_ENRICHED, ORDER_IMPORTED, ORDER_DECLINED, CHECKOUT_STATUS);
    }

    public static String upsellStatusKey(String checkoutId, String upsellId) {
        return checkoutId + ":" + upsellId;
    }
}

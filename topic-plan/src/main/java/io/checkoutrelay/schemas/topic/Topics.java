package io.checkoutrelay.schemas.topic;

import java.time.Duration;
import java.util.List;

/**
 * The topics of checkout-relay: names and configs, declared once. The topics command
 * ({@code topics.jar create|verify}, the Helm hook), the local run and the tests create them from
 * here with a {@link TopicLayout}; the services only check that theirs exist. Every topic's key is the
 * checkoutId as a string (see {@link #CHECKOUT_STATUS} for the one refinement); values are Avro in the
 * Confluent wire format.
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
     * How long a checkout's status is kept after its last change: well past the replay window (the
     * captured and enriched topics keep 6 hours), so landers, support and the replay tool see it;
     * older statuses are deleted, and the status API answers 404 for them.
     */
    public static final Duration STATUS_RETENTION = Duration.ofDays(7);

    /**
     * Written by every stage: {@code CheckoutStatusChanged}, compacted (each key keeps its latest) and
     * deleted after {@link #STATUS_RETENTION} (segments roll daily, so a status goes between 7 and 8
     * days after its last change). Key: the checkoutId for the order's status,
     * {@link #upsellStatusKey} for an upsell's.
     */
    public static final TopicSpec CHECKOUT_STATUS = new TopicSpec("checkout.status.v1",
            TopicSpec.COMPACT_DELETE, STATUS_RETENTION, Duration.ofDays(1), "current status of every order and upsell");

    /**
     * How long crm-importer's ledger remembers a checkout after its last change: longer than anything
     * else remembers it. A record of a checkout can reach the importer with a live token (one that could
     * charge) only within the token's 60 minutes after capture (redeliveries, racing duplicates,
     * upsells, the next attempt) or as a new submission the intake accepts, and the intake treats the
     * same Amazon reference as the same checkout for {@link #STATUS_RETENTION} after its last status:
     * so 7 days plus one. Every later record of it (a replay, a dead letter replayed from its 14 days)
     * has a dead token; the importer refuses one its ledger no longer knows, without calling the CRM
     * (crm-importer README, "The ledger").
     */
    public static final Duration LEDGER_RETENTION = STATUS_RETENTION.plusDays(1);

    /**
     * crm-importer's ledger: compacted and deleted after {@link #LEDGER_RETENTION} (segments roll daily),
     * co-partitioned with its input (same key, same partition count). The importer holds in memory only
     * the entries changed within {@link #LEDGER_RETENTION}, on restore as well.
     */
    public static final TopicSpec IMPORTER_LEDGER = new TopicSpec("crm-importer.ledger.v1",
            TopicSpec.COMPACT_DELETE, LEDGER_RETENTION, Duration.ofDays(1),
            "crm-importer's ledger: one record per checkout changed in the last 8 days");

    /** Dead letters of profile-enricher's input. */
    public static final TopicSpec CHECKOUT_CAPTURED_DLT = CHECKOUT_CAPTURED.deadLetter();

    /** Dead letters of crm-importer's input. */
    public static final TopicSpec CHECKOUT_ENRICHED_DLT = CHECKOUT_ENRICHED.deadLetter();

    /** Partition count of the local run and the tests ({@link TopicLayout#LOCAL}). */
    public static final int DEFAULT_PARTITIONS = 6;

    /** What order-intake writes; it is not ready until they exist. */
    public static final List<TopicSpec> ORDER_INTAKE_OUTPUTS = List.of(CHECKOUT_CAPTURED, CHECKOUT_STATUS);

    /** What profile-enricher writes; it is not ready until they exist. */
    public static final List<TopicSpec> PROFILE_ENRICHER_OUTPUTS = List.of(CHECKOUT_ENRICHED, ORDER_DECLINED,
            CHECKOUT_STATUS, CHECKOUT_CAPTURED_DLT);

    /** What crm-importer writes; it is not ready until they exist. */
    public static final List<TopicSpec> CRM_IMPORTER_OUTPUTS = List.of(ORDER_IMPORTED, ORDER_DECLINED,
            CHECKOUT_STATUS, IMPORTER_LEDGER, CHECKOUT_ENRICHED_DLT);

    private Topics() {
    }

    /** Every topic of the system, dead letters and the ledger included: what the topics command provisions. */
    public static List<TopicSpec> all() {
        return List.of(CHECKOUT_CAPTURED, CHECKOUT_ENRICHED, ORDER_IMPORTED, ORDER_DECLINED, CHECKOUT_STATUS,
                IMPORTER_LEDGER, CHECKOUT_CAPTURED_DLT, CHECKOUT_ENRICHED_DLT);
    }

    public static String upsellStatusKey(String checkoutId, String upsellId) {
        return checkoutId + ":" + upsellId;
    }
}

package io.checkoutrelay.enricher.checkout;

import io.checkoutrelay.schemas.AmazonCheckoutCaptured;
import io.checkoutrelay.schemas.AmazonCheckoutEnriched;
import io.checkoutrelay.schemas.CheckoutKind;
import io.checkoutrelay.schemas.CheckoutStatus;
import io.checkoutrelay.schemas.CheckoutStatusChanged;
import io.checkoutrelay.schemas.Decline;
import io.checkoutrelay.schemas.OrderDeclined;
import io.checkoutrelay.schemas.topic.Topics;
import java.time.Instant;
import java.util.Map;

/** The records the enricher writes, built from the captured checkout. None holds a decrypted token. */
public final class CheckoutRecords {

    public static final String CHANGED_BY = "profile-enricher";

    private CheckoutRecords() {
    }

    public static AmazonCheckoutEnriched enriched(AmazonCheckoutCaptured captured, Outcome.Enriched outcome, Instant now) {
        return AmazonCheckoutEnriched.newBuilder()
                .setCheckoutId(captured.getCheckoutId())
                .setCaptured(captured)
                .setBuyer(outcome.buyer())
                .setTokenExpiresAt(outcome.tokenExpiresAt())
                .setEnrichedAt(now)
                .build();
    }

    public static OrderDeclined declined(AmazonCheckoutCaptured captured, Outcome.Declined outcome, SourceRecord source,
            Instant now) {
        boolean order = captured.getKind() == CheckoutKind.ORDER;
        return OrderDeclined.newBuilder()
                .setCheckoutId(captured.getCheckoutId())
                .setKind(captured.getKind())
                .setUpsellId(order ? null : captured.getUpsell().getUpsellId())
                .setAttempt(captured.getAttempt())
                .setDecline(decline(outcome))
                .setDeclinedBy(CHANGED_BY)
                .setRawMessage(outcome.rawMessage())
                .setFieldErrors(Map.of())
                .setCrmOrderId(null)
                .setCampaignId(order ? captured.getOrder().getCampaignId() : null)
                .setAmazonOrderReferenceId(captured.getAmazon().getOrderReferenceId())
                .setSourceTopic(source.topic())
                .setSourcePartition(source.partition())
                .setSourceOffset(source.offset())
                .setDeclinedAt(now)
                .build();
    }

    public static CheckoutStatusChanged status(AmazonCheckoutCaptured captured, CheckoutStatus status,
            Outcome.Declined decline, Instant now) {
        boolean order = captured.getKind() == CheckoutKind.ORDER;
        return CheckoutStatusChanged.newBuilder()
                .setCheckoutId(captured.getCheckoutId())
                .setKind(captured.getKind())
                .setUpsellId(order ? null : captured.getUpsell().getUpsellId())
                .setProductId(order ? null : captured.getUpsell().getProductId())
                .setAttempt(captured.getAttempt())
                .setStatus(status)
                .setCrmOrderId(null)
                .setDecline(decline == null ? null : decline(decline))
                .setChangedBy(CHANGED_BY)
                .setChangedAt(now)
                .build();
    }

    /** checkoutId for the order's status, checkoutId:upsellId for an upsell's (see Topics). */
    public static String statusKey(AmazonCheckoutCaptured captured) {
        return captured.getKind() == CheckoutKind.ORDER
                ? captured.getCheckoutId()
                : Topics.upsellStatusKey(captured.getCheckoutId(), captured.getUpsell().getUpsellId());
    }

    private static Decline decline(Outcome.Declined outcome) {
        return Decline.newBuilder().setDeclineClass(outcome.declineClass()).setReason(outcome.reason())
                .setMessage(outcome.message()).build();
    }
}

package io.checkoutrelay.replay.declined;

import io.checkoutrelay.replay.cli.Position;
import io.checkoutrelay.schemas.CheckoutKind;
import io.checkoutrelay.schemas.OrderDeclined;
import io.checkoutrelay.schemas.topic.Topics;

/** A decline and where it is on crm.order.declined.v1. */
public record DeclineAt(int partition, long offset, OrderDeclined decline) {

    /** The key the checkout's status has on checkout.status.v1: the checkoutId, or checkoutId:upsellId. */
    public String statusKey() {
        return decline.getKind() == CheckoutKind.UPSELL
                ? Topics.upsellStatusKey(decline.getCheckoutId(), decline.getUpsellId())
                : decline.getCheckoutId();
    }

    /** Where the declined record is, or null when the decline does not say. */
    public Position source() {
        return decline.getSourceTopic() == null || decline.getSourcePartition() == null
                || decline.getSourceOffset() == null ? null
                : new Position(decline.getSourceTopic(), decline.getSourcePartition(), decline.getSourceOffset());
    }

    public Position position() {
        return new Position(Topics.ORDER_DECLINED.name(), partition, offset);
    }

    /** How the report names it: the checkout, and the upsell when it is one. */
    public String subject() {
        return "checkout " + decline.getCheckoutId()
                + (decline.getKind() == CheckoutKind.UPSELL ? " upsell " + decline.getUpsellId() : "");
    }

    /** Class, reason, stage and time, for the report. */
    public String describe() {
        return decline.getDecline().getDeclineClass() + " " + decline.getDecline().getReason() + " by "
                + decline.getDeclinedBy() + " at " + decline.getDeclinedAt() + ", attempt " + decline.getAttempt();
    }
}

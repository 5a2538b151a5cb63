package io.checkoutrelay.intake.status;

import io.checkoutrelay.schemas.CheckoutStatus;
import io.checkoutrelay.schemas.CheckoutStatusChanged;
import io.checkoutrelay.schemas.Decline;
import io.checkoutrelay.schemas.DeclineClass;
import java.time.Instant;

/** The latest known status of an order or an upsell, as the status topic told it. */
public record StatusEntry(int attempt, CheckoutStatus status, String crmOrderId, Decline decline, Long productId,
                          Long campaignId, Instant changedAt) {

    static StatusEntry of(CheckoutStatusChanged change) {
        return new StatusEntry(change.getAttempt(), change.getStatus(), change.getCrmOrderId(), change.getDecline(),
                change.getProductId(), change.getCampaignId(), change.getChangedAt());
    }

    /**
     * This entry with what only some records carry (an upsell's product id, the order's campaign id,
     * written by the intake alone) filled in from {@code previous} where this entry lacks it.
     */
    StatusEntry keeping(StatusEntry previous) {
        if (previous == null || (productId != null && campaignId != null)) {
            return this;
        }
        return new StatusEntry(attempt, status, crmOrderId, decline,
                productId != null ? productId : previous.productId,
                campaignId != null ? campaignId : previous.campaignId, changedAt);
    }

    public boolean settled() {
        return status == CheckoutStatus.IMPORTED || status == CheckoutStatus.DECLINED;
    }

    /** Declined in a way the buyer can fix in the Wallet widget: a resubmission is a new attempt. */
    public boolean awaitsCustomerAction() {
        return status == CheckoutStatus.DECLINED && decline != null
                && decline.getDeclineClass() == DeclineClass.CUSTOMER_ACTION;
    }

    /**
     * Whether {@code next} replaces this entry: a higher attempt always does, a lower one never; within
     * an attempt a settled status is never replaced by an unsettled one, and ACCEPTED never replaces a
     * later stage (the intake's own record may arrive after the enricher's).
     */
    boolean supersededBy(StatusEntry next) {
        if (next.attempt != attempt) {
            return next.attempt > attempt;
        }
        if (settled()) {
            return next.settled();
        }
        return next.status != CheckoutStatus.ACCEPTED || status == CheckoutStatus.ACCEPTED;
    }
}

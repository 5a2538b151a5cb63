package io.checkoutrelay.intake.status;

import io.checkoutrelay.schemas.CheckoutStatus;
import io.checkoutrelay.schemas.CheckoutStatusChanged;
import io.checkoutrelay.schemas.Decline;
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

    /**
     * Attempt 0 is a status for an attempt its writer could not read (a record that could not be read,
     * dead-lettered with a DECLINED status): it is taken as the attempt the view holds ({@code current}'s),
     * 1 when there is none.
     */
    StatusEntry forAttemptOf(StatusEntry current) {
        if (attempt != 0) {
            return this;
        }
        return new StatusEntry(current == null ? 1 : current.attempt, status, crmOrderId, decline, productId,
                campaignId, changedAt);
    }

    public boolean settled() {
        return status == CheckoutStatus.IMPORTED || status == CheckoutStatus.DECLINED;
    }

    /**
     * Whether {@code next} replaces this entry. IMPORTED is final: only IMPORTED restated for the same or a
     * higher attempt replaces it (the importer restates it for every later record of the checkout), never a
     * decline, an earlier stage or a lower attempt. Otherwise a higher attempt always replaces, a lower one
     * never; within an attempt a settled status is never replaced by an unsettled one, and ACCEPTED never
     * replaces a later stage (the intake's own record may arrive after the enricher's).
     */
    boolean supersededBy(StatusEntry next) {
        if (status == CheckoutStatus.IMPORTED) {
            return next.status == CheckoutStatus.IMPORTED && next.attempt >= attempt;
        }
        if (next.attempt != attempt) {
            return next.attempt > attempt;
        }
        if (settled()) {
            return next.settled();
        }
        return next.status != CheckoutStatus.ACCEPTED || status == CheckoutStatus.ACCEPTED;
    }
}

package io.checkoutrelay.sandbox.crm;

import java.time.Duration;

/**
 * What a money-moving call (Import Order, Import Upsale) does: charge, decline with a reason, or
 * answer {@code unchanged} without touching the order. A charge or decline may be answered late.
 */
public record SaleVerdict(String declineReason, CrmReply unchanged, Duration delayAfterApply) {

    public static SaleVerdict charge() {
        return new SaleVerdict(null, null, Duration.ZERO);
    }

    public static SaleVerdict decline(String reason) {
        return new SaleVerdict(reason, null, Duration.ZERO);
    }

    public static SaleVerdict answerWithoutChange(CrmReply reply) {
        return new SaleVerdict(null, reply, Duration.ZERO);
    }

    public SaleVerdict answeredAfter(Duration delay) {
        return new SaleVerdict(declineReason, unchanged, delayAfterApply.plus(delay));
    }

    public boolean changesNothing() {
        return unchanged != null;
    }

    public boolean declines() {
        return declineReason != null;
    }

    /** The reply for an applied verdict, delayed when asked to. */
    public CrmReply reply(CrmOrder order) {
        CrmReply reply = declines() ? CrmReply.declined(declineReason) : CrmReply.success(OrderMessage.of(order));
        return reply.delayedBy(delayAfterApply);
    }
}

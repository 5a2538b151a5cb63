package io.checkoutrelay.importer.ledger;

/**
 * One upsell of a checkout in the ledger.
 *
 * @param state          where it stands
 * @param productId      the upsell's product
 * @param attempt        the upsell's attempt this state belongs to (a resubmission after CUSTOMER_ACTION is a
 *                       higher one); entries written before attempts were kept read as 1
 * @param quantityBefore how many of the product the CRM order held (over all its lines) just before Import
 *                       Upsale was sent, read by Order Query: after an ambiguous answer, at least that many
 *                       plus the upsell's quantity means the upsell was added, that many means it was not. Null
 *                       when unknown (an entry written by an earlier version, which counted lines): such an
 *                       outcome is never taken as "not added"
 * @param declineClass   set when DECLINED
 * @param reason         set when DECLINED
 * @param unsettled      DECLINED (UNAVAILABLE) while an Import Upsale outcome was still unknown
 */
public record UpsellEntry(LedgerState state, long productId, int attempt, Long quantityBefore, String declineClass,
                          String reason, boolean unsettled) {

    public UpsellEntry {
        attempt = Math.max(1, attempt);
    }

    public static UpsellEntry submitting(long productId, int attempt, long quantityBefore) {
        return new UpsellEntry(LedgerState.SUBMITTING, productId, attempt, quantityBefore, null, null, false);
    }

    public UpsellEntry imported() {
        return new UpsellEntry(LedgerState.IMPORTED, productId, attempt, quantityBefore, null, null, false);
    }

    public static UpsellEntry declined(long productId, int attempt, Long quantityBefore, String declineClass,
            String reason, boolean unsettled) {
        return new UpsellEntry(LedgerState.DECLINED, productId, attempt, quantityBefore, declineClass, reason,
                unsettled);
    }

    /** SUBMITTING, or declined while its outcome was unknown: Order Query must settle it before anything is sent. */
    public boolean pending() {
        return state == LedgerState.SUBMITTING || unsettled;
    }
}

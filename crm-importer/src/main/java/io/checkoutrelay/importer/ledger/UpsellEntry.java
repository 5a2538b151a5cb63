package io.checkoutrelay.importer.ledger;

/**
 * One upsell of a checkout in the ledger.
 *
 * @param state        where it stands
 * @param productId    the upsell's product
 * @param countBefore  how many lines of that product the CRM order had before Import Upsale was sent:
 *                     after an unknown outcome, more lines than this means the upsell was added
 * @param declineClass set when DECLINED
 * @param reason       set when DECLINED
 * @param unsettled    DECLINED (UNAVAILABLE) while an Import Upsale outcome was still unknown
 */
public record UpsellEntry(LedgerState state, long productId, long countBefore, String declineClass, String reason,
                          boolean unsettled) {

    public static UpsellEntry submitting(long productId, long countBefore) {
        return new UpsellEntry(LedgerState.SUBMITTING, productId, countBefore, null, null, false);
    }

    public UpsellEntry imported() {
        return new UpsellEntry(LedgerState.IMPORTED, productId, countBefore, null, null, false);
    }

    public static UpsellEntry declined(long productId, long countBefore, String declineClass, String reason,
            boolean unsettled) {
        return new UpsellEntry(LedgerState.DECLINED, productId, countBefore, declineClass, reason, unsettled);
    }
}

package io.checkoutrelay.importer.ledger;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the importer knows about one checkout with the CRM: the ledger record (key checkoutId,
 * compacted, so each value is complete on its own).
 *
 * @param orderId        the CRM order (lead) id, once Import Lead answered
 * @param state          the order's state
 * @param attempt        the checkout attempt this state belongs to
 * @param declineClass   set when DECLINED
 * @param reason         set when DECLINED
 * @param unsettled      DECLINED (UNAVAILABLE) while an Import Order outcome was still unknown: a replay
 *                       must ask Order Query first
 * @param declinedBefore the CRM order was declined by an earlier attempt, so a DECLINED status from Order
 *                       Query does not tell about this attempt (a declined order holds no charge; sending
 *                       again is safe)
 * @param productIds     the CRM order's product lines as last reported (to settle unknown upsell outcomes)
 * @param upsells        upsells by upsellId
 */
public record LedgerEntry(String checkoutId, String orderId, String customerId, LedgerState state, int attempt,
                          String declineClass, String reason, boolean unsettled, boolean declinedBefore,
                          List<Long> productIds, Map<String, UpsellEntry> upsells, long updatedAt) {

    public LedgerEntry {
        productIds = productIds == null ? List.of() : List.copyOf(productIds);
        upsells = upsells == null ? Map.of() : Map.copyOf(upsells);
    }

    public static LedgerEntry lead(String checkoutId, String orderId, int attempt) {
        return new LedgerEntry(checkoutId, orderId, null, LedgerState.LEAD, attempt, null, null, false, false,
                List.of(), Map.of(), System.currentTimeMillis());
    }

    /** A decline before any CRM order existed (Import Lead refused). */
    public static LedgerEntry declinedWithoutOrder(String checkoutId, int attempt, String declineClass, String reason) {
        return new LedgerEntry(checkoutId, null, null, LedgerState.DECLINED, attempt, declineClass, reason, false,
                false, List.of(), Map.of(), System.currentTimeMillis());
    }

    public LedgerEntry submitting(int forAttempt) {
        boolean wasDeclined = declinedBefore || (state == LedgerState.DECLINED && !unsettled);
        return new LedgerEntry(checkoutId, orderId, customerId, LedgerState.SUBMITTING, forAttempt, null, null, false,
                wasDeclined, productIds, upsells, System.currentTimeMillis());
    }

    /** A definite, transient decline (ProcessingFailure, ...): nothing is pending; sending again is safe. */
    public LedgerEntry retryable() {
        return new LedgerEntry(checkoutId, orderId, customerId, LedgerState.LEAD, attempt, null, null, false, true,
                productIds, upsells, System.currentTimeMillis());
    }

    /** Imported into {@code crmOrderId}: the lead's id, or the new one when Import Order answered with another. */
    public LedgerEntry imported(String crmOrderId, String crmCustomerId, List<Long> orderProductIds) {
        return new LedgerEntry(checkoutId, crmOrderId, crmCustomerId, LedgerState.IMPORTED, attempt, null, null, false,
                declinedBefore, orderProductIds, upsells, System.currentTimeMillis());
    }

    public LedgerEntry declined(String declineClass, String declineReason, boolean outcomeUnsettled) {
        return new LedgerEntry(checkoutId, orderId, customerId, LedgerState.DECLINED, attempt, declineClass,
                declineReason, outcomeUnsettled, declinedBefore, productIds, upsells, System.currentTimeMillis());
    }

    public LedgerEntry withUpsell(String upsellId, UpsellEntry upsell, List<Long> orderProductIds) {
        Map<String, UpsellEntry> changed = new LinkedHashMap<>(upsells);
        changed.put(upsellId, upsell);
        return new LedgerEntry(checkoutId, orderId, customerId, state, attempt, declineClass, reason, unsettled,
                declinedBefore, orderProductIds == null ? productIds : orderProductIds, changed,
                System.currentTimeMillis());
    }
}

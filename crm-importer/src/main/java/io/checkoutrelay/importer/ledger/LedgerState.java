package io.checkoutrelay.importer.ledger;

/** Where an order or an upsell stands with the CRM. */
public enum LedgerState {
    /** Import Lead created the PARTIAL order {@code orderId}; nothing charged. */
    LEAD,
    /** Import Order / Import Upsale may have been sent: only Order Query may decide what happened. */
    SUBMITTING,
    /** The CRM holds it. Nothing is ever sent for it again. */
    IMPORTED,
    /** Declined for {@code attempt}; see the class for whether a new attempt may follow. */
    DECLINED
}

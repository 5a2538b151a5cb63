package io.checkoutrelay.sandbox.crm;

/** The CRM order states the sandbox uses. */
public enum OrderStatus {
    /** Created by Import Lead: no money moved yet; Import Order with this orderId turns it into a sale. */
    PARTIAL,
    /** Sold. */
    COMPLETE,
    /** The last Import Order on it was declined; it can be imported again. */
    DECLINED
}

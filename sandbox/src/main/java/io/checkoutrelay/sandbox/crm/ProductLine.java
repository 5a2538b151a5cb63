package io.checkoutrelay.sandbox.crm;

import java.math.BigDecimal;

/**
 * A product as a caller sent it ({@code productN_id}, {@code productN_qty}, {@code productN_price},
 * or the {@code productId} of an upsale); {@code idParam} names the parameter it came from.
 */
public record ProductLine(String idParam, long productId, int qty, BigDecimal price) {

    /** The price the sandbox charges when the caller sends none. */
    public static final BigDecimal CATALOG_PRICE = new BigDecimal("19.99");
}

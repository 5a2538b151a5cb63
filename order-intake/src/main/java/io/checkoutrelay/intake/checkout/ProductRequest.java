package io.checkoutrelay.intake.checkout;

import java.math.BigDecimal;

/** One product line of a checkout; price null keeps the CRM's price. */
public record ProductRequest(long productId, int quantity, BigDecimal price) {
}

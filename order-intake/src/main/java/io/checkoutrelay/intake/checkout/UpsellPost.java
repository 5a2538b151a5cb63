package io.checkoutrelay.intake.checkout;

import java.math.BigDecimal;

/** A valid POST /v1/checkouts/{checkoutId}/upsells body. */
public record UpsellPost(long productId, int quantity, BigDecimal price, Long replaceProductId,
                         AmazonAuthorization amazon) {
}

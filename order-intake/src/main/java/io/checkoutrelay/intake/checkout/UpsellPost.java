package io.checkoutrelay.intake.checkout;

import io.checkoutrelay.schemas.identity.CheckoutIds;
import java.math.BigDecimal;

/**
 * A valid POST /v1/checkouts/{checkoutId}/upsells request: the body, and the lander's
 * {@code Idempotency-Key} header (null when it sent none).
 */
public record UpsellPost(long productId, int quantity, BigDecimal price, Long replaceProductId,
                         AmazonAuthorization amazon, String idempotencyKey) {

    /**
     * The upsell's identity (contracts.md, second version): the checkout and the key, or without a key
     * the checkout, the upsell's Amazon reference and its product; so upsells sharing one reference (a
     * billing agreement) are told apart, and the same one sent again is recognised.
     */
    public String upsellIdIn(String checkoutId) {
        return idempotencyKey != null ? CheckoutIds.upsellIdForKey(checkoutId, idempotencyKey)
                : CheckoutIds.upsellIdForReference(checkoutId, amazon.orderReferenceId(), productId);
    }
}

package io.checkoutrelay.bench.soak;

import java.util.List;

/**
 * What the soak's lander does for checkout number {@code sequence}: which product (some the sandbox
 * declines), which upsells (some with an {@code Idempotency-Key}), and whether the buyer tries again
 * after a decline. Deterministic, so a run can be repeated.
 */
record CheckoutPlan(long sequence, long productId, List<Upsell> upsells, boolean retryAfterDecline) {

    /** The sandbox declines the first Import Order (InvalidPaymentMethod), charges the next: attempt 2 is imported. */
    static final long DECLINED_ONCE = 9011;
    /** The sandbox declines every Import Order (InvalidPaymentMethod): attempt 2 is declined again. */
    static final long DECLINED_ALWAYS = 9001;
    static final long PRODUCT = 101;
    static final List<Long> UPSELL_PRODUCTS = List.of(205L, 206L);

    /** One upsell offer; {@code idempotencyKey} null when the lander sends none. */
    record Upsell(long productId, String idempotencyKey) {
    }

    /**
     * 1 in 40 checkouts declined once then charged, 1 in 40 declined every time (both tried again by
     * the buyer, no upsells); of the rest a third have no upsell, a third one, a third two; upsells
     * of even checkouts carry an Idempotency-Key.
     */
    static CheckoutPlan of(long sequence) {
        if (sequence % 40 == 7) {
            return new CheckoutPlan(sequence, DECLINED_ONCE, List.of(), true);
        }
        if (sequence % 40 == 27) {
            return new CheckoutPlan(sequence, DECLINED_ALWAYS, List.of(), true);
        }
        int upsellCount = (int) (sequence % 3);
        List<Upsell> upsells = UPSELL_PRODUCTS.subList(0, upsellCount).stream()
                .map(product -> new Upsell(product, sequence % 2 == 0 ? "offer-" + sequence + "-" + product : null))
                .toList();
        return new CheckoutPlan(sequence, PRODUCT, upsells, false);
    }
}

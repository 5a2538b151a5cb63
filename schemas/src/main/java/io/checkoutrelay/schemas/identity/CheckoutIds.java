package io.checkoutrelay.schemas.identity;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Identity of checkouts and upsells: name-based UUIDs (version 5, SHA-1). A checkout's is that of
 * its Amazon order reference id; an upsell's that of its checkout and its Idempotency-Key, or without
 * one its Amazon reference and product. Two submissions of the same thing, on any replica, get the same
 * id and so the same key, partition and ledger entry downstream.
 */
public final class CheckoutIds {

    /** Fixed namespace of checkout-relay ids. Changing it would split every in-flight checkout in two. */
    private static final UUID NAMESPACE = UUID.fromString("6f1c3a52-9c1e-5b7a-8d0e-3c6a1f2b9e47");

    private CheckoutIds() {
    }

    public static String checkoutId(String amazonOrderReferenceId) {
        return nameBased("checkout:" + amazonOrderReferenceId).toString();
    }

    /**
     * An upsell the lander named with an {@code Idempotency-Key} header (contracts.md, upsell identity,
     * second version): the same key on the same checkout is the same upsell, another key another upsell,
     * whatever Amazon reference pays for them.
     */
    public static String upsellIdForKey(String checkoutId, String idempotencyKey) {
        return nameBased("upsell-key:" + checkoutId + ":" + idempotencyKey).toString();
    }

    /**
     * An upsell posted without an {@code Idempotency-Key}: the checkout, the upsell's Amazon reference
     * and its product, so two products offered on one billing agreement (or on the order's own reference)
     * are two upsells, and a double click on one is one.
     */
    public static String upsellIdForReference(String checkoutId, String amazonOrderReferenceId, long productId) {
        return nameBased("upsell-ref:" + checkoutId + ":" + amazonOrderReferenceId + ":" + productId).toString();
    }

    static UUID nameBased(String name) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            ByteBuffer namespace = ByteBuffer.allocate(16)
                    .putLong(NAMESPACE.getMostSignificantBits()).putLong(NAMESPACE.getLeastSignificantBits());
            sha1.update(namespace.array());
            byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
            hash[6] = (byte) ((hash[6] & 0x0f) | 0x50); // version 5
            hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // IETF variant
            ByteBuffer bits = ByteBuffer.wrap(hash, 0, 16);
            return new UUID(bits.getLong(), bits.getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by the Java platform", e);
        }
    }
}

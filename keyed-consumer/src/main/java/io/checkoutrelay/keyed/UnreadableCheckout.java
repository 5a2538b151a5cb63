package io.checkoutrelay.keyed;

import io.checkoutrelay.schemas.CheckoutKind;
import java.util.Optional;
import java.util.UUID;

/**
 * Which checkout a record that can never be processed was for, as far as it could be read: the whole
 * record when only its token could not be decrypted, else only its key (a checkoutId, so the order's
 * status, for an attempt not known: {@link #UNKNOWN_ATTEMPT}).
 */
public record UnreadableCheckout(String checkoutId, CheckoutKind kind, String upsellId, Long productId, int attempt) {

    /** An attempt the record did not let us read: the status view takes it as the checkout's current attempt. */
    public static final int UNKNOWN_ATTEMPT = 0;

    /** From the record's key, when it is a checkoutId (a UUID); a record without one has no status to write. */
    public static Optional<UnreadableCheckout> fromKey(String key) {
        if (key == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new UnreadableCheckout(UUID.fromString(key).toString(), CheckoutKind.ORDER, null, null,
                    UNKNOWN_ATTEMPT));
        } catch (IllegalArgumentException notACheckoutId) {
            return Optional.empty();
        }
    }
}

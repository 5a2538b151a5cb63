package io.checkoutrelay.intake.checkout;

import java.util.regex.Pattern;

/** A checkoutId in a URL path: a lowercase UUID, as CheckoutIds makes them; anything else is unknown. */
public final class CheckoutIdPath {

    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private CheckoutIdPath() {
    }

    public static boolean isWellFormed(String checkoutId) {
        return checkoutId != null && UUID.matcher(checkoutId).matches();
    }
}

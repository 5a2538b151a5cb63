package io.checkoutrelay.intake.checkout;

import io.checkoutrelay.intake.status.StatusEntry;
import io.checkoutrelay.schemas.CheckoutStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * What to do with a submitted order or upsell, given what this replica knows of it: publish a first
 * attempt (unknown), publish the next attempt where trying again can work, or answer with the existing
 * one (a double click or a network retry, in progress, imported, or a decline that would only repeat).
 * Trying again works after CUSTOMER_ACTION (another payment method chosen in the Wallet widget), after
 * CONSENT (the buyer signed in with Amazon again: a new token) and after UNAVAILABLE while the buyer's
 * token may still live ({@link #TOKEN_LIFETIME} after the decline; Amazon's tokeninfo, asked by the
 * enricher, has the last word). TERMINAL and INVALID_REQUEST would decline again: they stand.
 */
public record Submission(boolean publish, int attempt) {

    /** How long a Login with Amazon access token lives (Amazon documents 60 minutes). */
    public static final Duration TOKEN_LIFETIME = Duration.ofMinutes(60);

    public static Submission given(StatusEntry known, Instant now) {
        if (known == null) {
            return new Submission(true, 1);
        }
        boolean tryAgainWorks = known.status() == CheckoutStatus.DECLINED && known.decline() != null
                && switch (known.decline().getDeclineClass()) {
                    case CUSTOMER_ACTION, CONSENT -> true;
                    case UNAVAILABLE -> now.isBefore(known.changedAt().plus(TOKEN_LIFETIME));
                    case TERMINAL, INVALID_REQUEST -> false;
                };
        return tryAgainWorks ? new Submission(true, known.attempt() + 1) : new Submission(false, known.attempt());
    }
}

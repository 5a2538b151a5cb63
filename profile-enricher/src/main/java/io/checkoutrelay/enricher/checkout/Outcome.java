package io.checkoutrelay.enricher.checkout;

import io.checkoutrelay.schemas.Buyer;
import io.checkoutrelay.schemas.DeclineClass;
import java.time.Instant;

/** What the enricher decided for one captured checkout. */
public sealed interface Outcome {

    /** Token verified; {@code buyer} set for orders, null for upsells; {@code tokenExpiresAt} may be null. */
    record Enriched(Buyer buyer, Instant tokenExpiresAt) implements Outcome {
    }

    /** Declined: CONSENT (token rejected, aud mismatch, expired) or UNAVAILABLE (retry budget spent). */
    record Declined(DeclineClass declineClass, String reason, String message, String rawMessage) implements Outcome {

        static final String CONSENT_MESSAGE = "Your Amazon sign-in is no longer valid. Please sign in with Amazon again and resubmit.";
        static final String UNAVAILABLE_MESSAGE = "We could not confirm your Amazon sign-in right now. Please try again in a few minutes.";

        static Declined consent(String reason, String rawMessage) {
            return new Declined(DeclineClass.CONSENT, reason, CONSENT_MESSAGE, rawMessage);
        }

        static Declined unavailable(String rawMessage) {
            return new Declined(DeclineClass.UNAVAILABLE, "retry_budget_exhausted", UNAVAILABLE_MESSAGE, rawMessage);
        }
    }
}

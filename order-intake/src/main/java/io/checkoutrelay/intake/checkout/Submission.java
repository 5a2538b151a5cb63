package io.checkoutrelay.intake.checkout;

import io.checkoutrelay.intake.status.StatusEntry;

/**
 * What to do with a submitted order or upsell, given what this replica knows of it: publish a first
 * attempt (unknown), publish the next attempt (declined with CUSTOMER_ACTION: the buyer chose another
 * payment method), or answer with the existing one (any other known state: a double click or retry).
 */
public record Submission(boolean publish, int attempt) {

    public static Submission given(StatusEntry known) {
        if (known == null) {
            return new Submission(true, 1);
        }
        if (known.awaitsCustomerAction()) {
            return new Submission(true, known.attempt() + 1);
        }
        return new Submission(false, known.attempt());
    }
}

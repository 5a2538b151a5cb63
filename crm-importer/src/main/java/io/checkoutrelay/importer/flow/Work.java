package io.checkoutrelay.importer.flow;

import java.time.Instant;

import io.checkoutrelay.schemas.AmazonCheckoutEnriched;
import io.checkoutrelay.schemas.AmazonCheckoutCaptured;

/**
 * One input record to import, decoded and checked. {@code accessToken} is the decrypted consent token:
 * held in memory for the CRM call only, never logged ({@link #toString} leaves it out).
 */
public record Work(String topic, int partition, long offset, AmazonCheckoutEnriched value, String accessToken,
                   Instant tokenDeadline) {

    public String checkoutId() {
        return value.getCheckoutId();
    }

    public AmazonCheckoutCaptured captured() {
        return value.getCaptured();
    }

    public int attempt() {
        return captured().getAttempt();
    }

    @Override
    public String toString() {
        return "Work[checkoutId=" + checkoutId() + ", " + topic + "-" + partition + "@" + offset + "]";
    }
}

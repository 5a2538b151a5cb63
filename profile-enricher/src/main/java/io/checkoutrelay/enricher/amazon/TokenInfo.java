package io.checkoutrelay.enricher.amazon;

import java.time.Instant;

/**
 * tokeninfo's answer. {@code exp} is read tolerantly: Amazon documents it as the seconds the token
 * has left (e.g. 3597); a value above {@value #EPOCH_THRESHOLD} is taken as an epoch second instead.
 */
public record TokenInfo(String aud, String userId, Long exp) {

    static final long EPOCH_THRESHOLD = 1_000_000_000L;

    /** When the token stops working, or null when tokeninfo did not say. */
    public Instant expiresAt(Instant now) {
        if (exp == null) {
            return null;
        }
        return exp > EPOCH_THRESHOLD ? Instant.ofEpochSecond(exp) : now.plusSeconds(exp);
    }
}

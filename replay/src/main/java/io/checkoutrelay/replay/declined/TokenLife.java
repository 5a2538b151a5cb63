package io.checkoutrelay.replay.declined;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.checkoutrelay.schemas.AmazonCheckoutCaptured;
import io.checkoutrelay.schemas.AmazonCheckoutEnriched;

/** When a checkout's Amazon access token dies: 60 minutes after capture at the latest, earlier if tokeninfo said so. */
final class TokenLife {

    static final Duration LIFETIME = Duration.ofMinutes(60);

    private TokenLife() {
    }

    static Optional<Instant> deadline(Object source) {
        if (source instanceof AmazonCheckoutCaptured captured) {
            return Optional.of(captured.getCapturedAt().plus(LIFETIME));
        }
        if (source instanceof AmazonCheckoutEnriched enriched) {
            Instant latest = enriched.getCaptured().getCapturedAt().plus(LIFETIME);
            Instant expires = enriched.getTokenExpiresAt();
            return Optional.of(expires != null && expires.isBefore(latest) ? expires : latest);
        }
        return Optional.empty();
    }
}

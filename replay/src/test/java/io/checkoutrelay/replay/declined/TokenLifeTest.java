package io.checkoutrelay.replay.declined;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.checkoutrelay.schemas.AmazonCheckoutCaptured;
import io.checkoutrelay.schemas.AmazonCheckoutEnriched;

class TokenLifeTest {

    private static final Instant CAPTURED = Instant.parse("2026-11-28T10:00:00Z");

    @Test
    void aTokenDiesSixtyMinutesAfterCaptureOrEarlierWhenTokeninfoSaidSo() {
        AmazonCheckoutCaptured captured = emptyCaptured();
        assertThat(TokenLife.deadline(captured)).contains(Instant.parse("2026-11-28T11:00:00Z"));
        AmazonCheckoutEnriched enriched = new AmazonCheckoutEnriched();
        enriched.setCaptured(captured);
        enriched.setTokenExpiresAt(Instant.parse("2026-11-28T10:40:00Z"));
        assertThat(TokenLife.deadline(enriched)).contains(Instant.parse("2026-11-28T10:40:00Z"));
        enriched.setTokenExpiresAt(Instant.parse("2026-11-28T12:00:00Z"));
        assertThat(TokenLife.deadline(enriched)).contains(Instant.parse("2026-11-28T11:00:00Z"));
        enriched.setTokenExpiresAt(null);
        assertThat(TokenLife.deadline(enriched)).contains(Instant.parse("2026-11-28T11:00:00Z"));
        assertThat(TokenLife.deadline("something else")).isEmpty();
    }

    private static AmazonCheckoutCaptured emptyCaptured() {
        AmazonCheckoutCaptured captured = new AmazonCheckoutCaptured();
        captured.setCapturedAt(CAPTURED);
        return captured;
    }
}

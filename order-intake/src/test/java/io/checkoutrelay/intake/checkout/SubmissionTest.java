package io.checkoutrelay.intake.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkoutrelay.intake.status.StatusEntry;
import io.checkoutrelay.schemas.CheckoutStatus;
import io.checkoutrelay.schemas.Decline;
import io.checkoutrelay.schemas.DeclineClass;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The lifecycle rule a lander relies on: a resubmission is a new attempt exactly where trying again can work. */
class SubmissionTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    @Test
    void anUnknownCheckoutIsAFirstAttempt() {
        assertThat(Submission.given(null, NOW)).isEqualTo(new Submission(true, 1));
    }

    @Test
    void aResubmissionWhileInProgressOrImportedIsADuplicate() {
        for (CheckoutStatus status : new CheckoutStatus[] {CheckoutStatus.ACCEPTED, CheckoutStatus.ENRICHED,
                CheckoutStatus.IMPORTING, CheckoutStatus.RETRYING, CheckoutStatus.IMPORTED}) {
            StatusEntry known = new StatusEntry(2, status, null, null, null, null, NOW.minusSeconds(5));
            assertThat(Submission.given(known, NOW)).as(status.name()).isEqualTo(new Submission(false, 2));
        }
    }

    @Test
    void afterCustomerActionItIsTheNextAttempt() {
        assertThat(Submission.given(declined(DeclineClass.CUSTOMER_ACTION, Duration.ofHours(5)), NOW))
                .isEqualTo(new Submission(true, 2));
    }

    @Test
    void afterConsentItIsTheNextAttemptBecauseTheBuyerSignedInAgain() {
        assertThat(Submission.given(declined(DeclineClass.CONSENT, Duration.ofHours(5)), NOW))
                .isEqualTo(new Submission(true, 2));
    }

    @Test
    void afterUnavailableItIsTheNextAttemptWhileTheTokenMayStillLive() {
        assertThat(Submission.given(declined(DeclineClass.UNAVAILABLE, Duration.ofMinutes(3)), NOW))
                .isEqualTo(new Submission(true, 2));
        assertThat(Submission.given(declined(DeclineClass.UNAVAILABLE, Duration.ofMinutes(59)), NOW))
                .isEqualTo(new Submission(true, 2));
        assertThat(Submission.given(declined(DeclineClass.UNAVAILABLE, Duration.ofMinutes(61)), NOW))
                .as("the token is dead: the decline stands").isEqualTo(new Submission(false, 1));
    }

    @Test
    void afterTerminalOrInvalidRequestTheDeclineStands() {
        assertThat(Submission.given(declined(DeclineClass.TERMINAL, Duration.ofMinutes(1)), NOW))
                .isEqualTo(new Submission(false, 1));
        assertThat(Submission.given(declined(DeclineClass.INVALID_REQUEST, Duration.ofMinutes(1)), NOW))
                .isEqualTo(new Submission(false, 1));
    }

    private static StatusEntry declined(DeclineClass declineClass, Duration ago) {
        Decline decline = Decline.newBuilder().setDeclineClass(declineClass).setReason("r").setMessage("m").build();
        return new StatusEntry(1, CheckoutStatus.DECLINED, null, decline, null, null, NOW.minus(ago));
    }
}

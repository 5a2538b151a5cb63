package io.checkoutrelay.intake.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkoutrelay.intake.support.Statuses;
import io.checkoutrelay.schemas.CheckoutKind;
import io.checkoutrelay.schemas.CheckoutStatus;
import io.checkoutrelay.schemas.CheckoutStatusChanged;
import io.checkoutrelay.schemas.DeclineClass;
import org.junit.jupiter.api.Test;

/** Attempt-aware status rules: a higher attempt supersedes, a settled status never regresses. */
class StatusViewTest {

    private final StatusView view = new StatusView(1000);

    @Test
    void settledStatusIsNeverReplacedByAnEarlierStageOfTheSameAttempt() {
        view.apply(Statuses.base("c1", 1, CheckoutStatus.ACCEPTED).build());
        view.apply(Statuses.imported("c1", 1, "CRM-1"));
        view.apply(Statuses.base("c1", 1, CheckoutStatus.IMPORTING).build());
        view.apply(Statuses.base("c1", 1, CheckoutStatus.ACCEPTED).build());

        assertThat(view.find("c1").orElseThrow().order().status()).isEqualTo(CheckoutStatus.IMPORTED);
        assertThat(view.find("c1").orElseThrow().order().crmOrderId()).isEqualTo("CRM-1");
    }

    @Test
    void acceptedArrivingAfterTheEnricherDoesNotMoveBack() {
        view.apply(Statuses.base("c1", 1, CheckoutStatus.ENRICHED).build());
        view.apply(Statuses.base("c1", 1, CheckoutStatus.ACCEPTED).build());
        assertThat(view.find("c1").orElseThrow().order().status()).isEqualTo(CheckoutStatus.ENRICHED);
        view.apply(Statuses.base("c1", 1, CheckoutStatus.RETRYING).build());
        view.apply(Statuses.base("c1", 1, CheckoutStatus.IMPORTING).build());
        assertThat(view.find("c1").orElseThrow().order().status()).isEqualTo(CheckoutStatus.IMPORTING);
    }

    @Test
    void theOrdersCampaignFromTheIntakesAcceptedOutlivesLaterStagesInEitherOrder() {
        view.apply(Statuses.base("c1", 1, CheckoutStatus.ACCEPTED).setCampaignId(12L).build());
        view.apply(Statuses.imported("c1", 1, "CRM-1"));
        view.apply(Statuses.base("c2", 1, CheckoutStatus.ENRICHED).build());
        view.apply(Statuses.base("c2", 1, CheckoutStatus.ACCEPTED).setCampaignId(13L).build());

        assertThat(view.find("c1").orElseThrow().order().campaignId()).isEqualTo(12L);
        assertThat(view.find("c1").orElseThrow().order().status()).isEqualTo(CheckoutStatus.IMPORTED);
        assertThat(view.find("c2").orElseThrow().order().campaignId()).isEqualTo(13L);
        assertThat(view.find("c2").orElseThrow().order().status()).isEqualTo(CheckoutStatus.ENRICHED);
    }

    @Test
    void higherAttemptSupersedesAndLowerAttemptIsIgnored() {
        view.apply(Statuses.declined("c1", 1, DeclineClass.CUSTOMER_ACTION, "InvalidPaymentMethod"));
        assertThat(view.find("c1").orElseThrow().order().decline().getDeclineClass())
                .isEqualTo(DeclineClass.CUSTOMER_ACTION);
        view.apply(Statuses.base("c1", 2, CheckoutStatus.ACCEPTED).build());
        view.apply(Statuses.declined("c1", 1, DeclineClass.CUSTOMER_ACTION, "InvalidPaymentMethod"));

        StatusEntry order = view.find("c1").orElseThrow().order();
        assertThat(order.attempt()).isEqualTo(2);
        assertThat(order.status()).isEqualTo(CheckoutStatus.ACCEPTED);
        assertThat(order.decline()).isNull();
    }

    @Test
    void upsellsAreKeptPerUpsellAndSettleTheCheckoutOnlyWhenAllAreSettled() {
        view.apply(Statuses.imported("c1", 1, "CRM-1"));
        CheckoutStatusChanged upsell = Statuses.base("c1", 1, CheckoutStatus.ACCEPTED).setKind(CheckoutKind.UPSELL)
                .setUpsellId("u1").setProductId(205L).build();
        view.apply(upsell);
        assertThat(view.find("c1").orElseThrow().settled()).isFalse();

        view.apply(Statuses.base("c1", 1, CheckoutStatus.IMPORTED).setKind(CheckoutKind.UPSELL).setUpsellId("u1").build());

        CheckoutState state = view.find("c1").orElseThrow();
        assertThat(state.settled()).isTrue();
        assertThat(state.upsell("u1").orElseThrow().productId()).isEqualTo(205L);
        assertThat(state.order().status()).isEqualTo(CheckoutStatus.IMPORTED);
    }

    @Test
    void importedIsFinalAgainstALateDeclineOfTheSameAttempt() {
        view.apply(Statuses.imported("c1", 1, "CRM-1"));
        // the enricher's UNAVAILABLE decline of attempt 1, reprocessed after a crash, lands after IMPORTED
        assertThat(view.apply(Statuses.declined("c1", 1, DeclineClass.UNAVAILABLE, "retry_budget_exhausted")))
                .isEmpty();
        view.apply(Statuses.declined("c1", 1, DeclineClass.CONSENT, "token_expired"));

        StatusEntry order = view.find("c1").orElseThrow().order();
        assertThat(order.status()).isEqualTo(CheckoutStatus.IMPORTED);
        assertThat(order.crmOrderId()).isEqualTo("CRM-1");
        assertThat(order.decline()).isNull();
    }

    @Test
    void importedIsFinalAgainstAHigherAttempt() {
        view.apply(Statuses.imported("c1", 1, "CRM-1"));
        view.apply(Statuses.base("c1", 2, CheckoutStatus.ACCEPTED).build());
        view.apply(Statuses.declined("c1", 2, DeclineClass.CONSENT, "token_expired"));

        StatusEntry order = view.find("c1").orElseThrow().order();
        assertThat(order.status()).isEqualTo(CheckoutStatus.IMPORTED);
        assertThat(order.attempt()).isEqualTo(1);
        // the importer restating IMPORTED for the higher attempt's record is the same fact
        assertThat(view.apply(Statuses.imported("c1", 2, "CRM-1"))).isPresent();
        assertThat(view.find("c1").orElseThrow().order().attempt()).isEqualTo(2);
        assertThat(view.apply(Statuses.imported("c1", 1, "CRM-1"))).as("never back to a lower attempt").isEmpty();
    }

    @Test
    void anImportedUpsellIsFinalToo() {
        view.apply(Statuses.imported("c1", 1, "CRM-1"));
        view.apply(Statuses.base("c1", 1, CheckoutStatus.IMPORTED).setKind(CheckoutKind.UPSELL).setUpsellId("u1")
                .setProductId(205L).build());
        view.apply(CheckoutStatusChanged.newBuilder(Statuses.declined("c1", 1, DeclineClass.UNAVAILABLE,
                "retry_budget_exhausted")).setKind(CheckoutKind.UPSELL).setUpsellId("u1").build());

        assertThat(view.find("c1").orElseThrow().upsell("u1").orElseThrow().status())
                .isEqualTo(CheckoutStatus.IMPORTED);
    }

    @Test
    void applyReportsOnlyChanges() {
        assertThat(view.apply(Statuses.base("c1", 1, CheckoutStatus.ENRICHED).build())).isPresent();
        assertThat(view.apply(Statuses.base("c1", 1, CheckoutStatus.ACCEPTED).build())).isEmpty();
        assertThat(view.apply(Statuses.base("c1", 1, CheckoutStatus.IMPORTING).build()))
                .hasValueSatisfying(state -> assertThat(state.order().status()).isEqualTo(CheckoutStatus.IMPORTING));
    }

    @Test
    void upsellStatusBeforeTheOrderLeavesTheOrderUnknown() {
        view.apply(Statuses.base("c1", 1, CheckoutStatus.ACCEPTED).setKind(CheckoutKind.UPSELL).setUpsellId("u1").build());
        assertThat(view.find("c1").orElseThrow().knownOrder()).isFalse();
    }

    @Test
    void checkoutsUnchangedSinceTheCutoffAreForgottenOthersKept() {
        java.time.Instant now = java.time.Instant.now();
        view.apply(Statuses.base("old", 1, CheckoutStatus.IMPORTED).setChangedAt(now.minus(java.time.Duration.ofDays(8)))
                .build());
        view.apply(Statuses.base("recent", 1, CheckoutStatus.ACCEPTED).setChangedAt(now.minus(java.time.Duration.ofDays(8)))
                .build());
        view.apply(Statuses.base("recent", 1, CheckoutStatus.ENRICHED).setChangedAt(now).build());

        int forgotten = view.forgetOlderThan(now.minus(java.time.Duration.ofDays(7)));

        assertThat(forgotten).isEqualTo(1);
        assertThat(view.find("old")).as("past the status topic's retention: 404, as after a restart").isEmpty();
        assertThat(view.find("recent")).isPresent();
    }

    @Test
    void aStatusForAnAttemptNotKnownIsTakenAsTheCurrentAttempt() {
        view.apply(Statuses.base("c1", 2, CheckoutStatus.ENRICHED).build());
        view.apply(Statuses.declined("c1", 0, DeclineClass.INVALID_REQUEST, "record_unreadable"));
        StatusEntry order = view.find("c1").orElseThrow().order();
        assertThat(order.attempt()).isEqualTo(2);
        assertThat(order.status()).isEqualTo(CheckoutStatus.DECLINED);

        view.apply(Statuses.imported("c2", 1, "CRM-2"));
        view.apply(Statuses.declined("c2", 0, DeclineClass.INVALID_REQUEST, "record_unreadable"));
        assertThat(view.find("c2").orElseThrow().order().status()).as("IMPORTED is final").isEqualTo(CheckoutStatus.IMPORTED);

        view.apply(Statuses.declined("c3", 0, DeclineClass.INVALID_REQUEST, "record_unreadable"));
        assertThat(view.find("c3").orElseThrow().order().attempt()).isEqualTo(1);
    }

    @Test
    void theViewNeverHoldsMoreThanItsMaximumHoweverManyCheckoutsPass() {
        StatusView bounded = new StatusView(1000);
        java.time.Instant start = java.time.Instant.now().minusSeconds(100_000);
        for (int i = 0; i < 50_000; i++) {
            bounded.apply(CheckoutStatusChanged.newBuilder(Statuses.imported("c" + i, 1, "CRM-" + i))
                    .setChangedAt(start.plusSeconds(i)).build());
            bounded.trim(); // the materializer trims after every poll
            assertThat(bounded.size()).isLessThanOrEqualTo(1000);
        }

        assertThat(bounded.forgottenForSize()).isEqualTo(50_000 - bounded.size());
        assertThat(bounded.find("c49999")).as("the latest is held").isPresent();
        assertThat(bounded.find("c0")).as("the oldest answers as unknown (404)").isEmpty();
        // a later status of a forgotten checkout brings it back
        bounded.apply(Statuses.imported("c0", 1, "CRM-0"));
        assertThat(bounded.find("c0").orElseThrow().order().crmOrderId()).isEqualTo("CRM-0");
    }

    @Test
    void settledCheckoutsAreForgottenBeforeOnesStillInProgressHoweverOld() {
        StatusView bounded = new StatusView(10);
        java.time.Instant longAgo = java.time.Instant.now().minus(java.time.Duration.ofHours(5));
        for (int i = 0; i < 5; i++) {
            bounded.apply(Statuses.base("waiting" + i, 1, CheckoutStatus.ACCEPTED).setChangedAt(longAgo).build());
        }
        for (int i = 0; i < 20; i++) {
            bounded.apply(i % 2 == 0 ? Statuses.imported("done" + i, 1, "CRM-" + i)
                    : Statuses.declined("done" + i, 1, DeclineClass.TERMINAL, "AmazonRejected"));
        }

        assertThat(bounded.trim()).isEqualTo(16); // down to nine tenths of 10
        assertThat(bounded.size()).isEqualTo(9);
        for (int i = 0; i < 5; i++) {
            assertThat(bounded.find("waiting" + i)).as("a lander still waits for it").isPresent();
        }
        assertThat(bounded.trim()).as("nothing to do under the maximum").isZero();
    }

    @Test
    void aMaximumBelowOneIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new StatusView(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maximum entries");
    }
}

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

    private final StatusView view = new StatusView();

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
}

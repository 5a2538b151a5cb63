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
        assertThat(view.find("c1").orElseThrow().order().awaitsCustomerAction()).isTrue();
        view.apply(Statuses.base("c1", 2, CheckoutStatus.ACCEPTED).build());
        view.apply(Statuses.declined("c1", 1, DeclineClass.CUSTOMER_ACTION, "InvalidPaymentMethod"));

        StatusEntry order = view.find("c1").orElseThrow().order();
        assertThat(order.attempt()).isEqualTo(2);
        assertThat(order.status()).isEqualTo(CheckoutStatus.ACCEPTED);
        assertThat(order.awaitsCustomerAction()).isFalse();
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
}

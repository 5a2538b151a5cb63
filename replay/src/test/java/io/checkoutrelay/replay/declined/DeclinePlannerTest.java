package io.checkoutrelay.replay.declined;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.checkoutrelay.replay.cli.Position;
import io.checkoutrelay.schemas.CheckoutKind;
import io.checkoutrelay.schemas.CheckoutStatus;
import io.checkoutrelay.schemas.CheckoutStatusChanged;
import io.checkoutrelay.schemas.Decline;
import io.checkoutrelay.schemas.DeclineClass;
import io.checkoutrelay.schemas.OrderDeclined;

class DeclinePlannerTest {

    private static final String ENRICHED = "amazon.checkout.enriched.v1";
    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    private static final String A = "00000000-0000-5000-8000-00000000000a";
    private static final String B = "00000000-0000-5000-8000-00000000000b";

    private final DeclinePlanner anyCheckout = new DeclinePlanner(Set.of(), T0.minusSeconds(3600), null);

    @Test
    void replaysTheLatestUnavailableDeclineOfEachCheckout() {
        DeclineAt older = decline(A, 1, DeclineClass.UNAVAILABLE, 10, 3, T0);
        DeclineAt latest = decline(A, 1, DeclineClass.UNAVAILABLE, 11, 9, T0.plusSeconds(60));
        List<Decision> plan = anyCheckout.plan(List.of(older, latest), Map.of(), Map.of());
        assertThat(plan).singleElement().satisfies(d -> {
            assertThat(d.replay()).isTrue();
            assertThat(d.decline()).isEqualTo(latest);
        });
    }

    @Test
    void anUpsellWhoseOrderNeverReachedTheImporterWaitsForItsOrdersReplay() {
        DeclineAt order = new DeclineAt(0, 10, base(A, 1, DeclineClass.UNAVAILABLE, 3, T0)
                .setKind(CheckoutKind.ORDER).setDeclinedBy("profile-enricher")
                .setSourceTopic("amazon.checkout.captured.v1").build());
        DeclineAt upsell = new DeclineAt(0, 11, base(A, 1, DeclineClass.UNAVAILABLE, 7, T0.plusSeconds(5))
                .setKind(CheckoutKind.UPSELL).setUpsellId("u-1").setDecline(Decline.newBuilder()
                        .setDeclineClass(DeclineClass.UNAVAILABLE).setReason("order_not_imported")
                        .setMessage("later").build()).build());

        List<Decision> withItsOrder = anyCheckout.plan(List.of(order, upsell), Map.of(), Map.of());
        List<Decision> afterItsOrder = anyCheckout.plan(List.of(upsell), Map.of(), Map.of());

        assertThat(withItsOrder).extracting(Decision::replay).containsExactly(true, false);
        assertThat(withItsOrder.get(1).why()).contains("run the replay again once the order is IMPORTED");
        assertThat(afterItsOrder).singleElement().satisfies(d -> assertThat(d.replay()).isTrue());
    }

    @Test
    void otherClassesAreIgnoredUnlessTheCheckoutWasNamed() {
        DeclineAt unavailableThenConsent = decline(A, 1, DeclineClass.UNAVAILABLE, 10, 3, T0);
        DeclineAt consent = decline(A, 1, DeclineClass.CONSENT, 11, 9, T0.plusSeconds(60));
        assertThat(anyCheckout.plan(List.of(unavailableThenConsent, consent), Map.of(), Map.of())).isEmpty();
        List<Decision> named = new DeclinePlanner(Set.of(A), null, null)
                .plan(List.of(unavailableThenConsent, consent), Map.of(), Map.of());
        assertThat(named).singleElement().satisfies(d -> {
            assertThat(d.replay()).isFalse();
            assertThat(d.why()).contains("CONSENT").contains("sign in with Amazon again");
        });
    }

    @Test
    void skipsWhatMovedOn() {
        DeclineAt imported = decline(A, 1, DeclineClass.UNAVAILABLE, 10, 3, T0);
        DeclineAt superseded = decline(B, 1, DeclineClass.UNAVAILABLE, 11, 4, T0);
        Map<String, CheckoutStatusChanged> statuses = Map.of(
                A, status(A, 1, CheckoutStatus.IMPORTED, T0.plusSeconds(5)),
                B, status(B, 2, CheckoutStatus.ENRICHED, T0.plusSeconds(5)));
        List<Decision> plan = anyCheckout.plan(List.of(imported, superseded), statuses, Map.of());
        assertThat(plan).extracting(Decision::replay).containsExactly(false, false);
        assertThat(plan.get(0).why()).contains("already IMPORTED");
        assertThat(plan.get(1).why()).contains("superseded by attempt 2");
    }

    @Test
    void skipsWhatIsInProgressOrReplayedButReplaysAStillDeclinedOne() {
        DeclineAt inProgress = decline(A, 1, DeclineClass.UNAVAILABLE, 10, 3, T0);
        DeclineAt replayedBefore = decline(B, 1, DeclineClass.UNAVAILABLE, 11, 4, T0);
        Map<String, CheckoutStatusChanged> statuses = Map.of(
                A, status(A, 1, CheckoutStatus.IMPORTING, T0.plusSeconds(5)),
                B, status(B, 1, CheckoutStatus.DECLINED, T0));
        Map<Position, Position> replayed = Map.of(new Position(ENRICHED, 0, 4), new Position(ENRICHED, 0, 20));
        List<Decision> plan = anyCheckout.plan(List.of(inProgress, replayedBefore), statuses, replayed);
        assertThat(plan.get(0).why()).contains("in progress: IMPORTING");
        assertThat(plan.get(1).why()).contains("already replayed as " + ENRICHED + "-0@20");
        assertThat(anyCheckout.plan(List.of(replayedBefore), statuses, Map.of()))
                .singleElement().extracting(Decision::replay).isEqualTo(true);
    }

    @Test
    void anOrderIsReplayedBeforeItsUpsellsAndTheWindowIsKept() {
        DeclineAt upsell = upsellDecline(A, 12, 8, T0);
        DeclineAt order = decline(A, 1, DeclineClass.UNAVAILABLE, 10, 5, T0);
        assertThat(anyCheckout.plan(List.of(upsell, order), Map.of(), Map.of()))
                .extracting(Decision::decline).containsExactly(order, upsell);
        DeclinePlanner window = new DeclinePlanner(Set.of(), T0.plusSeconds(1), T0.plusSeconds(60));
        assertThat(window.wanted(order)).isFalse();
        assertThat(window.wanted(decline(A, 1, DeclineClass.UNAVAILABLE, 10, 5, T0.plusSeconds(30)))).isTrue();
        assertThat(window.wanted(decline(A, 1, DeclineClass.UNAVAILABLE, 10, 5, T0.plusSeconds(60)))).isFalse();
    }

    private static DeclineAt decline(String checkoutId, int attempt, DeclineClass declineClass, long offset,
            long sourceOffset, Instant at) {
        return new DeclineAt(0, offset, base(checkoutId, attempt, declineClass, sourceOffset, at)
                .setKind(CheckoutKind.ORDER).build());
    }

    private static DeclineAt upsellDecline(String checkoutId, long offset, long sourceOffset, Instant at) {
        return new DeclineAt(0, offset, base(checkoutId, 1, DeclineClass.UNAVAILABLE, sourceOffset, at)
                .setKind(CheckoutKind.UPSELL).setUpsellId("u-1").build());
    }

    private static OrderDeclined.Builder base(String checkoutId, int attempt, DeclineClass declineClass,
            long sourceOffset, Instant at) {
        return OrderDeclined.newBuilder().setCheckoutId(checkoutId).setAttempt(attempt)
                .setDecline(Decline.newBuilder().setDeclineClass(declineClass).setReason("retry_budget_exhausted")
                        .setMessage("later").build())
                .setDeclinedBy("crm-importer").setAmazonOrderReferenceId("S01-1").setSourceTopic(ENRICHED)
                .setSourcePartition(0).setSourceOffset(sourceOffset).setDeclinedAt(at);
    }

    private static CheckoutStatusChanged status(String checkoutId, int attempt, CheckoutStatus status, Instant at) {
        return CheckoutStatusChanged.newBuilder().setCheckoutId(checkoutId).setKind(CheckoutKind.ORDER)
                .setAttempt(attempt).setStatus(status).setCrmOrderId(status == CheckoutStatus.IMPORTED ? "ORDER1" : null)
                .setChangedBy("crm-importer").setChangedAt(at).build();
    }
}

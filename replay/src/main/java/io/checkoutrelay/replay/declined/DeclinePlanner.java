package io.checkoutrelay.replay.declined;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.checkoutrelay.replay.cli.Position;
import io.checkoutrelay.schemas.CheckoutKind;
import io.checkoutrelay.schemas.CheckoutStatus;
import io.checkoutrelay.schemas.CheckoutStatusChanged;
import io.checkoutrelay.schemas.DeclineClass;
import io.checkoutrelay.schemas.OrderDeclined;

/**
 * Chooses what to replay: per checkout (and per upsell) its latest decline in the window, replayed
 * only when it is UNAVAILABLE, its status has not moved on (IMPORTED, a newer attempt, in progress)
 * and it was not replayed already. Nothing here touches Kafka.
 */
public final class DeclinePlanner {

    /** The importer's reason for an upsell whose order it never saw (the enricher declined the order). */
    static final String ORDER_NOT_IMPORTED = "order_not_imported";

    private final Set<String> checkoutIds;
    private final Instant since;
    private final Instant until;

    public DeclinePlanner(Set<String> checkoutIds, Instant since, Instant until) {
        this.checkoutIds = checkoutIds;
        this.since = since;
        this.until = until;
    }

    public Instant since() {
        return since;
    }

    /** Whether a decline is one the operator asked about (checkout and time window). */
    public boolean wanted(DeclineAt at) {
        Instant declinedAt = at.decline().getDeclinedAt();
        return (checkoutIds.isEmpty() || checkoutIds.contains(at.decline().getCheckoutId()))
                && (since == null || !declinedAt.isBefore(since))
                && (until == null || declinedAt.isBefore(until));
    }

    /**
     * @param declines  the wanted declines, in topic order
     * @param statuses  the latest status per status key
     * @param replayed  source positions already replayed → where the copy went
     * @return decisions in the order to replay them: per checkout, its records in source order (an
     *         order before its upsells); declines of other classes are left out unless their checkout
     *         was named
     */
    public List<Decision> plan(List<DeclineAt> declines, Map<String, CheckoutStatusChanged> statuses,
            Map<Position, Position> replayed) {
        Map<String, DeclineAt> latest = new LinkedHashMap<>();
        for (DeclineAt at : declines) {
            latest.merge(at.statusKey(), at, (a, b) -> isLater(b, a) ? b : a);
        }
        List<Decision> decisions = new ArrayList<>();
        for (DeclineAt at : latest.values()) {
            Decision decision = decide(at, statuses.get(at.statusKey()), replayed);
            if (decision != null) {
                decisions.add(decision);
            }
        }
        Set<String> ordersReplayed = decisions.stream()
                .filter(d -> d.replay() && d.decline().decline().getKind() == CheckoutKind.ORDER)
                .map(d -> d.decline().decline().getCheckoutId()).collect(Collectors.toSet());
        decisions.replaceAll(d -> waitsForItsOrder(d, ordersReplayed)
                ? Decision.skip(d.decline(), "its order is replayed in this run and never reached the importer: "
                        + "run the replay again once the order is IMPORTED")
                : d);
        decisions.sort(Comparator.comparing((Decision d) -> d.decline().decline().getCheckoutId())
                .thenComparing(d -> d.decline().source() == null ? -1 : d.decline().source().offset()));
        return decisions;
    }

    /**
     * An upsell declined {@code order_not_imported} (its order never reached the importer) cannot go
     * with its order: the order goes back through the enricher, the upsell straight to the importer, which
     * would see it first and decline it again.
     */
    private static boolean waitsForItsOrder(Decision decision, Set<String> ordersReplayed) {
        OrderDeclined declined = decision.decline().decline();
        return decision.replay() && declined.getKind() == CheckoutKind.UPSELL
                && ORDER_NOT_IMPORTED.equals(declined.getDecline().getReason())
                && ordersReplayed.contains(declined.getCheckoutId());
    }

    private Decision decide(DeclineAt at, CheckoutStatusChanged status, Map<Position, Position> replayed) {
        DeclineClass declineClass = at.decline().getDecline().getDeclineClass();
        if (declineClass != DeclineClass.UNAVAILABLE) {
            return checkoutIds.contains(at.decline().getCheckoutId())
                    ? Decision.skip(at, "latest decline is " + at.describe() + ": " + whyNot(declineClass)) : null;
        }
        if (status != null && status.getAttempt() > at.decline().getAttempt()) {
            return Decision.skip(at, "superseded by attempt " + status.getAttempt() + " (now " + status.getStatus() + ")");
        }
        if (status != null && status.getStatus() == CheckoutStatus.IMPORTED) {
            return Decision.skip(at, "already IMPORTED as CRM order " + status.getCrmOrderId());
        }
        if (status != null && status.getStatus() != CheckoutStatus.DECLINED
                && !status.getChangedAt().isBefore(at.decline().getDeclinedAt())) {
            return Decision.skip(at, "in progress: " + status.getStatus() + " since " + status.getChangedAt()
                    + " (run again if it ends DECLINED)");
        }
        Position source = at.source();
        if (source == null) {
            return Decision.skip(at, "the decline names no source record (" + at.describe() + ")");
        }
        Position copy = replayed.get(source);
        if (copy != null) {
            return Decision.skip(at, "already replayed as " + copy + ", not processed yet");
        }
        return Decision.replay(at);
    }

    /** Same key, same partition: the higher offset is later. Across partitions (never for one key) the time decides. */
    private static boolean isLater(DeclineAt candidate, DeclineAt current) {
        if (candidate.partition() == current.partition()) {
            return candidate.offset() > current.offset();
        }
        return candidate.decline().getDeclinedAt().isAfter(current.decline().getDeclinedAt());
    }

    static String whyNot(DeclineClass declineClass) {
        return switch (declineClass) {
            case CUSTOMER_ACTION -> "the buyer's to fix (another payment method, then submit again)";
            case CONSENT -> "would decline again (the buyer must sign in with Amazon again)";
            case TERMINAL -> "would decline again (the order reference cannot be used again)";
            case INVALID_REQUEST -> "would decline again (the CRM rejected the request's data)";
            case UNAVAILABLE -> "replayable";
        };
    }
}

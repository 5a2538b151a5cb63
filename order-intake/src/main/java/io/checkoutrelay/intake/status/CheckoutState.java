package io.checkoutrelay.intake.status;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What this replica knows of one checkout: the order's status (null until seen) and each upsell's,
 * by upsellId in the order they were first seen.
 */
public record CheckoutState(String checkoutId, StatusEntry order, Map<String, StatusEntry> upsells) {

    public boolean knownOrder() {
        return order != null;
    }

    /** The order and every upsell reached IMPORTED or DECLINED: a long poll can answer. */
    public boolean settled() {
        return order != null && order.settled() && upsells.values().stream().allMatch(StatusEntry::settled);
    }

    public Optional<StatusEntry> upsell(String upsellId) {
        return Optional.ofNullable(upsells.get(upsellId));
    }

    public Instant updatedAt() {
        Instant latest = order == null ? Instant.EPOCH : order.changedAt();
        for (StatusEntry upsell : upsells.values()) {
            if (upsell.changedAt().isAfter(latest)) {
                latest = upsell.changedAt();
            }
        }
        return latest;
    }
}

package io.checkoutrelay.intake.status;

import io.checkoutrelay.schemas.CheckoutKind;
import io.checkoutrelay.schemas.CheckoutStatusChanged;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The in-memory view of checkout.status.v1: one immutable {@link CheckoutState} per checkout. */
public final class StatusView {

    private final Map<String, CheckoutState> checkouts = new ConcurrentHashMap<>();

    public Optional<CheckoutState> find(String checkoutId) {
        return Optional.ofNullable(checkouts.get(checkoutId));
    }

    /** Applies one status record; returns the new state when it changed anything. */
    public Optional<CheckoutState> apply(CheckoutStatusChanged change) {
        StatusEntry next = StatusEntry.of(change);
        boolean[] changed = {false};
        CheckoutState state = checkouts.compute(change.getCheckoutId(), (id, current) -> {
            CheckoutState base = current != null ? current : new CheckoutState(id, null, Map.of());
            if (change.getKind() == CheckoutKind.ORDER) {
                if (base.order() != null && !base.order().supersededBy(next)) {
                    // the intake's ACCEPTED may arrive after a later stage's status: keep only its campaign
                    StatusEntry kept = base.order().keeping(next);
                    return kept.equals(base.order()) ? current : new CheckoutState(id, kept, base.upsells());
                }
                changed[0] = true;
                return new CheckoutState(id, next.keeping(base.order()), base.upsells());
            }
            String upsellId = change.getUpsellId();
            if (upsellId == null) {
                return current;
            }
            StatusEntry previous = base.upsells().get(upsellId);
            if (previous != null && !previous.supersededBy(next)) {
                return current;
            }
            Map<String, StatusEntry> upsells = new LinkedHashMap<>(base.upsells());
            upsells.put(upsellId, next.keeping(previous));
            changed[0] = true;
            return new CheckoutState(id, base.order(), java.util.Collections.unmodifiableMap(upsells));
        });
        return changed[0] ? Optional.of(state) : Optional.empty();
    }

    /** Forgets checkouts whose last change (order or upsell) is before {@code cutoff}; how many. */
    public int forgetOlderThan(java.time.Instant cutoff) {
        int before = checkouts.size();
        checkouts.values().removeIf(state -> state.updatedAt() != null && state.updatedAt().isBefore(cutoff));
        return before - checkouts.size();
    }

    public int size() {
        return checkouts.size();
    }
}

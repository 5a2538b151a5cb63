package io.checkoutrelay.intake.status;

import io.checkoutrelay.schemas.CheckoutKind;
import io.checkoutrelay.schemas.CheckoutStatusChanged;
import java.util.Collections;
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

    /**
     * Applies one status record; returns the new state when it changed anything. Writers take turns (the
     * status reader and accepting requests), readers never wait.
     */
    public synchronized Optional<CheckoutState> apply(CheckoutStatusChanged change) {
        String id = change.getCheckoutId();
        CheckoutState current = checkouts.getOrDefault(id, new CheckoutState(id, null, Map.of()));
        StatusEntry next = StatusEntry.of(change);
        if (change.getKind() == CheckoutKind.ORDER) {
            StatusEntry order = current.order();
            next = next.forAttemptOf(order);
            if (order != null && !order.supersededBy(next)) {
                // the intake's ACCEPTED may arrive after a later stage's status: keep only its campaign
                StatusEntry kept = order.keeping(next);
                if (!kept.equals(order)) {
                    checkouts.put(id, new CheckoutState(id, kept, current.upsells()));
                }
                return Optional.empty();
            }
            return stored(new CheckoutState(id, next.keeping(order), current.upsells()));
        }
        String upsellId = change.getUpsellId();
        StatusEntry previous = upsellId == null ? null : current.upsells().get(upsellId);
        next = next.forAttemptOf(previous);
        if (upsellId == null || previous != null && !previous.supersededBy(next)) {
            return Optional.empty();
        }
        Map<String, StatusEntry> upsells = new LinkedHashMap<>(current.upsells());
        upsells.put(upsellId, next.keeping(previous));
        return stored(new CheckoutState(id, current.order(), Collections.unmodifiableMap(upsells)));
    }

    private Optional<CheckoutState> stored(CheckoutState state) {
        checkouts.put(state.checkoutId(), state);
        return Optional.of(state);
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

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
        Optional<CheckoutState> next = after(current, change);
        next.ifPresent(state -> checkouts.put(id, state));
        return next;
    }

    /** The checkout's state once {@code change} is applied, or empty when it does not supersede what is known. */
    private static Optional<CheckoutState> after(CheckoutState current, CheckoutStatusChanged change) {
        StatusEntry next = StatusEntry.of(change);
        if (change.getKind() == CheckoutKind.ORDER) {
            return current.order() != null && !current.order().supersededBy(next) ? Optional.empty()
                    : Optional.of(new CheckoutState(current.checkoutId(), next, current.upsells()));
        }
        String upsellId = change.getUpsellId();
        StatusEntry previous = upsellId == null ? null : current.upsells().get(upsellId);
        if (upsellId == null || previous != null && !previous.supersededBy(next)) {
            return Optional.empty();
        }
        Map<String, StatusEntry> upsells = new LinkedHashMap<>(current.upsells());
        upsells.put(upsellId, previous != null && next.productId() == null
                ? new StatusEntry(next.attempt(), next.status(), next.crmOrderId(), next.decline(),
                        previous.productId(), next.changedAt())
                : next);
        return Optional.of(new CheckoutState(current.checkoutId(), current.order(), Collections.unmodifiableMap(upsells)));
    }

    public int size() {
        return checkouts.size();
    }
}

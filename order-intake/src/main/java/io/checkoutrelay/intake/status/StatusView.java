package io.checkoutrelay.intake.status;

import io.checkoutrelay.schemas.CheckoutKind;
import io.checkoutrelay.schemas.CheckoutStatusChanged;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-memory view of checkout.status.v1: one immutable {@link CheckoutState} per checkout, bounded by
 * time (the topic's retention, {@link #forgetOlderThan}) and by size: once it holds more than
 * {@code maxEntries}, {@link #trim} forgets a tenth of them, settled checkouts first (IMPORTED or
 * DECLINED: nobody waits for them), the longest unchanged first. A checkout forgotten for size answers as
 * one the topic deleted (404) until a later status of it arrives; a resubmission of it is taken as new
 * (202), which still leads to one CRM order (contracts.md).
 */
public final class StatusView {

    private static final Comparator<Candidate> FORGET_FIRST = Comparator.comparing(Candidate::unsettled)
            .thenComparingLong(Candidate::updatedAt);

    private final Map<String, CheckoutState> checkouts = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final AtomicLong forgottenForSize = new AtomicLong();

    /** @param maxEntries checkouts held at most (beyond what arrives between two {@link #trim}s) */
    public StatusView(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("the status view's maximum entries must be positive, was " + maxEntries);
        }
        this.maxEntries = maxEntries;
    }

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

    /**
     * When more than {@code maxEntries} are held, forgets down to nine tenths of it (so a full view trims
     * once per tenth, not per checkout), settled checkouts first, each group the longest unchanged first;
     * how many. Readers never wait; a checkout changed while this runs is kept (its removal is conditional).
     */
    public int trim() {
        int excess = checkouts.size() - maxEntries;
        if (excess <= 0) {
            return 0;
        }
        excess += maxEntries / 10;
        List<Candidate> candidates = new ArrayList<>(checkouts.size());
        checkouts.values().forEach(state -> candidates.add(new Candidate(state, !state.settled(),
                state.updatedAt().toEpochMilli())));
        candidates.sort(FORGET_FIRST);
        int forgotten = 0;
        for (int i = 0; i < Math.min(excess, candidates.size()); i++) {
            CheckoutState state = candidates.get(i).state();
            if (checkouts.remove(state.checkoutId(), state)) {
                forgotten++;
            }
        }
        forgottenForSize.addAndGet(forgotten);
        return forgotten;
    }

    /** Checkouts forgotten by {@link #trim} since start. */
    public long forgottenForSize() {
        return forgottenForSize.get();
    }

    public int maxEntries() {
        return maxEntries;
    }

    /** Forgets checkouts whose last change (order or upsell) is before {@code cutoff}; how many. */
    public int forgetOlderThan(Instant cutoff) {
        int before = checkouts.size();
        checkouts.values().removeIf(state -> state.updatedAt() != null && state.updatedAt().isBefore(cutoff));
        return before - checkouts.size();
    }

    public int size() {
        return checkouts.size();
    }

    private record Candidate(CheckoutState state, boolean unsettled, long updatedAt) {
    }
}

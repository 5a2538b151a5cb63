package io.checkoutrelay.intake.status;

import io.checkoutrelay.intake.config.IntakeProperties;
import io.checkoutrelay.schemas.CheckoutStatusChanged;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/**
 * The status view plus the requests waiting on it. A waiting request is a future completed by
 * whoever applies the change it waits for (the materializer thread, or an accepting request), or by
 * its timeout: no thread is held per waiting request.
 */
@Component
public class StatusBoard {

    private final StatusView view;
    private final Map<String, Set<Waiter>> waiters = new ConcurrentHashMap<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final int maxWaiters;

    public StatusBoard(IntakeProperties properties) {
        this.maxWaiters = properties.status().maxWaiters();
        this.view = new StatusView(properties.status().maxEntries());
    }

    public Optional<CheckoutState> find(String checkoutId) {
        return view.find(checkoutId);
    }

    public void record(CheckoutStatusChanged change) {
        view.apply(change).ifPresent(this::wake);
    }

    /** Completes when the checkout's state satisfies {@code done}, or with the state at the end of {@code max}. */
    public CompletableFuture<Optional<CheckoutState>> await(String checkoutId, Predicate<CheckoutState> done,
                                                            Duration max) {
        Optional<CheckoutState> now = view.find(checkoutId);
        if (now.filter(done).isPresent() || max.isZero() || waiting.get() >= maxWaiters) {
            return CompletableFuture.completedFuture(now);
        }
        Waiter waiter = new Waiter(done, new CompletableFuture<>());
        waiters.computeIfAbsent(checkoutId, k -> ConcurrentHashMap.newKeySet()).add(waiter);
        waiting.incrementAndGet();
        view.find(checkoutId).filter(done).ifPresent(waiter::complete); // a change between find and add
        return waiter.result().orTimeout(max.toMillis(), TimeUnit.MILLISECONDS)
                .handle((state, timeout) -> state != null ? state : view.find(checkoutId))
                .whenComplete((state, error) -> forget(checkoutId, waiter));
    }

    /** Forgets checkouts whose last change is before {@code cutoff}; how many. */
    public int forgetOlderThan(java.time.Instant cutoff) {
        return view.forgetOlderThan(cutoff);
    }

    /** Forgets checkouts beyond {@code intake.status.max-entries}, settled and oldest first ({@link StatusView#trim}). */
    public int trim() {
        return view.trim();
    }

    /** Checkouts forgotten for size since start. */
    public long forgottenForSize() {
        return view.forgottenForSize();
    }

    public int maxEntries() {
        return view.maxEntries();
    }

    public int waiting() {
        return waiting.get();
    }

    public int size() {
        return view.size();
    }

    private void wake(CheckoutState state) {
        Set<Waiter> set = waiters.get(state.checkoutId());
        if (set != null) {
            set.stream().filter(w -> w.done().test(state)).forEach(w -> w.complete(state));
        }
    }

    private void forget(String checkoutId, Waiter waiter) {
        waiters.computeIfPresent(checkoutId, (id, set) -> {
            if (set.remove(waiter)) {
                waiting.decrementAndGet();
            }
            return set.isEmpty() ? null : set;
        });
    }

    private record Waiter(Predicate<CheckoutState> done, CompletableFuture<Optional<CheckoutState>> result) {
        void complete(CheckoutState state) {
            result.complete(Optional.of(state));
        }
    }
}

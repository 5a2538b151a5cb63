package io.checkoutrelay.keyed;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The partitions this instance owns (the lease work asks), and timed waits that end early when a
 * partition is given away. Owned from assignment until the revoke starts: from then on no new side
 * effect starts, while work already past its side effect may still record its outcome.
 */
public final class PartitionOwnership implements PartitionLease {

    private final ScheduledExecutorService timer;
    private final UnaryOperator<Runnable> context;
    private final Map<Integer, Set<CompletableFuture<Void>>> owned = new ConcurrentHashMap<>();

    /** @param context wraps each timed continuation, e.g. to carry the caller's trace and log context */
    public PartitionOwnership(ScheduledExecutorService timer, UnaryOperator<Runnable> context) {
        this.timer = timer;
        this.context = context;
    }

    void own(int partition) {
        owned.putIfAbsent(partition, ConcurrentHashMap.newKeySet());
    }

    /** Gives the partition away: every wait on it fails at once with {@link Abandoned}. */
    void release(int partition) {
        Set<CompletableFuture<Void>> waits = owned.remove(partition);
        if (waits != null) {
            waits.forEach(wait -> wait.completeExceptionally(new Abandoned(partition)));
        }
    }

    void releaseAll() {
        Set.copyOf(owned.keySet()).forEach(this::release);
    }

    /** The partitions owned now. */
    public Set<Integer> owned() {
        return Set.copyOf(owned.keySet());
    }

    @Override
    public void requireOwned(int partition) {
        if (!owned.containsKey(partition)) {
            throw new Abandoned(partition);
        }
    }

    @Override
    public CompletableFuture<Void> after(int partition, Duration delay) {
        Set<CompletableFuture<Void>> waits = owned.get(partition);
        if (waits == null) {
            return CompletableFuture.failedFuture(new Abandoned(partition));
        }
        CompletableFuture<Void> wait = new CompletableFuture<>();
        waits.add(wait);
        timer.schedule(context.apply(() -> {
            waits.remove(wait);
            if (owned.containsKey(partition)) {
                wait.complete(null);
            } else {
                wait.completeExceptionally(new Abandoned(partition));
            }
        }), delay.toMillis(), TimeUnit.MILLISECONDS);
        return wait;
    }
}

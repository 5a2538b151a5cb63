package io.checkoutrelay.importer.consumer;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.checkoutrelay.importer.flow.PartitionLease;
import io.checkoutrelay.observability.trace.CheckoutTracing;

/** The partitions this instance owns, and timed waits that end early when a partition is given away. */
final class Ownership implements PartitionLease {

    private final ScheduledExecutorService timer;
    private final CheckoutTracing tracing;
    private final Map<Integer, Set<CompletableFuture<Void>>> owned = new ConcurrentHashMap<>();

    Ownership(ScheduledExecutorService timer, CheckoutTracing tracing) {
        this.timer = timer;
        this.tracing = tracing;
    }

    void own(int partition) {
        owned.put(partition, ConcurrentHashMap.newKeySet());
    }

    /** Gives the partition away: every wait on it fails at once with {@link Abandoned}. */
    void release(int partition) {
        Set<CompletableFuture<Void>> waits = owned.remove(partition);
        if (waits != null) {
            waits.forEach(wait -> wait.completeExceptionally(new Abandoned(partition)));
        }
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
        timer.schedule(tracing.bind(() -> {
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

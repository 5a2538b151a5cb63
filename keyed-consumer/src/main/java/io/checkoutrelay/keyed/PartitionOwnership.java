package io.checkoutrelay.keyed;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partitions this instance owns (the lease work asks), and timed waits that end early when a
 * partition is given away. Owned from assignment until the revoke starts: from then on no new side
 * effect starts, while work already past its side effect may still record its outcome.
 *
 * <p>Each assignment of a partition is a new ownership. Work runs under the ownership it was handed out
 * in: work of an earlier one never starts, and a partition taken back while work of an earlier ownership
 * still runs (it outlived the revoke-wait, e.g. in a CRM call) is owned again only once that work has
 * ended. Until then the old work fails its next {@link #requireOwned} and its writes are refused, and
 * the new ownership's records wait: the same record or key never runs twice at once on one instance.
 */
public final class PartitionOwnership implements PartitionLease {

    private static final Logger log = LoggerFactory.getLogger(PartitionOwnership.class);

    private final ScheduledExecutorService timer;
    private final UnaryOperator<Runnable> context;
    private final Map<Integer, Set<CompletableFuture<Void>>> owned = new ConcurrentHashMap<>();
    private final Map<Integer, Long> ownerships = new HashMap<>();
    private final Map<Integer, Integer> running = new HashMap<>();
    private final Map<Integer, CompletableFuture<Void>> takingBack = new ConcurrentHashMap<>();

    /** @param context wraps each timed continuation, e.g. to carry the caller's trace and log context */
    public PartitionOwnership(ScheduledExecutorService timer, UnaryOperator<Runnable> context) {
        this.timer = timer;
        this.context = context;
    }

    /** A new ownership of the partition; owned at once, or once the work of earlier ownerships has ended. */
    synchronized void own(int partition) {
        ownerships.merge(partition, 1L, Long::sum);
        int earlier = running.getOrDefault(partition, 0);
        if (earlier == 0) {
            owned.putIfAbsent(partition, ConcurrentHashMap.newKeySet());
        } else {
            takingBack.putIfAbsent(partition, new CompletableFuture<>());
            log.warn("partition {} taken back while {} record(s) of its previous ownership are still in work: "
                    + "its records wait until they end", partition, earlier);
        }
    }

    /** The current ownership of the partition, for work handed out now. */
    synchronized long ownership(int partition) {
        return ownerships.getOrDefault(partition, 0L);
    }

    /**
     * Runs {@code work} under ownership {@code ownership} of the partition: once the partition is owned (after
     * the work of earlier ownerships, then started on {@code workers}), and not at all (failing with
     * {@link Abandoned}) if it was given away.
     */
    CompletableFuture<Void> run(int partition, long ownership, Supplier<CompletableFuture<Void>> work,
            Executor workers) {
        CompletableFuture<Void> ready;
        synchronized (this) {
            if (ownership(partition) != ownership) {
                return CompletableFuture.failedFuture(new Abandoned(partition));
            }
            ready = takingBack.getOrDefault(partition, CompletableFuture.completedFuture(null));
        }
        Function<Void, CompletableFuture<Void>> start = v -> {
            if (!begin(partition, ownership)) {
                return CompletableFuture.failedFuture(new Abandoned(partition));
            }
            CompletableFuture<Void> done;
            try {
                done = work.get();
            } catch (RuntimeException e) {
                done = CompletableFuture.failedFuture(e);
            }
            return done.whenComplete((ok, failure) -> end(partition));
        };
        return ready.isDone() ? ready.thenCompose(start) : ready.thenComposeAsync(start, workers);
    }

    /** True while the partition waits for work of an earlier ownership: no write of that work may be committed. */
    boolean takingBack(int partition) {
        return takingBack.containsKey(partition);
    }

    private synchronized boolean begin(int partition, long ownership) {
        if (ownership(partition) != ownership || !owned.containsKey(partition)) {
            return false;
        }
        running.merge(partition, 1, Integer::sum);
        return true;
    }

    private void end(int partition) {
        CompletableFuture<Void> ownedAgain;
        synchronized (this) {
            if (running.merge(partition, -1, Integer::sum) > 0) {
                return;
            }
            running.remove(partition);
            ownedAgain = takingBack.remove(partition);
            if (ownedAgain == null) {
                return;
            }
            owned.putIfAbsent(partition, ConcurrentHashMap.newKeySet());
        }
        log.info("partition {}: the work of its previous ownership has ended; its records are handed out", partition);
        ownedAgain.complete(null);
    }

    /** Gives the partition away: every wait on it fails at once with {@link Abandoned}. */
    void release(int partition) {
        Set<CompletableFuture<Void>> waits;
        CompletableFuture<Void> waiting;
        synchronized (this) {
            waits = owned.remove(partition);
            waiting = takingBack.remove(partition);
        }
        if (waits != null) {
            waits.forEach(wait -> wait.completeExceptionally(new Abandoned(partition)));
        }
        if (waiting != null) {
            waiting.completeExceptionally(new Abandoned(partition));
        }
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
            if (owned.get(partition) == waits) {
                wait.complete(null);
            } else {
                wait.completeExceptionally(new Abandoned(partition));
            }
        }), delay.toMillis(), TimeUnit.MILLISECONDS);
        return wait;
    }
}
